// A regex worker that says it is ready, then never answers: it spins on the
// first request, as a match V8 could not interrupt would. Tests use it to
// prove the pool terminates and replaces such a worker.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {
  for (;;) {
    // spin
  }
});
parentPort?.postMessage({ kind: 'ready' });
