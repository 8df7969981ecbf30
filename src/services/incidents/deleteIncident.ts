import { deleteIncident as deleteRows } from '../../store/incidents.js';
import { transact, type ServiceContext } from '../context.js';
import { loadIncident } from './load.js';

/**
 * Deletes an incident with its updates and postmortem. Component statuses are
 * left as they are: deleting a record is not a statement that service is back.
 */
export async function deleteIncident(ctx: ServiceContext, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const before = await loadIncident(tx.db, id, tx.now);
    await deleteRows(tx.db, id);
    await tx.audit('incident.delete', { type: 'incident', id }, before, null);
  });
}
