// Writes an import plan inside the caller's transaction: parents before
// children (page, groups, components, incidents, maintenances, history), one
// audit row per entity created or updated, nothing for unchanged ones.
import { groupMemberIds, insertGroup, updateGroup } from '../../store/component-groups.js';
import { getComponent, insertComponent, insertStatusChange, updateComponent } from '../../store/components.js';
import { replaceIncidentUpdateChanges, replaceMaintenanceUpdateChanges, updateIncidentUpdateRow, updateMaintenanceUpdateRow } from '../../store/import.js';
import { insertIncidentUpdate, insertIncidentUpdateComponents } from '../../store/incident-updates.js';
import { insertIncident, replaceIncidentComponents, updateIncident } from '../../store/incidents.js';
import {
  insertMaintenance,
  insertMaintenanceUpdate,
  insertMaintenanceUpdateComponents,
  setMaintenanceComponents,
  updateMaintenance,
} from '../../store/maintenances.js';
import type { IncidentRow, SettingsRow } from '../../store/schema.js';
import { getSettingsRow, updateSettingsRow } from '../../store/settings.js';
import { presentComponentGroup } from '../component-groups/present.js';
import { presentComponent } from '../components/present.js';
import type { Tx } from '../context.js';
import { maintenanceSnapshot } from '../maintenances/present.js';
import type { ImportPlan } from './plan.js';
import type { IncidentStep, MaintenanceStep } from './planEvents.js';
import type { ImportedIncident, ImportedUpdate } from './types.js';

export async function executePlan(tx: Tx, plan: ImportPlan): Promise<void> {
  const { page } = plan;
  if (page.op !== 'unchanged') {
    await updateSettingsRow(tx.db, page.values);
    await tx.audit('settings.update', { type: 'settings', id: '1' }, settingsAudit(page.existing), settingsAudit(await getSettingsRow(tx.db)));
  }

  const membersBefore = new Map<string, string[]>();
  for (const g of plan.groups) if (g.op === 'update') membersBefore.set(g.id, await groupMemberIds(tx.db, g.id));
  for (const g of plan.groups) {
    if (g.op === 'create') await insertGroup(tx.db, { id: g.id, key: null, ...g.values });
    else if (g.op === 'update') await updateGroup(tx.db, g.id, g.values);
  }

  for (const c of plan.components) {
    if (c.op === 'unchanged') continue;
    if (c.op === 'create') await insertComponent(tx.db, { id: c.id, key: null, ...c.values });
    else await updateComponent(tx.db, c.id, c.values);
    const after = presentComponent((await getComponent(tx.db, c.id))!);
    await tx.audit(`component.${c.op}`, { type: 'component', id: c.id }, c.existing ? presentComponent(c.existing) : null, after);
  }

  // Group audit rows come after the components so `after` shows the membership the import left.
  for (const g of plan.groups) {
    if (g.op === 'unchanged') continue;
    const row = { id: g.id, key: g.existing?.key ?? null, ...g.values };
    const before = g.existing ? presentComponentGroup(g.existing, membersBefore.get(g.id) ?? []) : null;
    await tx.audit(`component_group.${g.op}`, { type: 'component_group', id: g.id }, before, presentComponentGroup(row, await groupMemberIds(tx.db, g.id)));
  }

  for (const i of plan.incidents) if (i.op !== 'unchanged') await writeIncident(tx, i);
  for (const m of plan.maintenances) if (m.op !== 'unchanged') await writeMaintenance(tx, m);

  for (const h of plan.history) {
    await insertStatusChange(tx.db, { component_id: h.component_id, status: h.status, at: h.at, source: 'import', source_id: h.source_id });
  }
}

async function writeIncident(tx: Tx, s: IncidentStep): Promise<void> {
  const { path: _p, updates: _u, component_ids, embedded_descriptions: _d, ...fields } = s.event;
  if (s.op === 'create') await insertIncident(tx.db, fields);
  else await updateIncident(tx.db, s.id, fields);
  if (s.op === 'create' || s.componentsDiffer) await replaceIncidentComponents(tx.db, s.id, component_ids);
  for (const u of s.updates) {
    const row = updateRow(u.update);
    const changes = changeRows(u.update);
    if (u.op === 'create') {
      await insertIncidentUpdate(tx.db, { ...row, incident_id: s.id });
      await insertIncidentUpdateComponents(tx.db, changes);
    } else if (u.op === 'update') {
      await updateIncidentUpdateRow(tx.db, u.update.id, row);
      if (u.changesDiffer) await replaceIncidentUpdateChanges(tx.db, u.update.id, changes);
    }
  }
  const before = s.existing ? incidentAudit(s.existing, s.storedComponentIds, s.updates.filter((u) => u.op !== 'create').map((u) => u.update.id)) : null;
  await tx.audit(`incident.${s.op}`, { type: 'incident', id: s.id }, before, incidentAudit(s.event, component_ids, s.event.updates.map((u) => u.id)));
}

async function writeMaintenance(tx: Tx, s: MaintenanceStep): Promise<void> {
  const { path: _p, updates: _u, component_ids, embedded_descriptions: _d, ...fields } = s.event;
  const row = { ...fields, auto_transition: s.auto_transition };
  if (s.op === 'create') await insertMaintenance(tx.db, row);
  else await updateMaintenance(tx.db, s.id, row);
  if (s.op === 'create' || s.componentsDiffer) await setMaintenanceComponents(tx.db, s.id, component_ids);
  for (const u of s.updates) {
    if (u.op === 'create') {
      await insertMaintenanceUpdate(tx.db, { ...updateRow(u.update), maintenance_id: s.id });
      await insertMaintenanceUpdateComponents(tx.db, changeRows(u.update));
    } else if (u.op === 'update') {
      await updateMaintenanceUpdateRow(tx.db, u.update.id, updateRow(u.update));
      if (u.changesDiffer) await replaceMaintenanceUpdateChanges(tx.db, u.update.id, changeRows(u.update));
    }
  }
  const before = s.existing ? maintenanceSnapshot(s.existing, s.storedComponentIds) : null;
  await tx.audit(`maintenance.${s.op}`, { type: 'maintenance', id: s.id }, before, maintenanceSnapshot(row, component_ids));
}

function updateRow(u: ImportedUpdate<string>) {
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    display_at: u.display_at,
    created_at: u.created_at,
    updated_at: u.updated_at,
    deliver_notifications: u.deliver_notifications,
    custom_tweet: u.custom_tweet,
    tweet_id: u.tweet_id,
    tweet_id_is_number: u.tweet_id_is_number,
    no_components_note: u.no_components_note,
  };
}

/** The update's changes with the file's order kept as their position. */
function changeRows(u: ImportedUpdate<string>) {
  return u.changes.map((c, position) => ({ update_id: u.id, ...c, position }));
}

/** What the audit log keeps of an imported incident: its fields, components and the ids of its updates. */
function incidentAudit(i: IncidentRow | Omit<ImportedIncident, 'path' | 'updates' | 'component_ids' | 'embedded_descriptions'>, componentIds: string[], updateIds: string[]) {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    shortlink: i.shortlink,
    started_at: i.started_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    monitoring_at: i.monitoring_at,
    resolved_at: i.resolved_at,
    reminder_intervals: i.reminder_intervals,
    component_ids: componentIds,
    update_ids: updateIds,
  };
}

function settingsAudit(row: SettingsRow | undefined) {
  if (!row) return null;
  return { name: row.name, public_url: row.public_url, time_zone: row.time_zone, page_id: row.page_id, updated_at: row.updated_at };
}
