// Confirmation and flap damping: a monitor's state changes only after several
// results agree, and a monitor that keeps changing is held DOWN until it has
// really settled, so it cannot page people with a stream of DOWN/UP messages.
//
// Flap damping: when the confirmed changes within `flap_window_ms` reach
// `flap_threshold`, the monitor is flagged flapping and is DOWN for as long as
// the flag lasts. If the change that reaches the threshold is a recovery, that
// recovery is held back (the monitor stays DOWN, only 'flapping' is emitted);
// so an UP monitor is never flapping. A flapping monitor goes UP (emitting
// 'stable' then 'up') once it has `up_after` successes and no failure for
// `flap_quiet_ms`. Its recent changes are kept, so a relapse soon after flags
// it flapping again at once instead of taking another round of notifications.

import type { MonitorState } from './monitor-types.js';
import { MS_PER_MINUTE } from './time.js';

export interface ConfirmationPolicy {
  /** Consecutive failures that confirm DOWN. */
  down_after: number;
  /** Consecutive successes that confirm UP. */
  up_after: number;
  flap_window_ms: number;
  /** Confirmed changes within the window that make a monitor flapping. */
  flap_threshold: number;
  /** Time without any failure a flapping monitor needs before it may go UP. */
  flap_quiet_ms: number;
}

export const DEFAULT_CONFIRMATION_POLICY: Readonly<ConfirmationPolicy> = Object.freeze({
  down_after: 3,
  up_after: 2,
  flap_window_ms: 15 * MS_PER_MINUTE,
  flap_threshold: 4,
  flap_quiet_ms: 5 * MS_PER_MINUTE,
});

/** The defaults overridden by `partial`; counts are whole numbers of at least 1, durations at least 0. */
export function confirmationPolicy(partial: Partial<ConfirmationPolicy> = {}): ConfirmationPolicy {
  const p = { ...DEFAULT_CONFIRMATION_POLICY, ...partial };
  const count = (n: number, fallback: number) => (Number.isFinite(n) ? Math.max(1, Math.floor(n)) : fallback);
  const span = (n: number, fallback: number) => (Number.isFinite(n) ? Math.max(0, n) : fallback);
  const d = DEFAULT_CONFIRMATION_POLICY;
  return {
    down_after: count(p.down_after, d.down_after),
    up_after: count(p.up_after, d.up_after),
    flap_window_ms: span(p.flap_window_ms, d.flap_window_ms),
    flap_threshold: count(p.flap_threshold, d.flap_threshold),
    flap_quiet_ms: span(p.flap_quiet_ms, d.flap_quiet_ms),
  };
}

export interface ConfirmationState {
  state: MonitorState;
  consecutive_failures: number;
  consecutive_successes: number;
  /** Epoch ms of recent confirmed state changes (held-back recoveries included), oldest first, pruned to the flap window. */
  changes: number[];
  flapping: boolean;
  last_failure_at: number | null;
  /** Epoch ms of the first failure of the current failing streak (null while passing). */
  failing_since: number | null;
}

/** One check's verdict. `reason` says why it failed (or what it saw when it passed). */
export interface CheckVerdict {
  ok: boolean;
  reason: string | null;
  /** Epoch ms when the check finished. */
  at: number;
  /**
   * A success that settles a pending monitor on its own: a heartbeat's ping is the job's own word
   * that it ran, so one is enough to be UP (a check of a live target still needs `up_after`).
   */
  conclusive?: boolean;
}

export type MonitorTransitionKind = 'down' | 'up' | 'flapping' | 'stable';

export interface MonitorTransition {
  kind: MonitorTransitionKind;
  at: number;
  reason: string | null;
  /** For 'down': when the first failing check of the confirmed streak happened. */
  since?: number;
}

export interface ConfirmationStep {
  state: ConfirmationState;
  events: MonitorTransition[];
}

/**
 * The state of a monitor loaded after a restart: its stored state with fresh
 * counters. Flap history is not persisted; a restart forgets it.
 */
