// Monitors in vigil.yaml, planned like components: matched by key, created,
// updated field by field (options included) or reported for removal. Their
// component is named by key: one of this file's, else one in the database.
import type { MonitorType } from '../../domain/monitor-types.js';
import { monitorSecretFields, redactSecrets, type SecretField } from '../../domain/secrets.js';
import type { MonitorRow } from '../../store/schema.js';
import { keepStoredSecrets, optionsOf, resolveSettings, settingsOf, splitFields, type MonitorOptions, type MonitorSettings } from '../monitors/columns.js';
import type { CreateCommon } from '../monitors/schemas.js';
import { fieldChanges, show, upsert, type FieldChange, type PlanProblem, type Removal, type Snapshot, type Upsert } from './plan-parts.js';
import type { VigilConfig } from './schemas.js';

export interface MonitorValues {
  key: string;
  name: string;
  type: MonitorType;
  /** `paused` is undefined when the file leaves it alone. */
  settings: Omit<MonitorSettings, 'paused'> & { paused: boolean | undefined };
  options: MonitorOptions;
}

export interface MonitorPlan {
  monitors: Upsert<MonitorValues, MonitorRow>[];
  removals: Removal[];
  problems: PlanProblem[];
}

/** `componentIds`: the file's components by key (ids of new ones included). */
export function planMonitors(config: VigilConfig, snapshot: Snapshot, componentIds: Map<string, string>): MonitorPlan {
  const plan: MonitorPlan = { monitors: [], removals: [], problems: [] };
  if (!config.monitors) return plan;
  const byKey = new Map(snapshot.monitors.filter((m) => m.key !== null).map((m) => [m.key!, m]));
  // A file that manages components was already checked to define every referenced key (schemas.ts).
  const known = config.components ? componentIds : new Map(snapshot.components.filter((c) => c.key !== null).map((c) => [c.key!, c.id]));
  const label = componentLabeller(snapshot, componentIds);

  config.monitors.forEach((m, i) => {
    const path = `monitors[${i}]`;
    const { component, type, paused, ...rest } = m;
    const componentId = component === null ? null : (known.get(component) ?? null);
    if (component !== null && componentId === null) {
      plan.problems.push({ path: `${path}.component`, message: `no component with key "${component}" in the database` });
    }
    const { common, options: given } = splitFields(rest);
    const settings = { ...resolveSettings({ ...common, component_id: componentId } as CreateCommon), paused };
    const existing = byKey.get(m.key);
    // A secret written as "••••" keeps what the database holds, as in a PATCH.
    const kept = keepStoredSecrets(type, given, existing && existing.type === type ? optionsOf(existing) : {});
    for (const issue of kept.issues) plan.problems.push({ path: `${path}.${issue.path}`, message: issue.message });
    const values: MonitorValues = { key: m.key, name: m.name, type, settings, options: kept.options };
    if (existing && existing.type !== type) {
      plan.problems.push({
        path: `${path}.type`,
        message: `monitor "${m.key}" is a ${existing.type} monitor in the database and a monitor's type cannot change; give this one another key`,
      });
    }
    plan.monitors.push(upsert(path, existing, values, (row, v) => diffMonitor(row, v, label)));
  });

  const keys = new Set(config.monitors.map((m) => m.key));
  plan.removals = snapshot.monitors
    .filter((m) => m.key !== null && !keys.has(m.key))
    .sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0))
    .map((row): Removal => ({ kind: 'monitor', row, keptFor: [] }));
  return plan;
}

function diffMonitor(row: MonitorRow, v: MonitorValues, componentLabel: (id: string | null) => string): FieldChange[] {
  const s = settingsOf(row);
  const n = v.settings;
  const component = s.component_id === n.component_id ? [] : [{ field: 'component', before: componentLabel(s.component_id), after: componentLabel(n.component_id) }];
  return [
    ...fieldChanges([
      ['name', s.name, n.name],
      ['interval_seconds', s.interval_seconds, n.interval_seconds],
      ['timeout_seconds', s.timeout_seconds, n.timeout_seconds],
      ['retry_interval_seconds', s.retry_interval_seconds, n.retry_interval_seconds],
      ['down_after', s.down_after, n.down_after],
      ['up_after', s.up_after, n.up_after],
    ]),
    ...component,
    ...fieldChanges([
      ['component_status_on_down', s.component_status_on_down, n.component_status_on_down],
      ['auto_incident', s.auto_incident, n.auto_incident],
      ['incident_impact', s.incident_impact, n.incident_impact],
      ['incident_title', s.incident_title, n.incident_title],
      ['incident_body', s.incident_body, n.incident_body],
      ['resolve_after_seconds', s.resolve_after_seconds, n.resolve_after_seconds],
    ]),
    ...diffOptions(optionsOf(row), v.options, monitorSecretFields(row.type)),
    ...fieldChanges([['paused', s.paused, n.paused ?? s.paused]]),
  ];
}

/**
 * Options compared by value, in the order the type's schema gives them. The
 * comparison sees the secrets, the lines show them as "••••": a change to a
 * secret alone reads `… → … (secret changed)`.
 */
function diffOptions(before: MonitorOptions, after: MonitorOptions, secrets: readonly SecretField[]): FieldChange[] {
  const shownBefore = redactSecrets(before, secrets);
  const shownAfter = redactSecrets(after, secrets);
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => {
      const [b, a] = [showValue(shownBefore[k]), showValue(shownAfter[k])];
      return { field: k, before: b, after: a === b ? `${a} (secret changed)` : a };
    });
}

function showValue(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : show(value);
}

/** Names a component in a change line: by key when it has one, else by name. */
function componentLabeller(snapshot: Snapshot, planned: Map<string, string>) {
  const labels = new Map<string, string>(snapshot.components.map((c) => [c.id, c.key ?? c.name]));
  for (const [key, id] of planned) labels.set(id, key);
  return (id: string | null) => (id === null ? 'none' : show(labels.get(id) ?? id));
}
