// The facts an event carries, read inside the transaction that causes it, so
// a message shows the incident, maintenance or monitor exactly as the change
// left it (the worker never re-reads a later state).
import { pageIndicator } from '../../domain/indicator.js';
import type { ComponentFacts, IncidentFacts, MaintenanceFacts, MonitorFacts, PageStatusFacts, UpdateFacts } from '../../domain/notifications.js';
import type { ComponentStatus, IncidentImpact } from '../../domain/statuses.js';
import { pageStatusInputs } from '../../store/notification-facts.js';
import type { ComponentRow, MonitorRow } from '../../store/schema.js';
import { getComponentsByIds } from '../../store/components.js';
import type { Component } from '../components/schemas.js';
import type { Tx } from '../context.js';
import { monitorTarget } from '../engine/texts.js';
import { loadIncident } from '../incidents/load.js';
import type { AffectedComponent } from '../incidents/schemas.js';
import { loadMaintenance } from '../maintenances/load.js';

type ComponentLike = Pick<ComponentRow, 'id' | 'name' | 'status' | 'description' | 'group_id' | 'position' | 'start_date' | 'created_at' | 'updated_at'> & {
  showcase: boolean | number;
  only_show_if_degraded: boolean | number;
};

export function componentFacts(c: ComponentLike | Component): ComponentFacts {
  return {
    id: c.id,
    name: c.name,
    status: c.status as ComponentFacts['status'],
    description: c.description,
    group_id: c.group_id,
    position: c.position,
    showcase: c.showcase === true || c.showcase === 1,
    only_show_if_degraded: c.only_show_if_degraded === true || c.only_show_if_degraded === 1,
    start_date: c.start_date,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

interface UpdateLike {
  id: string;
  status: string;
  body: string;
  display_at: string;
  created_at: string;
  updated_at: string;
  affected_components: AffectedComponent[] | { code: string; name: string; old_status: string; new_status: string }[];
}

function updateFacts(u: UpdateLike): UpdateFacts {
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    display_at: u.display_at,
    created_at: u.created_at,
    updated_at: u.updated_at,
    components: u.affected_components.map((c) => ({
      id: c.code,
      name: c.name,
      old_status: c.old_status as UpdateFacts['components'][number]['old_status'],
      new_status: c.new_status as UpdateFacts['components'][number]['new_status'],
    })),
  };
}

/** The page indicator right after the change (Statuspage's webhooks carry it as page.status_indicator). */
export async function pageStatusFacts(tx: Tx): Promise<PageStatusFacts> {
  const inputs = await pageStatusInputs(tx.db);
  return pageIndicator({
    componentStatuses: inputs.componentStatuses as ComponentStatus[],
    openIncidentImpacts: inputs.openIncidentImpacts as IncidentImpact[],
  });
}

export async function incidentFacts(tx: Tx, incidentId: string): Promise<IncidentFacts> {
  const i = await loadIncident(tx.db, incidentId, tx.now);
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    started_at: i.started_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    monitoring_at: i.monitoring_at,
    resolved_at: i.resolved_at,
    components: i.components.map(componentFacts),
    updates: i.incident_updates.map(updateFacts),
    postmortem_published_at: i.postmortem_published_at,
  };
}

/** Null when the maintenance does not exist (it was deleted in the same transaction). */
export async function maintenanceFacts(tx: Tx, maintenanceId: string): Promise<MaintenanceFacts | null> {
  const m = await loadMaintenance(tx.db, maintenanceId);
  if (!m) return null;
  return {
    id: m.id,
    name: m.name,
    status: m.status,
    impact: m.impact,
    scheduled_for: m.scheduled_for,
    scheduled_until: m.scheduled_until,
    created_at: m.created_at,
    updated_at: m.updated_at,
    components: m.components.map(componentFacts),
    updates: m.maintenance_updates.map(updateFacts),
  };
}

/** Several monitors at once (a storm's members) with one component read. */
export async function monitorFactsOf(tx: Tx, monitors: readonly MonitorRow[]): Promise<MonitorFacts[]> {
  const componentIds = [...new Set(monitors.map((m) => m.component_id).filter((id): id is string => id !== null))];
  const components = new Map((await getComponentsByIds(tx.db, componentIds)).map((c) => [c.id, c]));
  return monitors.map((m) => {
    const c = m.component_id ? components.get(m.component_id) : undefined;
    return {
      id: m.id,
      name: m.name,
      type: m.type,
      // Without credentials: messages leave Vigil.
      target: monitorTarget(m) ?? m.type,
      component: c ? { id: c.id, name: c.name } : null,
    };
  });
}

export async function monitorFacts(tx: Tx, monitor: MonitorRow): Promise<MonitorFacts> {
  return (await monitorFactsOf(tx, [monitor]))[0]!;
}
