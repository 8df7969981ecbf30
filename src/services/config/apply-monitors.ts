// Writes the planned monitors inside the apply's transaction, with the same
// audit rows and pause events as the admin API.
import { getMonitor, insertMonitor, updateMonitor } from '../../store/monitors.js';
import type { MonitorRow } from '../../store/schema.js';
import type { Tx } from '../context.js';
import { newMonitorRow, toColumns } from '../monitors/columns.js';
import { presentMonitorConfig } from '../monitors/present.js';
import { recordPauseChange } from '../monitors/setMonitorPaused.js';
import type { MonitorValues } from './plan-monitors.js';
import type { Upsert } from './plan-parts.js';

export async function applyMonitors(tx: Tx, monitors: Upsert<MonitorValues, MonitorRow>[]): Promise<void> {
  for (const m of monitors) {
    const { type, settings, options } = m.values;
    if (m.op === 'create') {
      await insertMonitor(tx.db, newMonitorRow(m.id, type, { ...settings, paused: settings.paused ?? false }, options, tx.now));
      const created = (await getMonitor(tx.db, m.id))!;
      await tx.audit('monitor.create', { type: 'monitor', id: m.id }, null, presentMonitorConfig(created));
    } else if (m.op === 'update') {
      const before = m.existing!;
      const paused = settings.paused ?? before.paused === 1;
      await updateMonitor(tx.db, m.id, { ...toColumns(type, { ...settings, paused }, options), updated_at: tx.now });
      if (paused !== (before.paused === 1)) await recordPauseChange(tx, m.id, paused);
      const after = (await getMonitor(tx.db, m.id))!;
      await tx.audit('monitor.update', { type: 'monitor', id: m.id }, presentMonitorConfig(before), presentMonitorConfig(after));
    }
  }
}
