import { notFound } from '../../domain/errors.js';
import { deleteMonitor as deleteRow, getMonitor } from '../../store/monitors.js';
import { transact, type ServiceContext } from '../context.js';
import { presentMonitorConfig } from './present.js';

/** Deletes a monitor with its results, rollups and events; the component and any incident it opened stay as they are. */
export async function deleteMonitor(ctx: ServiceContext, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const before = await getMonitor(tx.db, id);
    if (!before) throw notFound('monitor', id);
    await deleteRow(tx.db, id);
    await tx.audit('monitor.delete', { type: 'monitor', id }, presentMonitorConfig(before), null);
  });
}
