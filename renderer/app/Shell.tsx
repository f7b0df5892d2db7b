// Signed-in frame: left navigation, the routed screen, the status bar, the idle lock and shortcuts.
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { SessionInfo } from '../../electron/common/contract';
import { useApi } from '../api/api-context';
import { useQueryEvents } from '../api/query';
import { LockScreen } from '../features/login/LockScreen';
import { useIdle } from '../features/login/use-idle';
import { StatusBar } from '../features/status-bar/StatusBar';
import { useT } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/vi';
import { flushPendingSaves } from './pending-saves';
import { navigate, routeHref, useRoute, type Route } from './router';
import { RouteView } from './RouteView';
import { useNavCounts, type NavCounts } from './use-nav-counts';
import { SessionContext, type AppInfo, type SessionState } from './session-context';
import { useGlobalShortcuts } from './use-shortcuts';

type ShellProps = {
  appInfo: AppInfo;
  session: SessionInfo;
  onSessionChange(session: SessionInfo): void;
  onSignedOut(): void;
};

type NavItem = {
  route: Route;
  label: MessageKey;
  hint?: MessageKey;
  adminOnly?: boolean;
  /** shown only to supervisors and admins */
  oversight?: boolean;
  /** work waiting there, shown as a badge */
  count?: keyof NavCounts;
  matches: Route['name'][];
};
const navItems: NavItem[] = [
  { route: { name: 'new' }, label: 'nav.newDossier', hint: 'nav.shortcutNew', matches: ['new', 'intake'] },
  { route: { name: 'queue' }, label: 'nav.queue', matches: ['queue', 'dossier'] },
  { route: { name: 'returned' }, label: 'nav.returned', count: 'returned', matches: ['returned'] },
  { route: { name: 'review' }, label: 'nav.review', oversight: true, count: 'review', matches: ['review', 'reviewItem'] },
  { route: { name: 'dashboard' }, label: 'nav.dashboard', oversight: true, matches: ['dashboard'] },
  { route: { name: 'chasing' }, label: 'nav.chasing', oversight: true, count: 'chasing', matches: ['chasing'] },
  { route: { name: 'closing' }, label: 'nav.closing', oversight: true, matches: ['closing'] },
  { route: { name: 'audit' }, label: 'nav.audit', oversight: true, matches: ['audit', 'accessLog'] },
  { route: { name: 'privacy' }, label: 'nav.privacy', oversight: true, matches: ['privacy'] },
  { route: { name: 'users' }, label: 'nav.users', adminOnly: true, matches: ['users'] },
  { route: { name: 'settings' }, label: 'nav.settings', matches: ['settings'] },
];

export function Shell({ appInfo, session, onSessionChange, onSignedOut }: ShellProps) {
  const api = useApi();
  const t = useT();
  const route = useRoute();
  const [locked, setLocked] = useState(false);
  const lockedRef = useRef(false);

  const signOut = useCallback(async () => {
    await flushPendingSaves();
    try {
      await api.call('auth.logout', {});
    } finally {
      onSignedOut();
    }
  }, [api, onSignedOut]);

  const lock = useCallback(async () => {
    if (lockedRef.current) return;
    lockedRef.current = true;
    setLocked(true);
    await flushPendingSaves();
    try {
      await api.call('auth.logout', {});
    } catch {
      // the server may already have ended the session; the lock stands either way
    }
    api.setSession(null);
  }, [api]);

  useIdle(session.idleTimeoutMs, !locked, () => void lock());
  // the server ended the session (expired, revoked): same lock screen, the work behind it stays
  useEffect(() => api.onUnauthenticated(() => void lock()), [api, lock]);
  useGlobalShortcuts(!locked);
  useQueryEvents();

  const state = useMemo<SessionState>(() => ({ session, appInfo, signOut }), [session, appInfo, signOut]);
  const isAdmin = session.user.role === 'admin';
  const counts = useNavCounts(session.user.role);

  const go = (target: Route) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    void navigate(target);
  };

  return (
    <SessionContext.Provider value={state}>
      <div className="shell">
        <nav className="sidebar" aria-label={t('nav.label')}>
          <div className="sidebar__brand">
            <span className="brand-mark" aria-hidden="true">
              DVC
            </span>
            <span>
              <span className="sidebar__app">{t('app.name')}</span>
              {appInfo.office ? <span className="sidebar__office">{appInfo.office.name}</span> : null}
            </span>
          </div>
          <ul className="sidebar__list">
            {navItems
              .filter((item) => (!item.adminOnly || isAdmin) && (!item.oversight || session.user.role !== 'agent'))
              .map((item) => (
                <li key={item.route.name}>
                  <a
                    className="sidebar__link"
                    href={routeHref(item.route)}
                    aria-current={item.matches.includes(route.name) ? 'page' : undefined}
                    onClick={go(item.route)}
                  >
                    <span>{t(item.label)}</span>
                    {item.hint ? <kbd className="kbd">{t(item.hint)}</kbd> : null}
                    {item.count && counts[item.count] > 0 ? (
                      <span className="sidebar__count" title={t(`nav.count.${item.count}`, { count: counts[item.count] })}>
                        <span aria-hidden="true">{counts[item.count] > 99 ? '99+' : counts[item.count]}</span>
                        <span className="visually-hidden">{`, ${t(`nav.count.${item.count}`, { count: counts[item.count] })}`}</span>
                      </span>
                    ) : null}
                  </a>
                </li>
              ))}
          </ul>
          <div className="sidebar__user">
            <span className="sidebar__user-name">{session.user.fullName}</span>
            <span className="sidebar__user-role">{t(`role.${session.user.role}`)}</span>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => void signOut()}>
              {t('nav.logout')}
            </button>
          </div>
        </nav>
        <main className="main" id="main">
          <RouteView route={route} />
        </main>
        <StatusBar user={session.user} version={appInfo.version} />
      </div>
      {locked ? (
        <LockScreen
          user={session.user}
          idleMinutes={Math.max(1, Math.round(session.idleTimeoutMs / 60000))}
          onUnlocked={(next) => {
            onSessionChange(next);
            lockedRef.current = false;
            setLocked(false);
            void flushPendingSaves(); // edits that failed to save while the session was gone go out now
          }}
          onSwitchUser={() => {
            lockedRef.current = false;
            setLocked(false);
            onSignedOut();
          }}
        />
      ) : null}
    </SessionContext.Provider>
  );
}
