// The authenticated caller of a core function, and the role checks every service makes itself.
import type { Role } from '../../common/contract';
import { AppError } from '../../common/errors';

export type Actor = { userId: string; username: string; fullName: string; role: Role };

export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN', { role: actor.role });
}
