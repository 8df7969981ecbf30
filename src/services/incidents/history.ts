// Moves the component status changes an incident wrote when one of the times
// they follow is edited: the incident's started_at (its opening update's
// changes) or an update's display_at (that update's changes). The rule is
// domain/status-history.ts: each change keeps its place among the component's
// other changes and never moves past now.
import { placeMovedChange } from '../../domain/status-history.js';
import {
  changesFollowingStart,
  changesFollowingUpdate,
  moveStatusChange,
  neighbourStatusChanges,
  type LinkedStatusChange,
} from '../../store/components.js';
import type { Tx } from '../context.js';

async function moveAll(tx: Tx, changes: LinkedStatusChange[], wanted: string): Promise<void> {
  for (const change of changes) {
    const { previous, next } = await neighbourStatusChanges(tx.db, change);
    const at = placeMovedChange(
      { at: change.at, seq: change.id },
      wanted,
      { previous: previous && { at: previous.at, seq: previous.id }, next: next && { at: next.at, seq: next.id } },
      tx.now,
    );
    if (at !== change.at) await moveStatusChange(tx.db, change.id, at);
  }
}

/** After the incident's started_at changed. */
export async function moveChangesWithStart(tx: Tx, incidentId: string, startedAt: string): Promise<void> {
  await moveAll(tx, await changesFollowingStart(tx.db, incidentId), startedAt);
}

/** After an update's display_at changed. */
export async function moveChangesWithUpdate(tx: Tx, updateId: string, displayAt: string): Promise<void> {
  await moveAll(tx, await changesFollowingUpdate(tx.db, updateId), displayAt);
}
