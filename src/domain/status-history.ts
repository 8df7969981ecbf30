// Where a component status change goes in the component's history when the
// person posting it says it happened earlier (a back-dated display_at, or an
// incident whose impact began before its first post). Uptime is computed from
// this history, so it must stay one ordered timeline whose last entry is the
// component's current status.
//
// The rule, in full:
// - A change made by an incident update is recorded at the update's display_at;
//   the changes made by the update that opened the incident at its started_at
//   (impact began). Never later than now.
// - It is never placed before the component's latest recorded change: what was
//   already recorded (by a monitor, a maintenance, a person, another incident)
//   stays true, and the new change starts where that one ends at the earliest.
// - Editing the incident's started_at moves the changes its opening update made;
//   editing an update's display_at moves the changes that update made. A moved
//   change keeps its place in the timeline: it stops at the change before it and
//   at the change after it (of the same component, from anything), and never
//   moves past now. Other changes are never rewritten.
import { toEpochMs } from './time.js';

/** A change already in a component's history: its time and its insertion order (ties at one instant go by it). */
export interface RecordedChange {
  at: string;
  seq: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The time a new change is recorded at: `wanted`, but not after `now` and not before the component's latest change. */
export function placeNewChange(wanted: string, latestAt: string | null, now: string): string {
  let ms = Math.min(toEpochMs(wanted, 'wanted'), toEpochMs(now, 'now'));
  // Equal to the latest is fine: the new row is inserted after it, so it still comes last.
  if (latestAt !== null) ms = Math.max(ms, toEpochMs(latestAt, 'latestAt'));
  return iso(ms);
}

/**
 * The time an edited change moves to: `wanted`, held between its neighbours in
 * the component's history so the order of statuses is unchanged, and never
 * after `now`. When it cannot move at all it stays at `current`.
 */
export function placeMovedChange(
  self: RecordedChange,
  wanted: string,
  neighbours: { previous: RecordedChange | null; next: RecordedChange | null },
  now: string,
): string {
  const { previous, next } = neighbours;
  // Sharing an instant with a neighbour keeps the order only if the insertion order agrees; otherwise stay 1 ms apart.
  let lower = -Infinity;
  if (previous) lower = toEpochMs(previous.at, 'previous.at') + (previous.seq < self.seq ? 0 : 1);
  let upper = toEpochMs(now, 'now');
  if (next) upper = Math.min(upper, toEpochMs(next.at, 'next.at') - (next.seq > self.seq ? 0 : 1));
  if (lower > upper) return self.at;
  return iso(Math.min(Math.max(toEpochMs(wanted, 'wanted'), lower), upper));
}
