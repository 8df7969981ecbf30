import { newId } from '../../lib/ids.js';
import { getMonitor, insertMonitor } from '../../store/monitors.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { newMonitorRow, rejectPlaceholders, resolveSettings, splitFields } from './columns.js';
import { presentMonitorConfig } from './present.js';
import { resolveComponentField } from '../components/refs.js';
import { checkKeyFree } from './references.js';
import { createMonitorInput, type CreateCommon, type Monitor } from './schemas.js';
import { presentOne, type MonitorViewOptions } from './view.js';
import { rejectRefusedTargets, type MonitorWriteDeps } from './vet-targets.js';

/** A new monitor starts `pending`; the engine picks it up when it next looks for changes. */
export async function createMonitor(ctx: ServiceContext, raw: unknown, view: MonitorViewOptions & MonitorWriteDeps): Promise<Monitor> {
  const input = parseInput(createMonitorInput, raw);
  const { common, options } = splitFields(input);
  rejectPlaceholders(input.type, options);
  const given = resolveSettings(common as CreateCommon);
  // Before the transaction: resolving a name must not hold a database connection.
  await rejectRefusedTargets(view.outbound, input.type, options);
  return transact(ctx, async (tx) => {
    const settings = { ...given, component_id: await resolveComponentField(tx.db, given.component_id, 'component_id') };
    await checkKeyFree(tx, settings.key, null);
    const id = newId();
    await insertMonitor(tx.db, newMonitorRow(id, input.type, settings, options, tx.now));
    const created = (await getMonitor(tx.db, id))!;
    await tx.audit('monitor.create', { type: 'monitor', id }, null, presentMonitorConfig(created));
    return presentOne(tx.db, created, view);
  });
}
