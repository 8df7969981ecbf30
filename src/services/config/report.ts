// What an apply did (or, for a dry run, would do), as data for callers and as
// the lines `vigil apply` prints: one per change and a summary.
import type { Plan } from './plan.js';
import type { FieldChange } from './plan-parts.js';

export type EntityKind = 'page' | 'group' | 'component' | 'monitor' | 'channel';

export interface ReportEntry {
  /** `keep`: not in the file any more, but kept because removing it would touch rows the file does not name. */
  action: 'create' | 'update' | 'remove' | 'keep';
  kind: EntityKind;
  /** Null for the page. */
  key: string | null;
  name: string;
  changes: FieldChange[];
  /** For `keep`: the components created outside the file that are in the way. */
  keptFor: string[];
}

export interface ApplyReport {
  file: string;
  dryRun: boolean;
  prune: boolean;
  /** Changes in the order they are applied; unchanged entries are only counted. */
  entries: ReportEntry[];
  counts: { created: number; updated: number; unchanged: number; removed: number; toRemove: number; kept: number };
}

export function buildReport(file: string, plan: Plan, options: { prune: boolean; dryRun: boolean }): ApplyReport {
  const entries: ReportEntry[] = [];
  let unchanged = 0;
  const upserts = [
    ...(plan.page ? [{ kind: 'page' as const, key: null, name: plan.page.values.name, step: plan.page }] : []),
    ...plan.groups.map((g) => ({ kind: 'group' as const, key: g.values.key, name: g.values.name, step: g })),
    ...plan.components.map((c) => ({ kind: 'component' as const, key: c.values.key, name: c.values.name, step: c })),
    ...plan.monitors.map((m) => ({ kind: 'monitor' as const, key: m.values.key, name: m.values.name, step: m })),
    ...plan.channels.map((c) => ({ kind: 'channel' as const, key: c.values.key, name: c.values.name, step: c })),
  ];
  for (const { kind, key, name, step } of upserts) {
    if (step.op === 'unchanged') unchanged++;
    else entries.push({ action: step.op, kind, key, name, changes: step.changes, keptFor: [] });
  }
  for (const r of plan.removals) {
    const action = r.keptFor.length > 0 ? 'keep' : 'remove';
    entries.push({ action, kind: r.kind, key: r.row.key, name: r.row.name, changes: [], keptFor: r.keptFor });
  }
  const count = (action: ReportEntry['action']) => entries.filter((e) => e.action === action).length;
  const removals = count('remove');
  return {
    file,
    dryRun: options.dryRun,
    prune: options.prune,
    entries,
    counts: {
      created: count('create'),
      updated: count('update'),
      unchanged,
      removed: options.prune && !options.dryRun ? removals : 0,
      toRemove: options.prune && !options.dryRun ? 0 : removals,
      kept: count('keep'),
    },
  };
}

export function formatEntry(entry: ReportEntry, report: Pick<ApplyReport, 'prune' | 'dryRun'>): string {
  const what = entry.kind === 'page' ? 'page' : `${entry.kind} ${entry.key}`;
  switch (entry.action) {
    case 'create':
      return `+ ${what} (${entry.name})`;
    case 'update':
      return `~ ${what}: ${entry.changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ')}`;
    case 'remove':
      if (!report.prune) return `- ${what} (would remove; use --prune)`;
      return `- ${what} (${report.dryRun ? 'would remove' : 'removed'})`;
    case 'keep':
      return `! ${what} is not in the file but is kept: it still holds components created outside it (${entry.keptFor.join(', ')})`;
  }
}

export function formatSummary(report: ApplyReport): string {
  const c = report.counts;
  const kept = c.kept > 0 ? `, ${c.kept} kept` : '';
  if (report.dryRun) {
    return `dry run of ${report.file}, nothing written: ${c.created} to create, ${c.updated} to update, ${c.unchanged} unchanged, ${c.toRemove} to remove${kept}`;
  }
  const removal = report.prune ? `${c.removed} removed` : `${c.toRemove} to remove`;
  return `applied ${report.file}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${removal}${kept}`;
}

export function formatReport(report: ApplyReport): string[] {
  return [...report.entries.map((e) => formatEntry(e, report)), formatSummary(report)];
}
