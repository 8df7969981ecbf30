// A small pool of worker threads that run user regular expressions, so a
// pattern that backtracks costs a worker's time, never the event loop's.
// Everything is bounded: `size` workers, a queue of `maxQueued` matches (and
// `maxQueuedChars` of input), a wait of `maxWaitMs` for a free worker, and a
// running time of `timeoutMs` — the worker interrupts the match itself, and one
// that has not answered `graceMs` later is terminated and replaced.
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DEFAULT_REGEX_TIMEOUT_MS, regexError, regexTimedOut, type RegexMatcher, type RegexTestOptions, type SafeRegexResult } from '../checks/safe-regex.js';
import type { MatchRequest, WorkerMessage } from './protocol.js';

export interface RegexPoolOptions {
  /** Worker threads at most, started on first use (default: cores − 1, between 1 and 4). */
  size?: number;
  /** Matches waiting for a worker before new ones are refused at once. */
  maxQueued?: number;
  /** Input characters waiting, summed, before new matches are refused (bodies can be megabytes). */
  maxQueuedChars?: number;
  /** How long a match may wait for a free worker. */
  maxWaitMs?: number;
  /** After a match's timeout, how long its worker may take to answer before it is terminated. */
  graceMs?: number;
  /** Heap limit per worker, so a pathological match cannot take the process's memory. */
  maxHeapMb?: number;
  /** The worker module; tests substitute one that never answers to exercise the hard limit. */
  entry?: URL;
}

/** worker.ts from the sources, worker.js from the compiled dist/. */
const WORKER_ENTRY = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export const DEFAULT_REGEX_POOL: Required<RegexPoolOptions> = {
  size: Math.max(1, Math.min(4, availableParallelism() - 1)),
  maxQueued: 256,
  maxQueuedChars: 32 * 1024 * 1024,
  maxWaitMs: 5000,
  graceMs: 250,
  maxHeapMb: 256,
  entry: WORKER_ENTRY,
};

interface Job {
  request: MatchRequest;
  settled: boolean;
  resolve(result: SafeRegexResult): void;
  waitTimer: NodeJS.Timeout | null;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  hardTimer: NodeJS.Timeout | null;
}

const cancelled = (): SafeRegexResult => regexError('cancelled', 'regular expression cancelled (the check was stopped)');
const shutDown = (): SafeRegexResult => regexError('unavailable', 'regular expression not run: the matcher is shut down');

/** Starts one worker. A TypeScript entry (running from the sources) first registers tsx's loader, which workers do not inherit. */
function startWorker(entry: URL, resourceLimits: ResourceLimits): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { resourceLimits });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, resourceLimits });
}

export class RegexPool implements RegexMatcher {
  private readonly options: Required<RegexPoolOptions>;
  private readonly slots: Slot[] = [];
  private queue: Job[] = [];
  private queuedChars = 0;
  private nextId = 1;
  private closed = false;
  private readonly exiting = new Set<Promise<unknown>>();

  constructor(options: RegexPoolOptions = {}) {
    this.options = { ...DEFAULT_REGEX_POOL, ...options };
  }

  test(pattern: string, input: string, options: RegexTestOptions = {}): Promise<SafeRegexResult> {
    if (this.closed) return Promise.resolve(shutDown());
    if (options.signal?.aborted) return Promise.resolve(cancelled());
    const { maxQueued, maxQueuedChars } = this.options;
    if (this.queue.length >= maxQueued || (this.queue.length > 0 && this.queuedChars + input.length > maxQueuedChars)) {
      return Promise.resolve(regexError('busy', `regular expression not run: ${this.queue.length} matches are already waiting for a worker (slow patterns are holding them)`));
    }
    return new Promise((resolve) => {
      const request: MatchRequest = { id: this.nextId++, pattern, flags: options.flags ?? '', input, timeoutMs: options.timeoutMs ?? DEFAULT_REGEX_TIMEOUT_MS };
      const job: Job = { request, settled: false, resolve, waitTimer: null, signal: options.signal, onAbort: () => this.finish(job, cancelled()) };
      job.waitTimer = setTimeout(() => this.finish(job, regexError('busy', `regular expression not run: no worker was free within ${this.options.maxWaitMs} ms`)), this.options.maxWaitMs);
      options.signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.queuedChars += input.length;
      this.pump();
    });
  }

