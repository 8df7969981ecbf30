// The team's channels in vigil.yaml, planned like monitors: matched by key,
// created, updated or reported for removal. Secrets come from the file; a
// secret written as "••••" keeps what the database holds. Routing rules name
// monitors and components by key (this file's, else the database's), stored as ids.
import type { ChannelType, RouteRule } from '../../domain/notifications.js';
import { channelSecretFields, placeholderPaths, redactSecrets, restoreSecrets } from '../../domain/secrets.js';
import type { ChannelRow } from '../../store/schema.js';
import { configOf, routesOf } from '../channels/present.js';
import { channelConfigSchemas, type ChannelConfig } from '../channels/schemas.js';
import { zodIssues } from '../validation.js';
import { fieldChanges, upsert, type FieldChange, type PlanProblem, type Removal, type Snapshot, type Upsert } from './plan-parts.js';
import type { VigilConfig } from './schemas.js';

export interface ChannelValues {
  key: string;
  name: string;
  type: ChannelType;
  config: ChannelConfig;
  routes: RouteRule[];
  enabled: boolean;
}

export interface ChannelPlan {
  channels: Upsert<ChannelValues, ChannelRow>[];
  removals: Removal[];
  problems: PlanProblem[];
}

/** `monitorIds` and `componentIds`: this file's, by key (ids of new ones included). */
export function planChannels(config: VigilConfig, snapshot: Snapshot, componentIds: Map<string, string>, monitorIds: Map<string, string>): ChannelPlan {
  const plan: ChannelPlan = { channels: [], removals: [], problems: [] };
  if (!config.channels) return plan;
  const byKey = new Map((snapshot.channels ?? []).filter((c) => c.key !== null).map((c) => [c.key!, c]));
  const monitorRef = refResolver(monitorIds, snapshot.monitors);
  const componentRef = refResolver(componentIds, snapshot.components);

  config.channels.forEach((c, i) => {
    const path = `channels[${i}]`;
    const existing = byKey.get(c.key);
    if (existing && existing.type !== c.type) {
      plan.problems.push({ path: `${path}.type`, message: `channel "${c.key}" is a ${existing.type} channel in the database and a channel's type cannot change; give this one another key` });
    }
    const fields = channelSecretFields(c.type);
    const restored = restoreSecrets(c.config, existing && existing.type === c.type ? configOf(existing) : {}, fields);
    const placeholders = placeholderPaths(restored, fields);
    for (const p of placeholders) plan.problems.push({ path: `${path}.config.${p}`, message: 'is "••••" but no value is stored: give the value' });
    const parsed = channelConfigSchemas[c.type].safeParse(restored);
    // A placeholder is the one problem to tell about that field (not also its length).
    if (!parsed.success) plan.problems.push(...zodIssues(parsed.error, `${path}.config`).filter((i) => !placeholders.some((p) => i.path === `${path}.config.${p}`)));
    const routes = c.routes.map((rule, r) => {
      const out: RouteRule = { ...rule };
      const resolve = (refs: string[], field: 'monitors' | 'components', lookup: (ref: string) => string | undefined) =>
        refs.map((ref, j) => {
          const id = lookup(ref);
          if (id === undefined) plan.problems.push({ path: `${path}.routes[${r}].${field}[${j}]`, message: `no ${field.slice(0, -1)} with key or id "${ref}"` });
          return id ?? ref;
        });
      if (rule.monitors) out.monitors = resolve(rule.monitors, 'monitors', monitorRef);
      if (rule.components) out.components = resolve(rule.components, 'components', componentRef);
      return out;
    });
    const values: ChannelValues = { key: c.key, name: c.name, type: c.type, config: (parsed.success ? parsed.data : restored) as ChannelConfig, routes, enabled: c.enabled };
    plan.channels.push(upsert(path, existing, values, diffChannel));
  });

  const keys = new Set(config.channels.map((c) => c.key));
  plan.removals = (snapshot.channels ?? [])
    .filter((c) => c.key !== null && !keys.has(c.key))
    .sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0))
    .map((row): Removal => ({ kind: 'channel', row, keptFor: [] }));
  return plan;
}

/** A file key first, then a database row by key or id. */
function refResolver(fileKeys: Map<string, string>, rows: readonly { id: string; key: string | null }[]) {
  const ids = new Set(rows.map((r) => r.id));
  const keys = new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, r.id]));
  return (ref: string) => fileKeys.get(ref) ?? keys.get(ref) ?? (ids.has(ref) ? ref : undefined);
}

/** Config compared with its secrets, shown without them: a change to a secret alone reads "(secret changed)". */
function diffChannel(row: ChannelRow, v: ChannelValues): FieldChange[] {
  const fields = channelSecretFields(row.type);
  const [before, after] = [configOf(row), v.config as Record<string, unknown>];
  const config: FieldChange[] = [];
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    const [b, a] = [JSON.stringify(redactSecrets(before, fields)), JSON.stringify(redactSecrets(after, fields))];
    config.push({ field: 'config', before: b, after: a === b ? `${a} (secret changed)` : a });
  }
  const routes = JSON.stringify(routesOf(row)) === JSON.stringify(v.routes) ? [] : [{ field: 'routes', before: row.routes_json, after: JSON.stringify(v.routes) }];
  return [...fieldChanges([['name', row.name, v.name]]), ...config, ...routes, ...fieldChanges([['enabled', row.enabled === 1, v.enabled]])];
}
