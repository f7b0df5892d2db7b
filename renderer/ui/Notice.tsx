// Inline messages: errors are announced (role=alert), confirmations politely (role=status).
import type { ReactNode } from 'react';

export function ErrorNotice({ children, id }: { children: ReactNode; id?: string }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <p className="notice notice--error" role="alert" id={id}>
      {children}
    </p>
  );
}

export function InfoNotice({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <p className="notice notice--info" role="status">
      {children}
    </p>
  );
}
