// Status history for imported components, so the 90-day uptime bars start
// sensibly instead of empty or all red:
//  - a new component is operational from its created_at (Statuspage's own
//    default state; the public API does not expose older history);
//  - every component change recorded by a NEW incident update (old ≠ new) is
//    replayed at the update's display_at, so past outages show on the bars;
//  - finally, where the history's latest entry disagrees with the status the
//    file gives, the file's status is recorded from the component's updated_at
//    (the time Statuspage last changed it), never before the latest entry.
// Only rows the import creates or changes get entries, so a re-import adds none.
import type { ComponentStatus } from '../../domain/statuses.js';
import type { ComponentRow } from '../../store/schema.js';
import type { Step } from './compare.js';
import type { IncidentStep } from './planEvents.js';
import type { ImportSnapshot } from './snapshot.js';
import type { ImportedComponent } from './types.js';

export interface HistoryRow {
  component_id: string;
  status: ComponentStatus;
  at: string;
  /** The incident whose update recorded the change, if any. */
  source_id: string | null;
}

type ComponentStep = Step<Omit<ImportedComponent, 'path' | 'id'>, ComponentRow>;

export function planHistory(components: ComponentStep[], incidents: IncidentStep[], snapshot: ImportSnapshot): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const finalState = new Map<string, { status: ComponentStatus; updated_at: string }>();
  for (const c of components) finalState.set(c.id, { status: c.values.status, updated_at: c.values.updated_at });
  const stateOf = (id: string) => {
    const stored = snapshot.components.get(id);
    return finalState.get(id) ?? (stored ? { status: stored.status as ComponentStatus, updated_at: stored.updated_at } : undefined);
  };

  const touched = new Set<string>();
  for (const c of components) {
    if (c.op === 'create') {
      rows.push({ component_id: c.id, status: 'operational', at: c.values.created_at, source_id: null });
      touched.add(c.id);
    } else if (c.op === 'update' && c.existing!.status !== c.values.status) {
      touched.add(c.id);
    }
  }
  for (const incident of incidents) {
    for (const u of incident.updates) {
      if (u.op !== 'create') continue;
      for (const change of u.update.changes) {
        // A code that names no component is one deleted on Statuspage since: kept on the update, not in history.
        if (change.old_status === change.new_status || !stateOf(change.component_id)) continue;
        rows.push({ component_id: change.component_id, status: change.new_status, at: u.update.display_at, source_id: incident.id });
        touched.add(change.component_id);
      }
    }
  }

  for (const id of touched) {
    const state = stateOf(id)!;
    const latest = latestOf(id, rows, snapshot);
    if (latest?.status === state.status) continue;
    const at = latest && latest.at > state.updated_at ? latest.at : state.updated_at;
    rows.push({ component_id: id, status: state.status, at, source_id: null });
  }
  return rows;
}

/** The entry that decides the status after everything is written: the latest by time, new rows winning ties. */
function latestOf(id: string, rows: HistoryRow[], snapshot: ImportSnapshot): { status: string; at: string } | undefined {
  let latest = snapshot.history.get(id);
  for (const r of rows) {
    if (r.component_id === id && (!latest || r.at >= latest.at)) latest = r;
  }
  return latest;
}
