// Hash routes (#/queue, #/intake/<id>, ...): work from file:// in Electron and survive a reload in the web host.
import { useEffect, useState } from 'react';
import type { Role } from '../../electron/common/contract';
import { flushPendingSaves } from './pending-saves';

export type Route =
  | { name: 'new' }
  | { name: 'intake'; id: string }
  /** `status`: open the queue filtered on it ("#/queue/needs_fix" from the status bar) */
  | { name: 'queue'; status?: string }
  | { name: 'dossier'; id: string }
  | { name: 'users' }
  | { name: 'settings' }
  | { name: 'review' }
  | { name: 'reviewItem'; id: string }
  | { name: 'returned' }
  | { name: 'dashboard' }
  | { name: 'chasing' }
  | { name: 'closing' }
  | { name: 'audit' }
  /** supervisor: the personal-data access log (under Nhật ký), and citizens' requests with retention */
  | { name: 'accessLog' }
  | { name: 'privacy' }
  /** admin: the office's corrections of one procedure's checklist */
  | { name: 'catalogEdit'; code: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, arg] = parts;
  switch (head) {
    case 'intake':
      return arg ? { name: 'intake', id: arg } : { name: 'new' };
    case 'dossier':
      return arg ? { name: 'dossier', id: arg } : { name: 'queue' };
    case 'queue':
      return arg ? { name: 'queue', status: arg } : { name: 'queue' };
    case 'users':
      return { name: 'users' };
    case 'settings':
      return { name: 'settings' };
    case 'review':
      return arg ? { name: 'reviewItem', id: arg } : { name: 'review' };
    case 'catalog-edit':
      return arg ? { name: 'catalogEdit', code: arg } : { name: 'new' };
    case 'returned':
    case 'dashboard':
    case 'chasing':
    case 'closing':
    case 'audit':
    case 'privacy':
      return { name: head };
    case 'access-log':
      return { name: 'accessLog' };
    default:
      return { name: 'new' };
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'intake':
    case 'dossier':
      return `#/${route.name}/${encodeURIComponent(route.id)}`;
    case 'reviewItem':
      return `#/review/${encodeURIComponent(route.id)}`;
    case 'catalogEdit':
      return `#/catalog-edit/${encodeURIComponent(route.code)}`;
    case 'queue':
      return route.status ? `#/queue/${encodeURIComponent(route.status)}` : '#/queue';
    case 'accessLog':
      return '#/access-log';
    default:
      return `#/${route.name}`;
  }
}

/**
 * Where each role starts after signing in, whatever the last user had open: an agent takes citizens (Hồ sơ mới), a
 * supervisor reviews (Duyệt hồ sơ), an admin manages the office's accounts (Người dùng).
 */
export function homeRoute(role: Role): Route {
  switch (role) {
    case 'agent':
      return { name: 'new' };
    case 'supervisor':
      return { name: 'review' };
    case 'admin':
      return { name: 'users' };
  }
}

/** Saves what is pending on the current screen, then moves to the route. */
export async function navigate(route: Route): Promise<void> {
  await flushPendingSaves();
  window.location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
