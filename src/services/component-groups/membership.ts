// Checks a list of component ids given by the caller (group members,
// maintenance components) before anything is written.
import type { Kysely } from 'kysely';
import { validationError, type FieldIssue } from '../../domain/errors.js';
import { getComponentsByIds } from '../../store/components.js';
import type { DB } from '../../store/schema.js';

/** Every id must name an existing component, once; problems are reported as `<field>.<index>`. */
export async function checkComponentIds(db: Kysely<DB>, ids: readonly string[], field: string): Promise<void> {
  const found = new Set((await getComponentsByIds(db, ids)).map((r) => r.id));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  ids.forEach((id, index) => {
    if (!found.has(id)) issues.push({ path: `${field}.${index}`, message: `no component with id "${id}"` });
    else if (seen.has(id)) issues.push({ path: `${field}.${index}`, message: `component "${id}" is listed more than once` });
    seen.add(id);
  });
  if (issues.length > 0) throw validationError(issues);
}
