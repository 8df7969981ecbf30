// Per ping token: at most 10 pings a second (429 beyond), and at most one
// stored result a second. The first ping of each second is stored (a result
// row and the monitor's last ping); the next ones in that second are answered
// 200 and only move the last ping when their outcome differs (a failure right
// after a success still counts). Per process, in memory (README "Security").
import type { Clock } from '../lib/clock.js';
import type { PingOutcome } from '../services/monitors/recordPing.js';
import { FixedWindowCounter, type Window, type WindowLimit } from './rate-limit.js';

export const PING_LIMIT: WindowLimit = { max: 10, windowMs: 1000, maxKeys: 10_000 };

interface PingWindow extends Window {
  /** The write of this second's first ping: later pings wait for it and answer as it did. */
  stored: Promise<void> | null;
  /** The outcome last written in this second. */
  lastOk: boolean | null;
}

/** What to do with one ping. */
export type PingHandling = { kind: 'refused'; retryAfterSeconds: number } | { kind: 'stored' } | { kind: 'coalesced' };

export class PingThrottle {
  private readonly counter: FixedWindowCounter<PingWindow>;

  constructor(clock: Clock, limit: WindowLimit = PING_LIMIT) {
    this.counter = new FixedWindowCounter<PingWindow>(
      limit,
      () => clock.now().getTime(),
      (start) => ({ start, count: 0, stored: null, lastOk: null }),
      // Whole seconds, so "one result per second" means per calendar second.
      (now) => now - (now % limit.windowMs),
    );
  }

  /**
   * Handles a ping of `token`; `write(storeResult)` performs the write when one is needed. Rejects
   * as the write did (unknown token, database unavailable).
   */
  async handle(token: string, outcome: PingOutcome, write: (storeResult: boolean) => Promise<void>): Promise<PingHandling> {
    const { window, over, retryAfterSeconds } = this.counter.hit(token);
    if (over) return { kind: 'refused', retryAfterSeconds };
    if (window.stored === null) {
      window.lastOk = outcome.ok;
      window.stored = write(true);
      // A failed first write (unknown token, database down) lets the next ping of the second try again.
      window.stored.catch(() => {
        window.stored = null;
        window.lastOk = null;
      });
      await window.stored;
      return { kind: 'stored' };
    }
    await window.stored;
    if (window.lastOk !== outcome.ok) {
      window.lastOk = outcome.ok;
      await write(false);
    }
    return { kind: 'coalesced' };
  }
}
