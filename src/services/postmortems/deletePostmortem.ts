import { deletePostmortem as deleteRow } from '../../store/postmortems.js';
import { transact, type ServiceContext } from '../context.js';
import { presentPostmortem } from './present.js';
import { loadForPostmortem, withdrawPublication } from './published.js';

/** Deletes the postmortem; a published one is withdrawn first (its update removed, the incident back to resolved). */
export async function deletePostmortem(ctx: ServiceContext, incidentId: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const { incident, postmortem } = await loadForPostmortem(tx, incidentId);
    if (postmortem.published_at !== null) await withdrawPublication(tx, incident);
    await deleteRow(tx.db, incidentId);
    await tx.audit('postmortem.delete', { type: 'postmortem', id: incidentId }, presentPostmortem(postmortem), null);
  });
}
