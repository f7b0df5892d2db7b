// Centred card used by the screens shown before sign-in (first-run setup, login).
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-context';

export function AuthLayout({
  title,
  subtitle,
  children,
  wide,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const t = useT();
  return (
    <main className="auth">
      <div className={`auth__card${wide ? ' auth__card--wide' : ''}`}>
        <p className="auth__brand">
          <span className="brand-mark" aria-hidden="true">
            DVC
          </span>
          {t('app.name')}
        </p>
        <h1 className="auth__title">{title}</h1>
        {subtitle ? <p className="auth__subtitle">{subtitle}</p> : null}
        {children}
      </div>
    </main>
  );
}
