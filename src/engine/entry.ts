// What the engine keeps in memory per monitor, and small pure helpers around it.
import { confirmationPolicy, initialConfirmationState, type ConfirmationPolicy, type ConfirmationState } from '../domain/monitor-confirmation.js';
import type { MonitorState } from '../domain/monitor-types.js';
import type { MonitorRow } from '../store/schema.js';

export interface Entry {
  row: MonitorRow;
  options: unknown;
  policy: ConfirmationPolicy;
  confirmation: ConfirmationState;
  generation: number;
  running: boolean;
  /** A run is waiting in the queue for the current generation. */
  queued: boolean;
  lastRunAt: number;
  warnThreshold: number | null;
}

export function newEntry(row: MonitorRow): Entry {
  return {
    row,
    options: JSON.parse(row.options_json),
    policy: policyOf(row),
    confirmation: initialConfirmationState(row.state as MonitorState),
    generation: 0,
    running: false,
    queued: false,
    lastRunAt: 0,
    warnThreshold: null,
  };
}

/**
 * The detail kept with a result, compacted: millions of rows are written, so false and empty values
 * are left out and timings are whole milliseconds.
 */
export function storedDetail(detail: Record<string, unknown>): string | null {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'timings' && typeof value === 'object') {
      const t: Record<string, number> = {};
      for (const [k, v] of Object.entries(value)) if (typeof v === 'number') t[k] = Math.round(v);
      if (Object.keys(t).length > 0) kept.timings = t;
      continue;
    }
    kept[key] = value;
  }
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

export function policyOf(row: MonitorRow): ConfirmationPolicy {
  return confirmationPolicy({ down_after: row.down_after, up_after: row.up_after });
}

export function stateValue(state: MonitorState): number {
  return state === 'up' ? 1 : state === 'down' ? 0 : -1;
}