  /** Refuses new matches, settles the pending ones and terminates every worker. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.queue]) this.finish(job, shutDown());
    for (const slot of [...this.slots]) {
      if (slot.job) this.finish(slot.job, shutDown());
      this.retire(slot);
    }
    await Promise.allSettled([...this.exiting]);
  }

  /** Workers started and not retired (tests). */
  get workers(): number {
    return this.slots.length;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.job);
      if (!slot) break;
      this.dispatch(slot, this.dequeue(this.queue[0]!));
    }
    const starting = this.slots.filter((s) => !s.ready).length;
    for (let i = starting; i < this.queue.length && this.slots.length < this.options.size; i++) this.spawn();
  }

  private dequeue(job: Job): Job {
    const at = this.queue.indexOf(job);
    if (at >= 0) {
      this.queue.splice(at, 1);
      this.queuedChars -= job.request.input.length;
    }
    return job;
  }

  private dispatch(slot: Slot, job: Job): void {
    if (job.waitTimer) clearTimeout(job.waitTimer);
    job.waitTimer = null;
    slot.job = job;
    slot.hardTimer = setTimeout(() => this.overran(slot), job.request.timeoutMs + this.options.graceMs);
    slot.worker.postMessage(job.request);
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = startWorker(this.options.entry, { maxOldGenerationSizeMb: this.options.maxHeapMb });
    } catch (err) {
      this.failWaiting(`the worker did not start (${(err as Error).message})`);
      return;
    }
    const slot: Slot = { worker, ready: false, job: null, hardTimer: null };
    slot.worker.on('message', (message: WorkerMessage) => this.received(slot, message));
    slot.worker.on('error', (err) => this.lost(slot, err.message));
    slot.worker.on('exit', (code) => this.lost(slot, `exit code ${code}`));
    // An idle pool never keeps the process alive; a pending match does, through its timers.
    slot.worker.unref();
    this.slots.push(slot);
  }

  private received(slot: Slot, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      slot.ready = true;
    } else if (slot.job?.request.id === message.id) {
      if (slot.hardTimer) clearTimeout(slot.hardTimer);
      const job = slot.job;
      slot.job = null;
      slot.hardTimer = null;
      this.finish(job, message.result);
    }
    this.pump();
  }

  /** The worker did not answer in time (it is stuck in a match): it is replaced, the match times out. */
  private overran(slot: Slot): void {
    const job = slot.job;
    this.retire(slot);
    if (job) this.finish(job, regexTimedOut(job.request.timeoutMs));
    this.pump();
  }

  /** The worker died on its own (an error, out of memory, or it never started). */
  private lost(slot: Slot, why: string): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    const neverStarted = !slot.ready;
    this.retire(slot);
    if (job) this.finish(job, regexError('unavailable', `regular expression failed: its worker stopped (${why})`));
    if (neverStarted) {
      // Retrying at once would spin; the waiting matches fail and the next one tries again.
      this.failWaiting(`the worker did not start (${why})`);
      return;
    }
    this.pump();
  }

  private failWaiting(why: string): void {
    for (const waiting of [...this.queue]) this.finish(waiting, regexError('unavailable', `regular expression not run: ${why}`));
  }

  private retire(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (slot.hardTimer) clearTimeout(slot.hardTimer);
    slot.hardTimer = null;
    slot.job = null;
    const exit = slot.worker.terminate().catch(() => {});
    this.exiting.add(exit);
    void exit.finally(() => this.exiting.delete(exit));
  }

  private finish(job: Job, result: SafeRegexResult): void {
    if (job.settled) return;
    job.settled = true;
    this.dequeue(job);
    if (job.waitTimer) clearTimeout(job.waitTimer);
    job.waitTimer = null;
    job.signal?.removeEventListener('abort', job.onAbort);
    job.resolve(result);
  }
}
