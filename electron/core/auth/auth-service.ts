// First-run set-up, login with lockout, idle-expiring sessions, and user administration.
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { sessions, users } from '../../../db/schema';
import type { Office, Role, SessionInfo, User } from '../../common/contract';
import { AppError } from '../../common/errors';
import { tidyText } from '../../common/text';
import { appendAudit } from '../audit/audit-log';
import type { Clock, Ids } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { requireRole, type Actor } from './actor';
import {
  admitAttempt,
  afterFailure,
  createFailureBucket,
  createPhantomAccounts,
  LOCKOUT_MS,
  MAX_FAILED_LOGINS,
  type AttemptState,
} from './login-guard';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords';

export { LOCKOUT_MS, MAX_FAILED_LOGINS };
/** lastSeenAt is rewritten at most this often, so every call is not a disk write */
const TOUCH_EVERY_MS = 15_000;

type UserRow = typeof users.$inferSelect;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    active: row.active,
    lockedUntil: row.lockedUntil,
    createdAt: row.createdAt,
  };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  settings: SettingsService;
  /** lower-case common passwords refused for new passwords (loadCommonPasswords) */
  commonPasswords: ReadonlySet<string>;
}) {
  const { db, clock, ids, settings } = deps;
  const failures = createFailureBucket(clock);
  const phantoms = createPhantomAccounts();
  /** attempts whose password is being hashed now, per username (see admitAttempt) */
  const inFlight = new Map<string, number>();
  /** what an unknown username's password is checked against, so its answer costs one scrypt like a real one */
  const dummyHash = hashPassword(ids.token());
  void dummyHash.catch(() => undefined); // awaited (and so reported) at the first unknown username
  const endedListeners = new Set<() => void>();
  const sessionsEnded = () => {
    for (const listener of endedListeners) listener();
  };

  const idleTimeoutMs = () => (settings.hasOffice() ? settings.get().idleTimeoutMinutes : 15) * 60_000;

  function openSession(user: UserRow): SessionInfo {
    const token = ids.token();
    const now = clock.now();
    db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, createdAt: now, lastSeenAt: now }).run();
    return { token, user: toUser(user), idleTimeoutMs: idleTimeoutMs() };
  }

  function setupRequired(): boolean {
    const row = db.select({ n: count() }).from(users).get();
    return (row?.n ?? 0) === 0 || !settings.hasOffice();
  }

  async function createUserRow(input: { username: string; fullName: string; role: Role; password: string }) {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{3,40}$/.test(username)) {
      throw new AppError('VALIDATION', {
        fields: { username: 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang; 3–40 ký tự.' },
      });
    }
    checkPasswordStrength(input.password, { username, common: deps.commonPasswords });
    if (db.select().from(users).where(eq(users.username, username)).get()) throw new AppError('USERNAME_TAKEN');
    const row: UserRow = {
      id: ids.uuid(),
      username,
      fullName: tidyText(input.fullName),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      failedAttempts: 0,
      lockedUntil: null,
      active: true,
      createdAt: clock.now(),
    };
    return row;
  }

  /** recorded in its own committed transaction: throwing inside it would roll the lock back */
  function recordKnownFailure(userId: string, now: number): boolean {
    return db.transaction(() => {
      const row = db.select().from(users).where(eq(users.id, userId)).get();
      if (!row) return false;
      const { next, locked } = afterFailure(row, now);
      const newlyLocked = locked && row.lockedUntil !== next.lockedUntil;
      db.update(users).set(next).where(eq(users.id, userId)).run();
      appendAudit(db, { at: now, actorId: userId, action: newlyLocked ? 'auth.locked' : 'auth.failed', entity: 'user', entityId: userId });
      return locked;
    });
  }

  function recordPhantomFailure(username: string, now: number): boolean {
    const { next, locked } = afterFailure(phantoms.get(username), now);
    phantoms.set(username, next);
    return locked;
  }

  return {
    setupRequired,

    async completeSetup(input: { office: Office; admin: { username: string; fullName: string; password: string }; counterNumber?: number }) {
      if (!setupRequired()) throw new AppError('SETUP_DONE');
      const row = await createUserRow({ ...input.admin, role: 'admin' });
      return db.transaction(() => {
        if (!setupRequired()) throw new AppError('SETUP_DONE');
        settings.initialise({ ...input.office, name: tidyText(input.office.name), address: tidyText(input.office.address) }, input.counterNumber ?? 1);
        db.insert(users).values(row).run();
        appendAudit(db, { at: clock.now(), actorId: row.id, action: 'setup.complete', entity: 'office', entityId: input.office.code });
        return openSession(row);
      });
    },

    /**
     * Per account: the lock check counts the guesses being hashed right now, and the check and that count happen in one
     * synchronous step, so parallel guesses cannot all pass it; failures are counted in one transaction each. Across
     * accounts: a bucket of failures. An unknown username costs the same hash and gets the same answers as a real one.
     */
    async login(usernameRaw: string, password: string): Promise<SessionInfo> {
      if (setupRequired()) throw new AppError('SETUP_REQUIRED');
      const username = usernameRaw.trim().toLowerCase();
      const now = clock.now();
      const user = db.select().from(users).where(eq(users.username, username)).get();
      const state: AttemptState = user ?? phantoms.get(username);
      // a locked account answers at once and spends no failure token
      const verdict = admitAttempt(state, inFlight.get(username) ?? 0, now);
      if (verdict.kind === 'locked') throw new AppError('ACCOUNT_LOCKED', { minutes: verdict.minutes });
      if (!failures.take()) throw new AppError('TOO_MANY_LOGINS', { seconds: failures.waitSeconds() });
      inFlight.set(username, (inFlight.get(username) ?? 0) + 1); // no await between the check and this
      let ok: boolean;
      try {
        ok = await verifyPassword(password, user ? user.passwordHash : await dummyHash);
      } finally {
        const left = (inFlight.get(username) ?? 1) - 1;
        if (left > 0) inFlight.set(username, left);
        else inFlight.delete(username);
      }
      if (!ok || !user) {
        const locked = user ? recordKnownFailure(user.id, clock.now()) : recordPhantomFailure(username, clock.now());
        if (locked) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCKOUT_MS / 60_000 });
        throw new AppError('BAD_CREDENTIALS');
      }
      failures.refund();
      return db.transaction(() => {
        const current = db.select().from(users).where(eq(users.id, user.id)).get();
        if (!current) throw new AppError('BAD_CREDENTIALS');
        // a parallel wrong guess may have locked the account while this one was being hashed
        if (current.lockedUntil !== null && current.lockedUntil > clock.now()) {
          throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((current.lockedUntil - clock.now()) / 60_000) });
        }
        // only someone who knows the password learns that the account is disabled
        if (!current.active) throw new AppError('ACCOUNT_DISABLED');
        db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id)).run();
        appendAudit(db, { at: now, actorId: user.id, action: 'auth.login', entity: 'user', entityId: user.id });
        return openSession(current);
      });
    },

    /** Whether a session is still open, without counting this as activity (event streams ask this). */
    alive(token: string | null | undefined): boolean {
      if (!token) return false;
      const row = db
        .select({ endedAt: sessions.endedAt, lastSeenAt: sessions.lastSeenAt, active: users.active })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, hashToken(token)))
        .get();
      return !!row && row.endedAt === null && row.active && clock.now() - row.lastSeenAt <= idleTimeoutMs();
    },

    /** Called after any session ended (logout, idle, a disabled account, a new password); listeners re-check theirs. */
    onSessionsEnded(listener: () => void): () => void {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },

    /** Resolves a bearer token to its actor, ending sessions idle past the office's timeout. */
    resolve(token: string | null | undefined): { actor: Actor; session: SessionInfo } {
      if (!token) throw new AppError('UNAUTHENTICATED');
      const tokenHash = hashToken(token);
      const row = db
        .select({ s: sessions, u: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, tokenHash))
        .get();
      const now = clock.now();
      if (!row || row.s.endedAt !== null || !row.u.active) throw new AppError('UNAUTHENTICATED');
      const idle = idleTimeoutMs();
      if (now - row.s.lastSeenAt > idle) {
        db.update(sessions).set({ endedAt: now }).where(eq(sessions.tokenHash, tokenHash)).run();
        sessionsEnded();
        throw new AppError('UNAUTHENTICATED', { reason: 'idle' });
      }
      if (now - row.s.lastSeenAt > TOUCH_EVERY_MS) {
        db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash)).run();
      }
      const actor: Actor = { userId: row.u.id, username: row.u.username, fullName: row.u.fullName, role: row.u.role };
      return { actor, session: { token, user: toUser(row.u), idleTimeoutMs: idle } };
    },

    logout(token: string): void {
      db.update(sessions).set({ endedAt: clock.now() }).where(eq(sessions.tokenHash, hashToken(token))).run();
      sessionsEnded();
    },

    listUsers(actor: Actor): User[] {
      requireRole(actor, ['admin', 'supervisor']);
      return db.select().from(users).orderBy(users.fullName).all().map(toUser);
    },

    directory(): { id: string; fullName: string; role: Role }[] {
      return db.select({ id: users.id, fullName: users.fullName, role: users.role }).from(users).orderBy(users.fullName).all();
    },

    async createUser(actor: Actor, input: { username: string; fullName: string; role: Role; password: string }): Promise<User> {
      requireRole(actor, ['admin']);
      const row = await createUserRow(input);
      return db.transaction(() => {
        db.insert(users).values(row).run();
        appendAudit(db, { at: clock.now(), actorId: actor.userId, action: 'user.create', entity: 'user', entityId: row.id, details: { role: row.role } });
        return toUser(row);
      });
    },

    async updateUser(
      actor: Actor,
      input: { id: string; fullName?: string; role?: Role; active?: boolean; password?: string; unlock?: boolean },
    ): Promise<User> {
      requireRole(actor, ['admin']);
      const existing = db.select().from(users).where(eq(users.id, input.id)).get();
      if (!existing) throw new AppError('NOT_FOUND');
      if (input.password !== undefined) checkPasswordStrength(input.password, { username: existing.username, common: deps.commonPasswords });
      const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
      if (existing.id === actor.userId && (input.active === false || (input.role && input.role !== 'admin'))) {
        throw new AppError('FORBIDDEN', { reason: 'self' });
      }
      const updated = db.transaction(() => {
        const patch: Partial<UserRow> = {};
        if (input.fullName !== undefined) patch.fullName = tidyText(input.fullName);
        if (input.role !== undefined) patch.role = input.role;
        if (input.active !== undefined) patch.active = input.active;
        if (passwordHash !== undefined) patch.passwordHash = passwordHash;
        if (input.unlock) Object.assign(patch, { lockedUntil: null, failedAttempts: 0 });
        db.update(users).set(patch).where(eq(users.id, input.id)).run();
        if (input.active === false || passwordHash !== undefined) {
          db.update(sessions).set({ endedAt: clock.now() }).where(eq(sessions.userId, input.id)).run();
        }
        appendAudit(db, {
          at: clock.now(),
          actorId: actor.userId,
          action: 'user.update',
          entity: 'user',
          entityId: input.id,
          details: { changed: Object.keys(patch).filter((k) => k !== 'passwordHash').concat(passwordHash ? ['password'] : []) },
        });
        const row = db.select().from(users).where(eq(users.id, input.id)).get();
        if (!row) throw new AppError('NOT_FOUND');
        return toUser(row);
      });
      if (input.active === false || passwordHash !== undefined) sessionsEnded();
      return updated;
    },
  };
}
