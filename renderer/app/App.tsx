// Boot flow: ask the app whether it needs first-run setup, restore the session if any, else show login.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '../../electron/common/contract';
import { useApi } from '../api/api-context';
import { isApiError } from '../api/client';
import { LoginPage } from '../features/login/LoginPage';
import { SetupPage } from '../features/setup/SetupPage';
import { useT } from '../i18n/i18n-context';
import { errorText } from '../ui/error-text';
import { homeRoute, routeHref } from './router';
import type { AppInfo } from './session-context';
import { Shell } from './Shell';

type Boot =
  | { stage: 'loading' }
  | { stage: 'failed'; error: unknown }
  | { stage: 'setup'; appInfo: AppInfo }
  | { stage: 'login'; appInfo: AppInfo }
  | { stage: 'in'; appInfo: AppInfo; session: SessionInfo };

export function App() {
  const api = useApi();
  const t = useT();
  const queries = useQueryClient();
  const [boot, setBoot] = useState<Boot>({ stage: 'loading' });

  const start = useCallback(async () => {
    setBoot({ stage: 'loading' });
    try {
      const appInfo = await api.call('app.info', {});
      if (appInfo.setupRequired) {
        setBoot({ stage: 'setup', appInfo });
        return;
      }
      if (api.session()) {
        try {
          const session = await api.call('auth.session', {});
          setBoot({ stage: 'in', appInfo, session });
          return;
        } catch (err) {
          if (!isApiError(err) || err.code === 'TRANSPORT') throw err;
          api.setSession(null);
        }
      }
      setBoot({ stage: 'login', appInfo });
    } catch (err) {
      setBoot({ stage: 'failed', error: err });
    }
  }, [api]);

  useEffect(() => {
    void start();
  }, [start]);

  /** a sign-in (not an unlock): the new user starts on their own home, with nothing of the last user's cached */
  const signedIn = useCallback(
    (appInfo: AppInfo, session: SessionInfo) => {
      queries.clear();
      api.setSession(session.token);
      window.location.hash = routeHref(homeRoute(session.user.role));
      setBoot({ stage: 'in', appInfo: { ...appInfo, setupRequired: false }, session });
    },
    [api, queries],
  );
  const unlocked = useCallback(
    (appInfo: AppInfo, session: SessionInfo) => {
      api.setSession(session.token);
      setBoot({ stage: 'in', appInfo, session });
    },
    [api],
  );

  switch (boot.stage) {
    case 'loading':
      return (
        <main className="boot" aria-busy="true">
          <p>{t('app.loading')}</p>
        </main>
      );
    case 'failed':
      return (
        <main className="boot">
          <p role="alert">{t('app.startFailed', { detail: errorText(boot.error, t) })}</p>
          <button type="button" className="btn btn--primary" onClick={() => void start()}>
            {t('app.retry')}
          </button>
        </main>
      );
    case 'setup':
      return <SetupPage onDone={(session) => signedIn(boot.appInfo, session)} />;
    case 'login':
      return <LoginPage appInfo={boot.appInfo} onDone={(session) => signedIn(boot.appInfo, session)} />;
    case 'in':
      return (
        <Shell
          appInfo={boot.appInfo}
          session={boot.session}
          onSessionChange={(session) => unlocked(boot.appInfo, session)}
          onSignedOut={() => {
            api.setSession(null);
            queries.clear(); // the next user never sees the last one's lists or dossiers, even for a moment
            setBoot({ stage: 'login', appInfo: boot.appInfo });
          }}
        />
      );
  }
}
