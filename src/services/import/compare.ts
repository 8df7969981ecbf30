// How an imported entry is compared with the row that has its id.

export type Op = 'create' | 'update' | 'unchanged';

export interface Step<V, R> {
  op: Op;
  /** Where the entry is in the file, e.g. `components[2]`. */
  path: string;
  id: string;
  values: V;
  existing: R | undefined;
  /** Names of the fields that differ (for updates). */
  changed: string[];
}

export function step<V extends object, R extends object>(path: string, id: string, values: V, existing: R | undefined, fields: (keyof V & keyof R)[]): Step<V, R> {
  if (!existing) return { op: 'create', path, id, values, existing, changed: [] };
  const changed = fields.filter((f) => (existing[f] as unknown) !== (values[f] as unknown)).map(String);
  return { op: changed.length > 0 ? 'update' : 'unchanged', path, id, values, existing, changed };
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
