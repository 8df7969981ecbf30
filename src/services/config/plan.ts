// Compares vigil.yaml with what the database holds and decides, without
// writing anything, what applying it would do. Pure: the same plan drives
// `--dry-run`, the report and the writes, so they can never disagree.
import type { ComponentStatus } from '../../domain/statuses.js';
import type { ChannelRow, ComponentGroupRow, ComponentRow, MonitorRow, SettingsRow } from '../../store/schema.js';
import { planChannels, type ChannelValues } from './plan-channels.js';
import { planMonitors, type MonitorValues } from './plan-monitors.js';
import { fieldChanges, show, upsert, type FieldChange, type PlanProblem, type Removal, type Snapshot, type Upsert, type UpsertOp } from './plan-parts.js';
import type { ComponentConfig, VigilConfig } from './schemas.js';

export interface PageValues {
  name: string;
  public_url: string | null;
  time_zone: string;
}

export interface GroupValues {
  key: string;
  name: string;
  description: string | null;
  position: number;
}

export interface ComponentValues {
  key: string;
  name: string;
  description: string | null;
  group_id: string | null;
  position: number;
  showcase: number;
  only_show_if_degraded: number;
  /** Undefined when the file leaves the status alone. */
  status: ComponentStatus | undefined;
}

/** The page row always exists (migration 0002 inserts it), so the file only ever updates it. */
export interface PageUpdate extends Omit<Upsert<PageValues, SettingsRow>, 'op' | 'existing'> {
  op: Exclude<UpsertOp, 'create'>;
  existing: SettingsRow;
}

export interface Plan {
  page: PageUpdate | undefined;
  groups: Upsert<GroupValues, ComponentGroupRow>[];
  components: Upsert<ComponentValues, ComponentRow>[];
  monitors: Upsert<MonitorValues, MonitorRow>[];
  channels: Upsert<ChannelValues, ChannelRow>[];
  /** Keyed rows the file no longer lists: channels, monitors, then components, then groups. */
  removals: Removal[];
  problems: PlanProblem[];
}

export function planConfig(config: VigilConfig, snapshot: Snapshot, options: { prune: boolean }): Plan {
  const problems: PlanProblem[] = [];
  const groupsByKey = new Map(snapshot.groups.filter((g) => g.key !== null).map((g) => [g.key!, g]));
  const componentsByKey = new Map(snapshot.components.filter((c) => c.key !== null).map((c) => [c.key!, c]));

  const page = config.page && planPage(config.page, snapshot.settings);

  const groups = (config.groups ?? []).map((g, position) => {
    const existing = groupsByKey.get(g.key);
    const values: GroupValues = { key: g.key, name: g.name, description: g.description, position };
    return upsert(`groups[${position}]`, existing, values, diffGroup);
  });
  const groupIdByKey = new Map(groups.map((g) => [g.values.key, g.id]));
  const groupLabel = labeller(snapshot.groups, groups);

  const positions = new Map<string | null, number>();
  const components = (config.components ?? []).map((c, index) => {
    const position = positions.get(c.group) ?? 0;
    positions.set(c.group, position + 1);
    const values = componentValues(c, c.group === null ? null : groupIdByKey.get(c.group)!, position);
    return upsert(`components[${index}]`, componentsByKey.get(c.key), values, (row, v) => diffComponent(row, v, groupLabel));
  });

  // Rows only count as removable in a section the file manages (see schemas.ts).
  const byKey = <R extends { key: string | null }>(a: R, b: R) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0);
  const componentKeys = new Set(components.map((c) => c.values.key));
  const staleComponents = config.components ? snapshot.components.filter((c) => c.key !== null && !componentKeys.has(c.key)).sort(byKey) : [];
  const staleGroups = config.groups ? snapshot.groups.filter((g) => g.key !== null && !groupIdByKey.has(g.key)).sort(byKey) : [];
  const leavingIds = new Set(staleComponents.map((c) => c.id));
  const stayingIds = new Set(components.map((c) => c.id));
  const removals: Removal[] = [
    ...staleComponents.map((row): Removal => ({ kind: 'component', row, keptFor: [] })),
    ...staleGroups.map((row): Removal => ({
      kind: 'group',
      row,
      // Removing the group would ungroup these, and the file must not touch what it does not name.
      keptFor: snapshot.components.filter((c) => c.group_id === row.id && !leavingIds.has(c.id) && !stayingIds.has(c.id)).map((c) => c.name),
    })),
  ];

  // Group and component keys share one namespace; a row of the other kind that
  // will still exist after this apply makes the key ambiguous.
  const survives = (r: Removal | undefined) => !r || !options.prune || r.keptFor.length > 0;
  const removalOf = (row: { id: string }) => removals.find((r) => r.row.id === row.id);
  groups.forEach((g) => {
    const other = componentsByKey.get(g.values.key);
    if (other && survives(removalOf(other))) problems.push(keyClash(`${g.path}.key`, g.values.key, 'component', other.name, config.components !== undefined));
  });
  components.forEach((c) => {
    const other = groupsByKey.get(c.values.key);
    if (other && survives(removalOf(other))) problems.push(keyClash(`${c.path}.key`, c.values.key, 'group', other.name, config.groups !== undefined));
  });

  const componentIds = new Map(components.map((c) => [c.values.key, c.id]));
  const monitorPlan = planMonitors(config, snapshot, componentIds);
  problems.push(...monitorPlan.problems);
  const monitorIds = new Map(monitorPlan.monitors.map((m) => [m.values.key, m.id]));
  const channelPlan = planChannels(config, snapshot, config.components ? componentIds : new Map(), monitorIds);
  problems.push(...channelPlan.problems);

  return {
    page,
    groups,
    components,
    monitors: monitorPlan.monitors,
    channels: channelPlan.channels,
    removals: [...channelPlan.removals, ...monitorPlan.removals, ...removals],
    problems,
  };
}

