// What the monitoring services share: who acts (the monitor itself) and
// whether a component is under maintenance right now.
import { isMaintenanceActive, maintenanceStatusAt } from '../../domain/maintenance.js';
import type { MaintenanceStatus } from '../../domain/statuses.js';
import { openMaintenancesOfComponents } from '../../store/maintenances.js';
import type { MonitorRow } from '../../store/schema.js';
import type { Actor, ServiceContext, Tx } from '../context.js';

export function monitorActor(monitor: Pick<MonitorRow, 'id' | 'name'>): Actor {
  return { type: 'monitor', id: monitor.id, name: monitor.name };
}

export function asMonitor(ctx: ServiceContext, monitor: Pick<MonitorRow, 'id' | 'name'>): ServiceContext {
  return { ...ctx, actor: monitorActor(monitor) };
}

/**
 * True while a maintenance covering the component is in progress or verifying. Judged by the
 * clock as well as the stored status, so suppression starts on time even between scheduler runs.
 */
export async function underMaintenance(tx: Tx, componentId: string): Promise<boolean> {
  const rows = await openMaintenancesOfComponents(tx.db, [componentId]);
  return rows.some((m) =>
    isMaintenanceActive(
      maintenanceStatusAt(
        { status: m.status as MaintenanceStatus, scheduled_for: m.scheduled_for, scheduled_until: m.scheduled_until, auto_transition: m.auto_transition === 1 },
        tx.now,
      ),
    ),
  );
}
