// Applies vigil.yaml: plan against the database, then write the plan in ONE
// transaction with one audit row per created, updated or removed entity. Any
// problem (including one only the database reveals) aborts before anything
// is committed, reported against the file's line.
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { deleteGroup, groupMemberIds, insertGroup, listGroups, updateGroup } from '../../store/component-groups.js';
import { deleteComponent, getComponent, insertComponent, insertStatusChange, listComponents, updateComponent } from '../../store/components.js';
import { deleteMonitor, listAllMonitors } from '../../store/monitors.js';
import type { ChannelRow, ComponentGroupRow, ComponentRow, DB, MonitorRow } from '../../store/schema.js';
import { getSettingsRow, SETTINGS_ROW_ID, updateSettingsRow } from '../../store/settings.js';
import { presentComponentGroup } from '../component-groups/present.js';
import { presentComponent } from '../components/present.js';
import { setComponentStatuses } from '../components/setComponentStatuses.js';
import { presentSettings } from '../settings/present.js';
import { read, transact, type ServiceContext, type Tx } from '../context.js';
import { presentMonitorConfig } from '../monitors/present.js';
import { applyMonitors } from './apply-monitors.js';
import { ConfigFileError, type LoadedConfig } from './config-file.js';
import { planConfig, type Plan } from './plan.js';
import type { Snapshot } from './plan-parts.js';
import { buildReport, type ApplyReport } from './report.js';
import { rejectRefusedConfigTargets } from './vet-monitor-targets.js';
import type { TargetVetter } from '../monitors/vet-targets.js';
import { defaultStrictGuard } from '../../outbound/guards.js';
import { deleteChannel, listChannels } from '../../store/channels.js';
import { presentChannelConfig } from '../channels/present.js';
import { applyChannels, rejectRefusedChannelUrls } from './apply-channels.js';

export interface ApplyOptions {
  prune: boolean;
  dryRun: boolean;
  /** The monitor outbound policy: new or changed monitor targets are vetted against it. */
  outbound: TargetVetter;
  /** The strict policy channel URLs are vetted against; the built-in strict policy when not given. */
  strictOutbound?: TargetVetter;
}

/** Applies a parsed vigil.yaml (config/vigil-yaml.ts reads it); throws ConfigFileError naming the file and line. */
export async function applyConfig(ctx: ServiceContext, loaded: LoadedConfig, options: ApplyOptions): Promise<ApplyReport> {
  const configCtx: ServiceContext = { ...ctx, actor: { type: 'config', id: null, name: basename(loaded.file) } };
  const planFrom = (snapshot: Snapshot) => {
    const plan = planConfig(loaded.config, snapshot, options);
    if (plan.problems.length > 0) {
      throw new ConfigFileError(loaded.file, plan.problems.map((p) => loaded.problem(p.path, p.message)));
    }
    return plan;
  };
  // Before the transaction: resolving names must not hold a database connection.
  await rejectRefusedConfigTargets(configCtx, loaded, options.outbound);
  await rejectRefusedChannelUrls(configCtx, loaded, options.strictOutbound ?? defaultStrictGuard());
  if (options.dryRun) {
    const plan = planFrom(await read(configCtx, loadSnapshot));
    return buildReport(loaded.file, plan, options);
  }
  return transact(configCtx, async (tx) => {
    // Planned inside the transaction, right before the writes it decides.
    const snapshot = await loadSnapshot(tx.db);
    const plan = planFrom(snapshot);
    await execute(tx, plan, snapshot, options.prune);
    return buildReport(loaded.file, plan, options);
  });
}

async function loadSnapshot(db: Kysely<DB>): Promise<Snapshot> {
  // Sequential: inside a transaction every query shares one connection anyway.
  const settings = await getSettingsRow(db);
  const groups = await listGroups(db);
  const components = await listComponents(db);
  const monitors = await listAllMonitors(db);
  const channels = await listChannels(db);
  return { settings, groups, components, monitors, channels };
}

