// Who a session cookie belongs to, if anyone: expired, idle or disabled
// sessions are refused (and removed); a live one is touched at most once a
// minute, so nearly every request is a read.
import { hashSecretToken } from '../../lib/secret-token.js';
import { deleteSession, getSessionWithUser, touchSession } from '../../store/sessions.js';
import type { SessionRow, UserRow } from '../../store/schema.js';
import { transact, type Actor, type ServiceContext } from '../context.js';
import { roleOf } from '../users/present.js';
import type { SessionPolicy } from './policy.js';

export interface ResolvedSession {
  session: SessionRow;
  user: UserRow;
  actor: Actor;
}

export function actorOf(user: UserRow): Actor {
  return { type: 'user', id: user.id, name: user.email, role: roleOf(user) };
}

export async function resolveSession(ctx: ServiceContext, policy: SessionPolicy, token: string): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const id = hashSecretToken(token);
  const found = await getSessionWithUser(ctx.db, id);
  if (!found) return null;
  const now = ctx.clock.now();
  const { session, user } = found;
  const idleUntil = Date.parse(session.last_seen_at) + policy.idleMs;
  if (Date.parse(session.expires_at) <= now.getTime() || idleUntil <= now.getTime() || user.disabled_at !== null) {
    // Removing a dead session is housekeeping, not a change anyone made.
    await transact(ctx, (tx) => deleteSession(tx.db, id), { audit: false });
    return null;
  }
  if (now.getTime() - Date.parse(session.last_seen_at) >= policy.touchMs) {
    const at = now.toISOString();
    // last_seen_at is a measurement (the idle clock), not a change.
    await transact(ctx, (tx) => touchSession(tx.db, id, at), { audit: false });
    session.last_seen_at = at;
  }
  return { session, user, actor: actorOf(user) };
}
