// Regular expressions come from users and bodies come from the network: a
// pattern like ^(a+)+$ can backtrack for hours. Checks therefore never match
// on the event loop; they ask a RegexMatcher (engine/regex/pool.ts runs
// matches on worker threads) and get a result or a clear error, never a throw.

export const DEFAULT_REGEX_TIMEOUT_MS = 250;

/** Why a match produced no answer: the pattern, its running time, a full queue, a cancel, or the matcher itself. */
export type RegexErrorCode = 'invalid' | 'timeout' | 'busy' | 'cancelled' | 'unavailable';

export type SafeRegexResult = { ok: true; matched: boolean } | { ok: false; code: RegexErrorCode; error: string };

export interface RegexTestOptions {
  flags?: string;
  /** Running time one match may take before it is abandoned (default 250 ms). */
  timeoutMs?: number;
  /** Aborting settles the call at once with a `cancelled` result. */
  signal?: AbortSignal;
}

export interface RegexMatcher {
  /** Tests `pattern` against `input` off the event loop. Never rejects. */
  test(pattern: string, input: string, options?: RegexTestOptions): Promise<SafeRegexResult>;
}

export function regexError(code: RegexErrorCode, error: string): SafeRegexResult {
  return { ok: false, code, error };
}

export function regexTimedOut(timeoutMs: number): SafeRegexResult {
  return regexError('timeout', `regular expression gave up after ${timeoutMs} ms (the pattern backtracks too much on this body)`);
}

export function regexInvalid(message: string): SafeRegexResult {
  return regexError('invalid', `invalid regular expression: ${message}`);
}
