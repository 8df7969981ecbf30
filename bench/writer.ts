// The writer of the benchmarks: posts an incident update to Vigil's admin API
// every second (rotating over the active incidents), as responders do during
// an outage, and counts how often the public summary actually changed.
import { fetchDocument } from './processes.js';

export interface WriterReport {
  posted: number;
  failed: number;
  /** Distinct ETags of /api/v2/summary.json seen after the writes: the snapshot really was rebuilt. */
  versions: number;
}

export function startWriter(base: string, key: string, incidentIds: string[]): () => Promise<WriterReport> {
  let posted = 0;
  let failed = 0;
  let tick = 0;
  const etags = new Set<string>();
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    const n = tick++;
    const id = incidentIds[n % incidentIds.length]!;
    inFlight = (async () => {
      try {
        const res = await fetch(`${base}/api/v1/incidents/${id}/updates`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status: n % 2 ? 'monitoring' : 'identified', body: `Bench update ${n + 1}: still working on it.` }),
        });
        await res.arrayBuffer();
        if (res.status === 201) posted++;
        else failed++;
      } catch {
        failed++;
      }
      // Half a second later the debounced rebuild has normally been served.
      await new Promise((r) => setTimeout(r, 500));
      const summary = await fetchDocument(`${base}/api/v2/summary.json`, null).catch(() => null);
      if (summary?.status === 200 && summary.etag) etags.add(summary.etag);
    })();
  }, 1000);
  return async () => {
    clearInterval(timer);
    await inFlight;
    return { posted, failed, versions: etags.size };
  };
}
