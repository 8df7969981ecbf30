// Input rules shared by the incident write services that zod cannot check
// alone: they need the clock or the database.
import { validationError } from '../../domain/errors.js';
import { toEpochMs } from '../../domain/time.js';
import { componentRefs } from '../components/refs.js';
import type { Tx } from '../context.js';

/** How far ahead of our clock a client's timestamp may be: clocks drift, but a future timeline entry is a mistake. */
export const MAX_FUTURE_MS = 60_000;

export function assertNotInFuture(at: string, now: string, path: string): void {
  if (toEpochMs(at) - toEpochMs(now) > MAX_FUTURE_MS) {
    throw validationError([{ path, message: 'must not be more than 60 seconds in the future' }]);
  }
}

/**
 * The components named in `components` (a status map) and `component_ids`, by id or key, as ids; every
 * unknown one is reported at once, as `components.<ref>` or `component_ids.<index>`.
 */
export async function resolveIncidentComponents<V>(
  tx: Tx,
  components: Readonly<Record<string, V>>,
  componentIds: readonly string[],
): Promise<{ components: Record<string, V>; component_ids: string[] }> {
  const refs = await componentRefs(tx.db, [...Object.keys(components), ...componentIds]);
  const resolved = { components: refs.map(components, 'components'), component_ids: refs.list(componentIds, 'component_ids') };
  refs.check();
  return resolved;
}