/** Writes parents before children and removes children before parents, so references always hold. */
async function execute(tx: Tx, plan: Plan, snapshot: Snapshot, prune: boolean): Promise<void> {
  if (plan.page?.op === 'update') {
    await updateSettingsRow(tx.db, { ...plan.page.values, updated_at: tx.now });
    // Same action and shapes as the settings API writes.
    const [before, after] = [presentSettings(plan.page.existing), presentSettings(await getSettingsRow(tx.db))];
    await tx.audit('settings.update', { type: 'settings', id: String(SETTINGS_ROW_ID) }, before, after);
  }

  for (const g of plan.groups) {
    const { key, name, description, position } = g.values;
    if (g.op === 'create') {
      await insertGroup(tx.db, { id: g.id, key, name, description, position, created_at: tx.now, updated_at: tx.now });
    } else if (g.op === 'update') {
      await updateGroup(tx.db, g.id, { name, description, position, updated_at: tx.now });
    }
  }

  for (const c of plan.components) {
    const { status, ...fields } = c.values;
    if (c.op === 'create') {
      const row = { id: c.id, ...fields, status: status ?? 'operational', start_date: null, created_at: tx.now, updated_at: tx.now };
      await insertComponent(tx.db, row);
      // The first history entry marks when the component began to exist, so uptime has a start.
      await insertStatusChange(tx.db, { component_id: c.id, status: row.status, at: tx.now, source: 'config', source_id: null });
      await tx.audit('component.create', { type: 'component', id: c.id }, null, presentComponent(row));
    } else if (c.op === 'update') {
      await updateComponent(tx.db, c.id, { ...fields, updated_at: tx.now });
      if (status !== undefined) await setComponentStatuses(tx, { [c.id]: status }, { source: 'config', source_id: null });
      const after = (await getComponent(tx.db, c.id))!;
      await tx.audit('component.update', { type: 'component', id: c.id }, presentComponent(c.existing!), presentComponent(after));
    }
  }

  await applyMonitors(tx, plan.monitors);
  await applyChannels(tx, plan.channels);

  const removable = prune ? plan.removals.filter((r) => r.keptFor.length === 0) : [];
  for (const r of removable.filter((r) => r.kind === 'channel')) {
    await deleteChannel(tx.db, r.row.id);
    await tx.audit('channel.delete', { type: 'channel', id: r.row.id }, presentChannelConfig(r.row as ChannelRow), null);
  }
  for (const r of removable.filter((r) => r.kind === 'monitor')) {
    await deleteMonitor(tx.db, r.row.id);
    await tx.audit('monitor.delete', { type: 'monitor', id: r.row.id }, presentMonitorConfig(r.row as MonitorRow), null);
  }
  for (const r of removable.filter((r) => r.kind === 'component')) {
    await deleteComponent(tx.db, r.row.id);
    await tx.audit('component.delete', { type: 'component', id: r.row.id }, presentComponent(r.row as ComponentRow), null);
  }
  for (const r of removable.filter((r) => r.kind === 'group')) {
    await deleteGroup(tx.db, r.row.id);
    const before = presentComponentGroup(r.row as ComponentGroupRow, membersBefore(snapshot, r.row.id));
    await tx.audit('component_group.delete', { type: 'component_group', id: r.row.id }, before, null);
  }

  // Group audit rows come last so `after` shows the membership the apply left behind.
  for (const g of plan.groups) {
    if (g.op === 'unchanged') continue;
    const row = { id: g.id, ...g.values, created_at: g.existing?.created_at ?? tx.now, updated_at: tx.now };
    const after = presentComponentGroup(row, await groupMemberIds(tx.db, g.id));
    const before = g.existing ? presentComponentGroup(g.existing, membersBefore(snapshot, g.id)) : null;
    await tx.audit(`component_group.${g.op}`, { type: 'component_group', id: g.id }, before, after);
  }
}

function membersBefore(snapshot: Snapshot, groupId: string): string[] {
  return snapshot.components.filter((c) => c.group_id === groupId).map((c) => c.id);
}
