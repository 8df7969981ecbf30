// The vocabulary both planners share (plan.ts: page, groups, components;
// plan-monitors.ts: monitors): what the database holds, one planned upsert
// or removal, a problem, and how a changed field is shown.
import { newId } from '../../lib/ids.js';
import type { ChannelRow, ComponentGroupRow, ComponentRow, MonitorRow, SettingsRow } from '../../store/schema.js';

export interface Snapshot {
  settings: SettingsRow;
  groups: ComponentGroupRow[];
  /** In display order (position, created_at, id). */
  components: ComponentRow[];
  monitors: MonitorRow[];
  /** Absent: none (callers that plan without channels). */
  channels?: ChannelRow[];
}

/** One changed field, with both values already formatted for people. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export type UpsertOp = 'create' | 'update' | 'unchanged';

export interface Upsert<Values, Row> {
  op: UpsertOp;
  /** Where the entry is in the file, e.g. `components[2]`. */
  path: string;
  /** The existing row's id, or the id the new row will get. */
  id: string;
  values: Values;
  existing: Row | undefined;
  changes: FieldChange[];
}

export interface Removal {
  kind: 'group' | 'component' | 'monitor' | 'channel';
  row: ComponentGroupRow | ComponentRow | MonitorRow | ChannelRow;
  /** Names of components created outside the file that keep a group from being removed. */
  keptFor: string[];
}

export interface PlanProblem {
  path: string;
  message: string;
}

export function upsert<V, R extends { id: string }>(path: string, existing: R | undefined, values: V, diff: (row: R, values: V) => FieldChange[]): Upsert<V, R> {
  if (!existing) return { op: 'create', path, id: newId(), values, existing, changes: [] };
  const changes = diff(existing, values);
  return { op: changes.length > 0 ? 'update' : 'unchanged', path, id: existing.id, values, existing, changes };
}

/** The fields whose values differ, formatted for the report. */
export function fieldChanges(fields: [string, unknown, unknown][]): FieldChange[] {
  return fields.filter(([, a, b]) => a !== b).map(([field, a, b]) => ({ field, before: show(a), after: show(b) }));
}

export function show(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
