// Time helpers shared by the domain rules. The domain never reads a clock:
// callers pass timestamps (ISO-8601 UTC strings) in, and these turn them into
// epoch milliseconds so comparisons never depend on string formatting.

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** Epoch ms of an ISO-8601 timestamp; throws RangeError (a programming error upstream) when unparseable. */
export function toEpochMs(iso: string, name = 'timestamp'): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid ISO-8601 timestamp: ${JSON.stringify(iso)}`);
  return ms;
}

/** Start (00:00:00.000 UTC) of the UTC day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
export function utcDateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Round to 2 decimals; the epsilon keeps values like 1.005 from rounding down. */
export function round2(x: number): number {
  return Math.round((x + Math.sign(x) * Number.EPSILON) * 100) / 100;
}
