import { getPostmortem, updatePostmortem } from '../../store/postmortems.js';
import { transact, type ServiceContext } from '../context.js';
import { presentPostmortem } from './present.js';
import { assertPublished, loadForPostmortem, withdrawPublication } from './published.js';
import type { Postmortem } from './schemas.js';

/** Back to a draft: the postmortem update disappears and the incident returns to resolved. */
export async function unpublishPostmortem(ctx: ServiceContext, incidentId: string): Promise<Postmortem> {
  return transact(ctx, async (tx) => {
    const { incident, postmortem } = await loadForPostmortem(tx, incidentId);
    assertPublished(postmortem);
    await withdrawPublication(tx, incident);
    await updatePostmortem(tx.db, incidentId, { published_at: null, updated_at: tx.now });
    const after = presentPostmortem((await getPostmortem(tx.db, incidentId))!);
    await tx.audit('postmortem.unpublish', { type: 'postmortem', id: incidentId }, presentPostmortem(postmortem), after);
    return after;
  });
}
