// Core events after logout: a window (Electron IPC) or stream (web host) gets them only while its session lives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../electron/common/contract';
import { createWindowFeeds, type FeedTarget } from '../../electron/main/window-feeds';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';

let h: Harness;
let t: Awaited<ReturnType<typeof setupOffice>>;

function fakeWindow(id: number) {
  const received: string[] = [];
  let onDestroyed = () => undefined as void;
  let destroyed = false;
  const target: FeedTarget = {
    id,
    isDestroyed: () => destroyed,
    send: (_channel, event) => void received.push(String(event)),
    once: (_event, listener) => (onDestroyed = listener),
  };
  return { target, received, close: () => ((destroyed = true), onDestroyed()) };
}

const emit = () => h.core.events.emit('dossier.changed', { dossierId: 'x' });

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
});
afterAll(async () => h.close());

describe('events end with the session', () => {
  it('a window stops receiving events when its session logs out, and cannot name an ended session', async () => {
    const feeds = createWindowFeeds(h.core.openEventFeed);
    const win = fakeWindow(1);
    const session = (await h.call<{ token: string }>('auth.login', null, { username: 'nv.lan', password: 'tiepnhan01' })).token;
    expect(feeds.setSession(win.target, session)).toBe(true);
    emit();
    expect(win.received).toEqual(['dossier.changed']);
    await h.call('auth.logout', session);
    emit();
    expect(win.received).toEqual(['dossier.changed']);
    expect(feeds.setSession(win.target, session)).toBe(false);
    emit();
    expect(win.received).toHaveLength(1);
  });

  it('a window without a session, or with a made-up one, gets nothing', () => {
    const feeds = createWindowFeeds(h.core.openEventFeed);
    const a = fakeWindow(2);
    const b = fakeWindow(3);
    expect(feeds.setSession(a.target, null)).toBe(false);
    expect(feeds.setSession(b.target, 'not-a-session')).toBe(false);
    emit();
    expect([...a.received, ...b.received]).toEqual([]);
  });

  it('disabling an account ends its windows\' events; another user\'s window keeps them; a closed window none', async () => {
    const feeds = createWindowFeeds(h.core.openEventFeed);
    const hung = fakeWindow(4);
    const mai = fakeWindow(5);
    expect(feeds.setSession(hung.target, t.agent2)).toBe(true);
    expect(feeds.setSession(mai.target, t.supervisor)).toBe(true);
    const users = await h.call<User[]>('users.list', t.admin);
    const id = users.find((u) => u.username === 'nv.hung')?.id;
    await h.call('users.update', t.admin, { id, active: false });
    emit();
    expect(hung.received).toEqual([]);
    expect(mai.received).toEqual(['dossier.changed']);
    mai.close();
    emit();
    expect(mai.received).toEqual(['dossier.changed']);
  });
});
