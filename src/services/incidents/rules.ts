// Input rules shared by the incident write services that zod cannot check
// alone: they need the clock or the database.
import { validationError, type FieldIssue } from '../../domain/errors.js';
import { toEpochMs } from '../../domain/time.js';
import { getComponentsByIds } from '../../store/components.js';
import type { Tx } from '../context.js';

/** How far ahead of our clock a client's timestamp may be: clocks drift, but a future timeline entry is a mistake. */
export const MAX_FUTURE_MS = 60_000;

export function assertNotInFuture(at: string, now: string, path: string): void {
  if (toEpochMs(at) - toEpochMs(now) > MAX_FUTURE_MS) {
    throw validationError([{ path, message: 'must not be more than 60 seconds in the future' }]);
  }
}

/** Every id named in `components` (a status map) and `component_ids` must exist; all problems are reported at once. */
export async function assertComponentsExist(
  tx: Tx,
  components: Record<string, unknown> | undefined,
  componentIds: readonly string[] | undefined,
): Promise<void> {
  const mapIds = Object.keys(components ?? {});
  const ids = componentIds ?? [];
  const found = new Set((await getComponentsByIds(tx.db, [...new Set([...mapIds, ...ids])])).map((c) => c.id));
  const issues: FieldIssue[] = [
    ...mapIds.filter((id) => !found.has(id)).map((id) => ({ path: `components.${id}`, message: 'no component with this id' })),
    ...ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `component_ids.${i}`, message: `no component with id "${id}"` }])),
  ];
  if (issues.length > 0) throw validationError(issues);
}
