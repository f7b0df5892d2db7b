// The signed-in user, the app info and the sign-out action, for every screen inside the shell.
import { createContext, useContext } from 'react';
import type { CallOutput, SessionInfo } from '../../electron/common/contract';

export type AppInfo = CallOutput<'app.info'>;

export type SessionState = {
  session: SessionInfo;
  appInfo: AppInfo;
  signOut(): Promise<void>;
};

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside the signed-in shell');
  return ctx;
}
