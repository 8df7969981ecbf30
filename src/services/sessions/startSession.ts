// Signs a user in: a brand-new session (new token, new CSRF token) every time,
// so a token planted before sign-in never becomes a signed-in one (fixation).
import { hashSecretToken, newSecretToken } from '../../lib/secret-token.js';
import { insertSession, deleteSession } from '../../store/sessions.js';
import { updateUser } from '../../store/users.js';
import type { UserRow } from '../../store/schema.js';
import { transact, type ServiceContext, type Tx } from '../context.js';
import type { SessionPolicy } from './policy.js';

export type SignInMethod = 'password' | 'oidc' | 'setup' | 'invite' | 'reset';

export interface StartSessionInput {
  user: UserRow;
  method: SignInMethod;
  /** `totp`: the password was right and the second factor is still owed. */
  stage: 'full' | 'totp';
  ip: string | null;
  userAgent: string | null;
  /** The session this one replaces (the cookie the browser sent), ended in the same transaction. */
  replaces?: string | null;
}

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Inside a caller's transaction (setup, invitation, reset create the user and sign them in at once). */
export async function startSessionIn(tx: Tx, policy: SessionPolicy, input: StartSessionInput): Promise<StartedSession> {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const now = Date.parse(tx.now);
  const lifetime = input.stage === 'full' ? policy.absoluteMs : policy.secondFactorMs;
  const expiresAt = new Date(now + lifetime).toISOString();
  if (input.replaces) await deleteSession(tx.db, input.replaces);
  await insertSession(tx.db, {
    id: hashSecretToken(token),
    user_id: input.user.id,
    stage: input.stage,
    csrf_token: csrfToken,
    method: input.method,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
    created_at: tx.now,
    last_seen_at: tx.now,
    expires_at: expiresAt,
  });
  if (input.stage === 'full') {
    await updateUser(tx.db, input.user.id, { last_sign_in_at: tx.now, failed_sign_ins: 0, locked_until: null });
    await tx.audit('user.sign_in', { type: 'user', id: input.user.id }, null, { method: input.method, ip: input.ip });
  } else {
    await tx.audit('user.sign_in.password_accepted', { type: 'user', id: input.user.id }, null, { method: input.method, ip: input.ip });
  }
  return { token, csrfToken, expiresAt };
}

export function startSession(ctx: ServiceContext, policy: SessionPolicy, input: StartSessionInput): Promise<StartedSession> {
  return transact({ ...ctx, actor: { type: 'user', id: input.user.id, name: input.user.email } }, (tx) => startSessionIn(tx, policy, input));
}