export function initialConfirmationState(state: MonitorState = 'pending'): ConfirmationState {
  return { state, consecutive_failures: 0, consecutive_successes: 0, changes: [], flapping: false, last_failure_at: null, failing_since: null };
}

/** True while the monitor is failing but DOWN is not confirmed yet: the engine re-checks sooner. */
export function isRetrying(state: ConfirmationState, policy: ConfirmationPolicy = DEFAULT_CONFIRMATION_POLICY): boolean {
  return state.state !== 'down' && state.consecutive_failures > 0 && state.consecutive_failures < policy.down_after;
}

/** Feed one result; returns the next state and what happened, in order. The input state is not modified. */
export function applyResult(
  current: ConfirmationState,
  result: CheckVerdict,
  policy: ConfirmationPolicy = DEFAULT_CONFIRMATION_POLICY,
): ConfirmationStep {
  const { at } = result;
  const next: ConfirmationState = {
    ...current,
    changes: current.changes.filter((t) => at - t < policy.flap_window_ms),
  };
  if (result.ok) {
    next.consecutive_successes = current.consecutive_successes + 1;
    next.consecutive_failures = 0;
    next.failing_since = null;
  } else {
    next.consecutive_failures = current.consecutive_failures + 1;
    next.consecutive_successes = 0;
    next.last_failure_at = at;
    next.failing_since = current.consecutive_failures === 0 || current.failing_since === null ? at : current.failing_since;
  }

  const events: MonitorTransition[] = [];
  if (!result.ok && next.state !== 'down' && next.consecutive_failures >= policy.down_after) {
    const wasPending = next.state === 'pending';
    next.state = 'down';
    events.push({ kind: 'down', at, reason: result.reason, since: next.failing_since ?? at });
    // The first verdict of a new monitor is not a change of state: it does not count towards flapping.
    if (!wasPending) noteChange(next, at, policy, events);
  } else if (result.ok && next.state !== 'up' && (next.consecutive_successes >= policy.up_after || (next.state === 'pending' && result.conclusive === true))) {
    if (next.state === 'pending') {
      next.state = 'up';
      events.push({ kind: 'up', at, reason: result.reason });
    } else if (next.flapping) {
      const quietSince = next.last_failure_at ?? Number.NEGATIVE_INFINITY;
      if (at - quietSince >= policy.flap_quiet_ms) {
        next.flapping = false;
        next.state = 'up';
        events.push({ kind: 'stable', at, reason: quietReason(policy) });
        events.push({ kind: 'up', at, reason: result.reason });
        next.changes.push(at);
      }
    } else {
      next.changes.push(at);
      if (reachesThreshold(next, policy)) {
        // The recovery that proves the monitor is flapping is held back: it stays DOWN.
        next.flapping = true;
        events.push({ kind: 'flapping', at, reason: flappingReason(next, policy) });
      } else {
        next.state = 'up';
        events.push({ kind: 'up', at, reason: result.reason });
      }
    }
  }
  return { state: next, events };
}

function noteChange(next: ConfirmationState, at: number, policy: ConfirmationPolicy, events: MonitorTransition[]): void {
  next.changes.push(at);
  if (!next.flapping && reachesThreshold(next, policy)) {
    next.flapping = true;
    events.push({ kind: 'flapping', at, reason: flappingReason(next, policy) });
  }
}

function reachesThreshold(state: ConfirmationState, policy: ConfirmationPolicy): boolean {
  return state.changes.length >= policy.flap_threshold;
}

function flappingReason(state: ConfirmationState, policy: ConfirmationPolicy): string {
  return `${state.changes.length} state changes within ${minutes(policy.flap_window_ms)}`;
}

function quietReason(policy: ConfirmationPolicy): string {
  return `no failure for ${minutes(policy.flap_quiet_ms)}`;
}

function minutes(ms: number): string {
  const m = ms / MS_PER_MINUTE;
  if (Number.isInteger(m)) return m === 1 ? '1 minute' : `${m} minutes`;
  return `${Math.round(ms / 1000)} seconds`;
}
