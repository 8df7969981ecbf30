// Failed authentication, counted per client address: past the limit the
// answer is 429 with Retry-After instead of 401. Only failures count, and a
// valid key is always served (keys are 256-bit random, so the limit is not what
// protects them: it bounds the work and log lines a guessing or misconfigured
// client causes). Per process, in memory (README "Security").
import { AppError } from '../domain/errors.js';
import type { Clock } from '../lib/clock.js';
import { FixedWindowCounter, type WindowLimit } from './rate-limit.js';

export const AUTH_FAILURE_LIMIT: WindowLimit = { max: 20, windowMs: 60_000, maxKeys: 10_000 };

interface WarnLog {
  warn(obj: object, msg: string): void;
}

export class AuthFailureThrottle {
  private readonly counter: FixedWindowCounter;

  constructor(clock: Clock, limit: WindowLimit = AUTH_FAILURE_LIMIT) {
    this.counter = new FixedWindowCounter(limit, () => clock.now().getTime());
  }

  /**
   * Counts one failure from `address` and returns what to answer: `failure` itself (a 401), or a
   * RATE_LIMITED error once the address is over the limit. Logs the address and why, never the key;
   * past the limit only the first refusal of each window is logged.
   */
  failed(address: string, failure: AppError, log: WarnLog): AppError {
    const { window, over, retryAfterSeconds } = this.counter.hit(address);
    if (!over) {
      log.warn({ address, reason: failure.message }, 'failed authentication');
      return failure;
    }
    if (window.count === this.counter.limit.max + 1) {
      log.warn({ address, retry_after_seconds: retryAfterSeconds }, 'too many failed authentications; answering 429 until the window ends');
    }
    return new AppError('RATE_LIMITED', `too many failed authentications from this address; try again in ${retryAfterSeconds} s`, {
      retry_after_seconds: retryAfterSeconds,
    });
  }
}
