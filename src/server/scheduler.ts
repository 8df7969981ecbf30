// A tiny declarative job runner: each job runs on its own timer, never
// overlaps itself, and logs its failures instead of throwing them. Timers use
// the monotonic clock (performance.now), not the injected wall clock: they
// measure intervals, they do not decide what time it is.
import { performance } from 'node:perf_hooks';

export interface Job<C> {
  name: string;
  everyMs: number;
  run(ctx: C): Promise<unknown>;
}

/** The slice of a pino logger the scheduler uses. */
export interface JobLogger {
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface Scheduler {
  /** Stops every timer and waits for runs in progress to finish. */
  stop(): Promise<void>;
}

export interface SchedulerOptions<C> {
  /** A context for each run (fresh per run, so a run cannot leak state into the next). */
  context: () => C;
  logger: JobLogger;
  /** Run every job once at start instead of waiting one interval; catches up after downtime. Default true. */
  runAtStart?: boolean;
}

export function startScheduler<C>(jobs: readonly Job<C>[], options: SchedulerOptions<C>): Scheduler {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two scheduled jobs are named "${job.name}"`);
    if (!Number.isFinite(job.everyMs) || job.everyMs <= 0) throw new Error(`job "${job.name}" needs a positive interval`);
    names.add(job.name);
  }

  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  async function runOnce(job: Job<C>): Promise<void> {
    const started = performance.now();
    try {
      const result = await job.run(options.context());
      options.logger.debug({ job: job.name, result, ms: Math.round(performance.now() - started) }, 'job finished');
    } catch (err) {
      options.logger.error({ job: job.name, err }, `job ${job.name} failed`);
    }
  }

  function schedule(job: Job<C>, delayMs: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(job.name);
      const started = performance.now();
      const run = runOnce(job).finally(() => {
        running.delete(run);
        // Fixed rate from each run's start; a run longer than the interval is followed by the next one at once,
        // never by a second copy alongside it.
        schedule(job, Math.max(0, job.everyMs - (performance.now() - started)));
      });
      running.add(run);
    }, delayMs);
    timers.set(job.name, timer);
  }

  for (const job of jobs) schedule(job, options.runAtStart === false ? job.everyMs : 0);

  return {
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
