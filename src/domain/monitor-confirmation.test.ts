import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyResult,
  confirmationPolicy,
  DEFAULT_CONFIRMATION_POLICY,
  initialConfirmationState,
  isRetrying,
  type ConfirmationPolicy,
  type ConfirmationState,
  type MonitorTransition,
} from './monitor-confirmation.js';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;

/** Feeds results (`true` ok, `false` failure) `stepMs` apart from `start`; returns the final state and every event. */
function run(
  state: ConfirmationState,
  results: boolean[],
  opts: { start?: number; stepMs?: number; policy?: ConfirmationPolicy } = {},
): { state: ConfirmationState; events: MonitorTransition[]; at: number } {
  const start = opts.start ?? T0;
  const step = opts.stepMs ?? 30 * SEC;
  const events: MonitorTransition[] = [];
  let s = state;
  let at = start;
  results.forEach((ok, i) => {
    at = start + i * step;
    const out = applyResult(s, { ok, reason: ok ? null : 'timeout', at }, opts.policy);
    s = out.state;
    events.push(...out.events);
  });
  return { state: s, events, at };
}

const kinds = (events: MonitorTransition[]) => events.map((e) => e.kind);

test('defaults: down after 3, up after 2, 4 changes in 15 minutes, 5 quiet minutes', () => {
  assert.deepEqual({ ...DEFAULT_CONFIRMATION_POLICY }, {
    down_after: 3, up_after: 2, flap_window_ms: 15 * MIN, flap_threshold: 4, flap_quiet_ms: 5 * MIN,
  });
  assert.deepEqual(confirmationPolicy({ down_after: 0, up_after: 2.7, flap_quiet_ms: -5, flap_window_ms: Number.NaN }), {
    ...DEFAULT_CONFIRMATION_POLICY, down_after: 1, up_after: 2, flap_quiet_ms: 0,
  });
});

test('an UP monitor goes DOWN on the third consecutive failure, not before', () => {
  const up = initialConfirmationState('up');
  const two = run(up, [false, false]);
  assert.equal(two.state.state, 'up');
  assert.deepEqual(two.events, []);
  const three = run(up, [false, false, false]);
  assert.equal(three.state.state, 'down');
  // The DOWN carries when its failing streak began: the first of the three failures.
  assert.deepEqual(three.events, [{ kind: 'down', at: T0 + 60 * SEC, reason: 'timeout', since: T0 }]);
  assert.equal(three.state.last_failure_at, T0 + 60 * SEC);
  // Further failures change nothing.
  assert.deepEqual(run(three.state, [false, false], { start: T0 + 90 * SEC }).events, []);
});

test('a DOWN monitor goes UP on the second consecutive success and reports the result reason', () => {
  const down = initialConfirmationState('down');
  const one = applyResult(down, { ok: true, reason: '200 OK', at: T0 });
  assert.equal(one.state.state, 'down');
  assert.deepEqual(one.events, []);
  const two = applyResult(one.state, { ok: true, reason: '200 OK', at: T0 + SEC });
  assert.equal(two.state.state, 'up');
  assert.deepEqual(two.events, [{ kind: 'up', at: T0 + SEC, reason: '200 OK' }]);
});

test('alternating results reset the counters and never confirm anything', () => {
  const up = run(initialConfirmationState('up'), [false, false, true, false, false, true, false, false, true]);
  assert.equal(up.state.state, 'up');
  assert.deepEqual(up.events, []);
  assert.equal(up.state.consecutive_successes, 1);
  assert.equal(up.state.consecutive_failures, 0);

  const down = run(initialConfirmationState('down'), [true, false, true, false, true, false]);
  assert.equal(down.state.state, 'down');
  assert.deepEqual(down.events, []);
  assert.equal(down.state.consecutive_failures, 1);
  assert.equal(down.state.consecutive_successes, 0);
});

test('pending becomes UP after 2 successes or DOWN after 3 failures', () => {
  const p = initialConfirmationState();
  assert.equal(p.state, 'pending');
  assert.equal(run(p, [true]).state.state, 'pending');
  const up = run(p, [true, true]);
  assert.equal(up.state.state, 'up');
  assert.deepEqual(kinds(up.events), ['up']);

  assert.equal(run(p, [false, false]).state.state, 'pending');
  const down = run(p, [false, false, false]);
  assert.equal(down.state.state, 'down');
  assert.deepEqual(kinds(down.events), ['down']);
  // The first verdict is not a change of state: it does not count towards flapping.
  assert.deepEqual(down.state.changes, []);
  assert.deepEqual(up.state.changes, []);
});

