// A PATCH names any common field and any option of the monitor's type. The
// options are merged onto the stored ones and the result validated with the
// type's full schema, so a change that breaks another option is caught too.
import { notFound, validationError, type FieldIssue } from '../../domain/errors.js';
import type { MonitorType } from '../../domain/monitor-types.js';
import { getMonitor, updateMonitor as updateRow } from '../../store/monitors.js';
import { read, transact, type ServiceContext } from '../context.js';
import { unsafeTextIssues, zodIssues } from '../validation.js';
import { checkOptions } from './check-options.js';
import { keepStoredSecrets, optionsOf, settingsOf, splitFields, toColumns, type MonitorSettings } from './columns.js';
import { presentMonitorConfig } from './present.js';
import { resolveComponentField } from '../components/refs.js';
import { checkKeyFree } from './references.js';
import { monitorFields, timingIssues, type Monitor } from './schemas.js';
import { recordPauseChange } from './setMonitorPaused.js';
import { presentOne, type MonitorViewOptions } from './view.js';
import { monitorTargets, rejectRefusedTargets, type MonitorWriteDeps, type TargetVetter } from './vet-targets.js';
import { z } from 'zod';

const commonPatch = z.object(monitorFields).partial();

export async function updateMonitor(ctx: ServiceContext, id: string, raw: unknown, view: MonitorViewOptions & MonitorWriteDeps): Promise<Monitor> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw validationError([{ path: '', message: 'must be an object of the fields to change' }]);
  }
  const unsafe = unsafeTextIssues(raw);
  if (unsafe.length > 0) throw validationError(unsafe);
  await rejectChangedTargets(ctx, id, raw as Record<string, unknown>, view.outbound);
  return transact(ctx, async (tx) => {
    const before = await getMonitor(tx.db, id);
    if (!before) throw notFound('monitor', id);
    const type = before.type as MonitorType;
    const merged = mergePatch(type, settingsOf(before), optionsOf(before), raw as Record<string, unknown>);
    const { options } = merged;
    const settings =
      merged.settings.component_id === before.component_id
        ? merged.settings
        : { ...merged.settings, component_id: await resolveComponentField(tx.db, merged.settings.component_id, 'component_id') };
    await checkKeyFree(tx, settings.key, id);
    await updateRow(tx.db, id, { ...toColumns(type, settings, options), updated_at: tx.now });
    if (settings.paused !== (before.paused === 1)) await recordPauseChange(tx, id, settings.paused);
    const after = (await getMonitor(tx.db, id))!;
    await tx.audit('monitor.update', { type: 'monitor', id }, presentMonitorConfig(before), presentMonitorConfig(after));
    return presentOne(tx.db, after, view);
  });
}

/**
 * Targets the patch changes, vetted by the outbound policy before the transaction (resolving a
 * name must not hold a database connection); the transaction validates the rest again.
 */
async function rejectChangedTargets(ctx: ServiceContext, id: string, patch: Record<string, unknown>, vetter: TargetVetter): Promise<void> {
  const before = await read(ctx, (db) => getMonitor(db, id));
  if (!before) return;
  const type = before.type as MonitorType;
  const stored = optionsOf(before);
  const { options } = mergePatch(type, settingsOf(before), stored, patch);
  const old = new Map(monitorTargets(type, stored).map((t) => [t.path, t.host]));
  await rejectRefusedTargets(vetter, type, options, (t) => old.get(t.path) !== t.host);
}

/** The monitor's fields after the patch, or a VALIDATION error naming every bad field. */
export function mergePatch(
  type: MonitorType,
  stored: MonitorSettings,
  storedOptions: Record<string, unknown>,
  patch: Record<string, unknown>,
): { settings: MonitorSettings; options: Record<string, unknown> } {
  const { type: givenType, ...fields } = patch;
  const issues: FieldIssue[] = [];
  if (givenType !== undefined && givenType !== type) {
    issues.push({ path: 'type', message: `cannot change (this is a ${type} monitor); create a new monitor instead` });
  }
  if (Object.keys(fields).length === 0 && issues.length === 0) issues.push({ path: '', message: 'must change at least one field' });
  const { common, options } = splitFields(fields);
  const commonResult = commonPatch.safeParse(common);
  if (!commonResult.success) issues.push(...zodIssues(commonResult.error));
  const kept = keepStoredSecrets(type, { ...storedOptions, ...options }, storedOptions);
  issues.push(...kept.issues);
  const optionsResult = checkOptions[type].safeParse(kept.options);
  if (!optionsResult.success) issues.push(...zodIssues(optionsResult.error));
  if (issues.length > 0 || !commonResult.success || !optionsResult.success) throw validationError(issues);

  const settings: MonitorSettings = { ...stored, ...stripUndefined(commonResult.data) };
  const timing = timingIssues(settings);
  if (timing.length > 0) throw validationError(timing);
  return { settings, options: optionsResult.data as Record<string, unknown> };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
