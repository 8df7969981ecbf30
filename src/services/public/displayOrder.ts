// The page's display order, defined once for every public renderer:
//
//   - the top level holds groups and ungrouped components together, ordered by
//     `position` (they share one sequence, as on Statuspage); ties go to the
//     smaller `sequence` (the imported page's order, else creation order;
//     docs/adr/0014), then the older `created_at`, then the smaller id;
//   - a group's members follow it, ordered the same way among themselves;
//   - a component whose group is missing is shown at the top level.
//
// `components` in the model is this order flattened (a group's members right
// after the place the group holds); `groups` is the order of the groups alone.
import type { ComponentGroupRow, ComponentRow } from '../../store/schema.js';

interface Positioned {
  id: string;
  position: number;
  /** Absent: 0 (models built without one). */
  sequence?: number;
  created_at: string;
}

export function byPosition(a: Positioned, b: Positioned): number {
  return a.position - b.position || (a.sequence ?? 0) - (b.sequence ?? 0) || compare(a.created_at, b.created_at) || compare(a.id, b.id);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DisplayOrder {
  groups: { group: ComponentGroupRow; members: ComponentRow[] }[];
  /** Every component, flattened in display order. */
  components: ComponentRow[];
}

export function displayOrder(groups: readonly ComponentGroupRow[], components: readonly ComponentRow[]): DisplayOrder {
  const groupIds = new Set(groups.map((g) => g.id));
  const members = new Map<string, ComponentRow[]>(groups.map((g) => [g.id, []]));
  const top: ({ kind: 'group'; row: ComponentGroupRow } | { kind: 'component'; row: ComponentRow })[] = groups.map((row) => ({ kind: 'group', row }));
  for (const c of components) {
    if (c.group_id !== null && groupIds.has(c.group_id)) members.get(c.group_id)!.push(c);
    else top.push({ kind: 'component', row: c });
  }
  top.sort((a, b) => byPosition(a.row, b.row));

  const ordered: DisplayOrder = { groups: [], components: [] };
  for (const entry of top) {
    if (entry.kind === 'component') {
      ordered.components.push(entry.row);
      continue;
    }
    const list = members.get(entry.row.id)!.sort(byPosition);
    ordered.groups.push({ group: entry.row, members: list });
    ordered.components.push(...list);
  }
  return ordered;
}