test('isRetrying while failing but not yet DOWN', () => {
  const up = initialConfirmationState('up');
  assert.equal(isRetrying(up), false);
  assert.equal(isRetrying(run(up, [false]).state), true);
  assert.equal(isRetrying(run(up, [false, false]).state), true);
  assert.equal(isRetrying(run(up, [false, false, false]).state), false, 'confirmed DOWN: back to the normal interval');
  assert.equal(isRetrying(run(up, [false, false, true]).state), false);
  assert.equal(isRetrying(run(initialConfirmationState(), [false]).state), true, 'pending counts too');
  assert.equal(isRetrying(run(initialConfirmationState('down'), [true, false]).state), false, 'already DOWN');
  const once = confirmationPolicy({ down_after: 1 });
  assert.equal(isRetrying(run(up, [false], { policy: once }).state, once), false);
});

test('custom thresholds', () => {
  const policy = confirmationPolicy({ down_after: 1, up_after: 1 });
  const out = run(initialConfirmationState('up'), [false, true], { policy });
  assert.deepEqual(kinds(out.events), ['down', 'up']);
});

test('applyResult does not modify its input', () => {
  const s = run(initialConfirmationState('up'), [false, false, false]).state;
  const copy = structuredClone(s);
  applyResult(s, { ok: true, reason: null, at: T0 + 10 * MIN });
  applyResult(s, { ok: false, reason: 'x', at: T0 + 10 * MIN });
  assert.deepEqual(s, copy);
});

/**
 * A monitor that is down for 3 checks then up for 2, repeatedly, 30 s apart:
 * each cycle is 5 checks = 2.5 minutes, one DOWN and one UP.
 */
function flappingSequence(cycles: number): boolean[] {
  return Array.from({ length: cycles }, () => [false, false, false, true, true]).flat();
}

test('a flapping monitor is flagged once and settles DOWN instead of notifying on every change', () => {
  const out = run(initialConfirmationState('up'), flappingSequence(10));
  // down, up, down, then the 4th change (a recovery) proves flapping and is held back.
  assert.deepEqual(kinds(out.events), ['down', 'up', 'down', 'flapping']);
  assert.equal(out.state.state, 'down');
  assert.equal(out.state.flapping, true);
  const flapping = out.events[3]!;
  assert.equal(flapping.at, T0 + 9 * 30 * SEC);
  assert.equal(flapping.reason, '4 state changes within 15 minutes');
  // Changes older than the window are pruned.
  for (const t of out.state.changes) assert.ok(out.at - t < 15 * MIN);
});

test('flapping reached on a DOWN change emits down then flapping', () => {
  // From DOWN: up, down, up, down — the 4th change is DOWN.
  const out = run(initialConfirmationState('down'), [true, true, false, false, false, true, true, false, false, false]);
  assert.deepEqual(kinds(out.events), ['up', 'down', 'up', 'down', 'flapping']);
  assert.equal(out.state.state, 'down');
  assert.equal(out.state.flapping, true);
});

test('a flapping monitor goes UP, emitting stable first, only after 5 minutes without a failure', () => {
  const flapped = run(initialConfirmationState('up'), flappingSequence(4));
  assert.equal(flapped.state.flapping, true);
  const lastFailure = flapped.state.last_failure_at!;
  const start = flapped.at + 30 * SEC;

  // Successes every 30 s: nothing before the quiet period is over, even with many successes.
  let s = flapped.state;
  const events: MonitorTransition[] = [];
  for (let at = start; at < lastFailure + 5 * MIN; at += 30 * SEC) {
    const o = applyResult(s, { ok: true, reason: null, at });
    s = o.state;
    events.push(...o.events);
  }
  assert.deepEqual(events, []);
  assert.equal(s.state, 'down');

  const settled = applyResult(s, { ok: true, reason: '200 OK', at: lastFailure + 5 * MIN });
  assert.deepEqual(settled.events, [
    { kind: 'stable', at: lastFailure + 5 * MIN, reason: 'no failure for 5 minutes' },
    { kind: 'up', at: lastFailure + 5 * MIN, reason: '200 OK' },
  ]);
  assert.equal(settled.state.state, 'up');
  assert.equal(settled.state.flapping, false);
});

