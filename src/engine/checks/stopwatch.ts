// Phase timings for checks: `lap()` is the time since the previous lap (or
// the start), `elapsed()` the time since the start, both in ms to 0.1.

export interface Stopwatch {
  lap(): number;
  elapsed(): number;
}

const tenths = (ms: number): number => Math.round(ms * 10) / 10;

export function stopwatch(): Stopwatch {
  const started = performance.now();
  let mark = started;
  return {
    lap() {
      const now = performance.now();
      const ms = tenths(now - mark);
      mark = now;
      return ms;
    },
    elapsed: () => tenths(performance.now() - started),
  };
}
