// When a failed delivery is tried again: exponential backoff with full jitter
// (a random delay between 0 and base·2^(attempt-1), capped), so a receiver that
// comes back is not hit by every waiting message at the same instant. A
// receiver's Retry-After wins, bounded so a hostile answer cannot park a
// message for ever.

export interface BackoffPolicy {
  /** The ceiling of the first retry's delay. */
  baseMs: number;
  /** No exponential delay exceeds this. */
  capMs: number;
  /** Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 3_600_000, maxRetryAfterMs: 6 * 3_600_000 };

/**
 * The delay before the next try after `attempt` (1 = the first try) failed. `random` is in [0, 1)
 * (Math.random in production; tests pass their own).
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: number, retryAfterMs: number | null = null): number {
  if (retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return Math.min(Math.ceil(retryAfterMs), policy.maxRetryAfterMs);
  const exponent = Math.min(Math.max(attempt - 1, 0), 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(Math.min(Math.max(random, 0), 1) * ceiling);
}

/** What happens to a delivery whose try `attempt` failed: it dies after the last attempt or a permanent failure. */
export function afterFailure(attempt: number, maxAttempts: number, permanent: boolean): 'retry' | 'dead' {
  return permanent || attempt >= maxAttempts ? 'dead' : 'retry';
}