test('a single failure during the quiet period restarts it', () => {
  const flapped = run(initialConfirmationState('up'), flappingSequence(4));
  const lastFailure = flapped.state.last_failure_at!;
  // Quiet for 4 minutes (successes every 30 s), then one failure, then successes again.
  let s = run(flapped.state, Array(7).fill(true), { start: lastFailure + 30 * SEC }).state;
  assert.equal(s.state, 'down');
  const failedAt = lastFailure + 4 * MIN;
  s = applyResult(s, { ok: false, reason: 'timeout', at: failedAt }).state;
  assert.equal(s.last_failure_at, failedAt);
  const before = run(s, Array(9).fill(true), { start: failedAt + 30 * SEC });
  assert.deepEqual(before.events, [], 'quiet period counted from the new failure');
  const after = applyResult(before.state, { ok: true, reason: null, at: failedAt + 5 * MIN });
  assert.deepEqual(kinds(after.events), ['stable', 'up']);
});

test('a steadily failing flapping monitor stays DOWN and flapping without further events', () => {
  const flapped = run(initialConfirmationState('up'), flappingSequence(4));
  const out = run(flapped.state, Array(120).fill(false), { start: flapped.at + 30 * SEC });
  assert.deepEqual(out.events, []);
  assert.equal(out.state.state, 'down');
  assert.equal(out.state.flapping, true);
  assert.deepEqual(out.state.changes, [], 'old changes pruned after an hour');
});

test('a relapse soon after settling flags flapping again at once', () => {
  const flapped = run(initialConfirmationState('up'), flappingSequence(4));
  const settledAt = flapped.state.last_failure_at! + 5 * MIN;
  const settled = applyResult(flapped.state, { ok: true, reason: null, at: settledAt });
  assert.equal(settled.state.state, 'up');
  const relapse = run(settled.state, [false, false, false], { start: settledAt + 30 * SEC });
  assert.deepEqual(kinds(relapse.events), ['down', 'flapping']);
  assert.equal(relapse.state.flapping, true);
});

test('changes spread wider than the window never make a monitor flapping', () => {
  // One DOWN/UP cycle every 20 minutes: at most 3 changes inside any 15-minute window.
  const cycle = [false, false, false, true, true, ...Array(35).fill(true)];
  const out = run(initialConfirmationState('up'), Array.from({ length: 12 }, () => cycle).flat());
  assert.ok(!kinds(out.events).includes('flapping'));
  assert.equal(kinds(out.events).filter((k) => k === 'down').length, 12);
  assert.equal(out.state.state, 'up');
});

test('after a restart the monitor keeps its state and forgets counters and flap history', () => {
  assert.deepEqual(initialConfirmationState('down'), {
    state: 'down', consecutive_failures: 0, consecutive_successes: 0, changes: [], flapping: false, last_failure_at: null, failing_since: null,
  });
});

test('the failing streak starts at its first failure and a success ends it', () => {
  const up = initialConfirmationState('up');
  const broken = run(up, [false, true, false, false, false]);
  const down = broken.events.find((e) => e.kind === 'down');
  assert.equal(down?.since, T0 + 2 * 30 * SEC, 'the streak began after the success, not at the first failure');
  assert.equal(broken.state.failing_since, T0 + 60 * SEC);
  assert.equal(run(broken.state, [true], { start: T0 + 5 * MIN }).state.failing_since, null);
});

test('a conclusive success (a heartbeat ping) makes a pending monitor UP at once, and only a pending one', () => {
  const first = applyResult(initialConfirmationState('pending'), { ok: true, reason: null, at: T0, conclusive: true });
  assert.equal(first.state.state, 'up');
  assert.deepEqual(kinds(first.events), ['up']);
  const plain = applyResult(initialConfirmationState('pending'), { ok: true, reason: null, at: T0 });
  assert.equal(plain.state.state, 'pending', 'an ordinary success still needs up_after');
  const wasDown = applyResult(initialConfirmationState('down'), { ok: true, reason: null, at: T0, conclusive: true });
  assert.equal(wasDown.state.state, 'down', 'a recovery is confirmed as usual');
});
