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
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
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

export function createAuthService(deps: { db: Db; clock: Clock; ids: Ids; settings: SettingsService }) {
  const { db, clock, ids, settings } = deps;

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
    checkPasswordStrength(input.password);
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{3,40}$/.test(username)) {
      throw new AppError('VALIDATION', {
        fields: { username: 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang; 3–40 ký tự.' },
      });
    }
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

  return {
    setupRequired,

    async completeSetup(input: { office: Office; admin: { username: string; fullName: string; password: string } }) {
      if (!setupRequired()) throw new AppError('SETUP_DONE');
      const row = await createUserRow({ ...input.admin, role: 'admin' });
      return db.transaction(() => {
        if (!setupRequired()) throw new AppError('SETUP_DONE');
        settings.initialise({ ...input.office, name: tidyText(input.office.name), address: tidyText(input.office.address) });
        db.insert(users).values(row).run();
        appendAudit(db, { at: clock.now(), actorId: row.id, action: 'setup.complete', entity: 'office', entityId: input.office.code });
        return openSession(row);
      });
    },

    async login(usernameRaw: string, password: string): Promise<SessionInfo> {
      if (setupRequired()) throw new AppError('SETUP_REQUIRED');
      const username = usernameRaw.trim().toLowerCase();
      const user = db.select().from(users).where(eq(users.username, username)).get();
      const now = clock.now();
      if (!user) throw new AppError('BAD_CREDENTIALS');
      if (!user.active) throw new AppError('ACCOUNT_DISABLED');
      if (user.lockedUntil !== null && user.lockedUntil > now) {
        throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((user.lockedUntil - now) / 60_000) });
      }
      const ok = await verifyPassword(password, user.passwordHash);
      if (!ok) {
        // recorded in its own committed transaction: throwing inside it would roll the count back
        const failed = user.failedAttempts + 1;
        const locked = failed >= MAX_FAILED_LOGINS;
        db.transaction(() => {
          db.update(users)
            .set({ failedAttempts: locked ? 0 : failed, lockedUntil: locked ? now + LOCKOUT_MS : user.lockedUntil })
            .where(eq(users.id, user.id))
            .run();
          appendAudit(db, { at: now, actorId: user.id, action: locked ? 'auth.locked' : 'auth.failed', entity: 'user', entityId: user.id });
        });
        if (locked) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCKOUT_MS / 60_000 });
        throw new AppError('BAD_CREDENTIALS');
      }
      return db.transaction(() => {
        db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id)).run();
        appendAudit(db, { at: now, actorId: user.id, action: 'auth.login', entity: 'user', entityId: user.id });
        return openSession(user);
      });
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
      if (input.password !== undefined) checkPasswordStrength(input.password);
      const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
      if (existing.id === actor.userId && (input.active === false || (input.role && input.role !== 'admin'))) {
        throw new AppError('FORBIDDEN', { reason: 'self' });
      }
      return db.transaction(() => {
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
        const updated = db.select().from(users).where(eq(users.id, input.id)).get();
        if (!updated) throw new AppError('NOT_FOUND');
        return toUser(updated);
      });
    },
  };
}
