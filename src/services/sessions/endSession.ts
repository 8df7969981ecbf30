import { hashSecretToken } from '../../lib/secret-token.js';
import { deleteSession, deleteUserSessions, getSessionWithUser } from '../../store/sessions.js';
import { transact, type ServiceContext } from '../context.js';

/** Signs one browser out. Unknown tokens are fine: signing out twice is not an error. */
export async function endSession(ctx: ServiceContext, token: string): Promise<void> {
  const id = hashSecretToken(token);
  const found = await getSessionWithUser(ctx.db, id);
  if (!found) return;
  await transact({ ...ctx, actor: { type: 'user', id: found.user.id, name: found.user.email } }, async (tx) => {
    await deleteSession(tx.db, id);
    await tx.audit('user.sign_out', { type: 'user', id: found.user.id }, null, { method: found.session.method });
  });
}

/** Signs a user out of every browser (their own choice, a password change, an admin disabling them). */
export async function endAllSessions(ctx: ServiceContext, userId: string): Promise<number> {
  return transact(ctx, async (tx) => {
    const ended = await deleteUserSessions(tx.db, userId);
    await tx.audit('user.sign_out_everywhere', { type: 'user', id: userId }, null, { sessions: ended });
    return ended;
  });
}