function keyClash(path: string, key: string, kind: string, name: string, prunable: boolean): PlanProblem {
  const hint = prunable ? '; apply with --prune to remove it, or choose another key' : '; choose another key';
  return { path, message: `key "${key}" is already used by the ${kind} "${name}" in the database${hint}` };
}

function planPage(page: PageValues, existing: SettingsRow): PageUpdate {
  const values = { name: page.name, public_url: page.public_url, time_zone: page.time_zone };
  const changes = fieldChanges([
    ['name', existing.name, values.name],
    ['public_url', existing.public_url, values.public_url],
    ['time_zone', existing.time_zone, values.time_zone],
  ]);
  return { op: changes.length > 0 ? 'update' : 'unchanged', path: 'page', id: String(existing.id), values, existing, changes };
}

function componentValues(c: ComponentConfig, groupId: string | null, position: number): ComponentValues {
  return {
    key: c.key,
    name: c.name,
    description: c.description,
    group_id: groupId,
    position,
    showcase: c.showcase ? 1 : 0,
    only_show_if_degraded: c.only_show_if_degraded ? 1 : 0,
    status: c.status,
  };
}

function diffGroup(row: ComponentGroupRow, v: GroupValues): FieldChange[] {
  return fieldChanges([
    ['name', row.name, v.name],
    ['description', row.description, v.description],
    ['position', row.position, v.position],
  ]);
}

function diffComponent(row: ComponentRow, v: ComponentValues, groupLabel: (id: string | null) => string): FieldChange[] {
  // Groups are compared by id but shown by key.
  const group = row.group_id === v.group_id ? [] : [{ field: 'group', before: groupLabel(row.group_id), after: groupLabel(v.group_id) }];
  return [
    ...fieldChanges([
      ['name', row.name, v.name],
      ['description', row.description, v.description],
    ]),
    ...group,
    ...fieldChanges([
      ['position', row.position, v.position],
      ['showcase', row.showcase === 1, v.showcase === 1],
      ['only_show_if_degraded', row.only_show_if_degraded === 1, v.only_show_if_degraded === 1],
      ['status', row.status, v.status ?? row.status],
    ]),
  ];
}

/** Names a group in a change line: by key when it has one, else by name. */
function labeller(existing: ComponentGroupRow[], planned: Upsert<GroupValues, ComponentGroupRow>[]) {
  const labels = new Map<string, string>(existing.map((g) => [g.id, g.key ?? g.name]));
  for (const g of planned) labels.set(g.id, g.values.key);
  return (id: string | null) => (id === null ? 'none' : show(labels.get(id) ?? id));
}
