// How long a web-app session lives. Injected (config) so tests can shorten them.
export interface SessionPolicy {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after signing in, however active. */
  absoluteMs: number;
  /** `last_seen_at` is written at most this often: most requests stay reads. */
  touchMs: number;
  /** A password-accepted session waiting for its TOTP code lives this long. */
  secondFactorMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  touchMs: 60 * 1000,
  secondFactorMs: 5 * 60 * 1000,
};
