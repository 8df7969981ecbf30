// When checks run. Each monitor runs on an absolute grid `k × interval + phase`:
// the phase, derived from a hash of the monitor's id, spreads thousands of
// monitors across the interval instead of firing them together, and computing
// the next run from the grid (never "last run + interval") means a late run
// does not push every later run back: no drift accumulates.

/** 32-bit FNV-1a over the string's UTF-16 code units, finished with an avalanche mix so similar ids land far apart. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's fmix32: FNV-1a alone leaves the high bits poorly mixed for short ids.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function checkInterval(intervalMs: number): void {
  if (!(Number.isFinite(intervalMs) && intervalMs > 0)) {
    throw new RangeError(`interval must be a positive number of milliseconds, got ${intervalMs}`);
  }
}

/** A stable offset in [0, intervalMs), whole milliseconds: the same for the same id and interval on every instance. */
export function phaseMs(monitorId: string, intervalMs: number): number {
  checkInterval(intervalMs);
  return Math.floor((hashId(monitorId) / 2 ** 32) * intervalMs);
}

/** The first instant strictly after `afterMs` on the monitor's grid `k × intervalMs + phase`. */
export function nextDueAt(monitorId: string, intervalMs: number, afterMs: number): number {
  checkInterval(intervalMs);
  const phase = phaseMs(monitorId, intervalMs);
  const k = Math.floor((afterMs - phase) / intervalMs) + 1;
  return k * intervalMs + phase;
}

/** When to re-check a monitor that is failing but not confirmed DOWN yet. */
export function retryDueAt(lastRunMs: number, retryIntervalMs: number): number {
  checkInterval(retryIntervalMs);
  return lastRunMs + retryIntervalMs;
}
