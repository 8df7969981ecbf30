import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { startScheduler, type Job, type JobLogger } from './scheduler.js';

/** Waits until `done()` holds; timers run late on a loaded machine, so tests wait for events, not for fixed times. */
async function until(done: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > deadlineMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function recordingLogger() {
  const errors: { obj: any; msg: string }[] = [];
  const logger: JobLogger = { error: (obj, msg) => errors.push({ obj, msg }), debug: () => {} };
  return { logger, errors };
}

describe('scheduler', () => {
  test('runs each job repeatedly on its own interval, with a fresh context', async () => {
    const { logger } = recordingLogger();
    const runs: Record<string, number> = { fast: 0, slow: 0 };
    const contexts = new Set<object>();
    const job = (name: string, everyMs: number): Job<{ n: object }> => ({
      name,
      everyMs,
      run: async (ctx) => {
        contexts.add(ctx.n);
        runs[name]! += 1;
      },
    });
    const scheduler = startScheduler([job('fast', 10), job('slow', 100)], { context: () => ({ n: {} }), logger });
    await until(() => runs.fast! >= 15, '15 fast runs');
    await scheduler.stop();
    // 15 fast runs take at least 140 ms: the slow job has had time for one or two more runs, not for fifteen.
    assert.ok(runs.fast! >= 15, `fast ran ${runs.fast} times`);
    assert.ok(runs.slow! >= 2 && runs.slow! < runs.fast! / 2, `slow ran ${runs.slow} times`);
    assert.equal(contexts.size, runs.fast! + runs.slow!);
  });

  test('never overlaps a job with itself', async () => {
    const { logger } = recordingLogger();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const scheduler = startScheduler(
      [{ name: 'slow', everyMs: 5, run: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(30);
        active -= 1;
        runs += 1;
      } }],
      { context: () => ({}), logger },
    );
    await until(() => runs >= 3, 'three runs');
    await scheduler.stop();
    assert.equal(maxActive, 1);
    assert.ok(runs >= 2, `ran ${runs} times`);
  });

  test('logs a failing job and keeps running it', async () => {
    const { logger, errors } = recordingLogger();
    let attempts = 0;
    const scheduler = startScheduler(
      [{ name: 'flaky', everyMs: 10, run: async () => {
        attempts += 1;
        throw new Error('boom');
      } }],
      { context: () => ({}), logger },
    );
    await until(() => attempts >= 3, 'three attempts');
    await scheduler.stop();
    assert.ok(attempts >= 3);
    assert.equal(errors.length, attempts);
    assert.equal(errors[0]!.obj.job, 'flaky');
    assert.equal(errors[0]!.obj.err.message, 'boom');
    assert.match(errors[0]!.msg, /flaky failed/);
  });

  test('stop waits for a running job and starts no more', async () => {
    const { logger } = recordingLogger();
    let finished = 0;
    let started = 0;
    const scheduler = startScheduler(
      [{ name: 'long', everyMs: 1, run: async () => {
        started += 1;
        await sleep(50);
        finished += 1;
      } }],
      { context: () => ({}), logger },
    );
    await sleep(10);
    assert.equal(started, 1);
    await scheduler.stop();
    assert.equal(finished, 1);
    await sleep(30);
    assert.equal(started, 1);
  });

  test('runAtStart: false waits one interval before the first run', async () => {
    const { logger } = recordingLogger();
    let runs = 0;
    const scheduler = startScheduler([{ name: 'later', everyMs: 60, run: async () => { runs += 1; } }], {
      context: () => ({}),
      logger,
      runAtStart: false,
    });
    await sleep(20);
    assert.equal(runs, 0);
    await until(() => runs >= 1, 'the first run');
    await scheduler.stop();
    assert.ok(runs >= 1);
  });

  test('rejects duplicate names and non-positive intervals', () => {
    const { logger } = recordingLogger();
    const run = async () => {};
    assert.throws(() => startScheduler([{ name: 'a', everyMs: 10, run }, { name: 'a', everyMs: 10, run }], { context: () => ({}), logger }), /two scheduled jobs are named "a"/);
    assert.throws(() => startScheduler([{ name: 'b', everyMs: 0, run }], { context: () => ({}), logger }), /positive interval/);
  });
});
