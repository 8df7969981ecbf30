// Entry point of a regex worker thread (started by pool.ts): answers one
// match request at a time, in the order they arrive.
import { parentPort } from 'node:worker_threads';
import { matchInThisThread } from './match-in-thread.js';
import type { MatchRequest, WorkerMessage } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('the regex worker must run in a worker thread');

port.on('message', (job: MatchRequest) => {
  const message: WorkerMessage = { kind: 'result', id: job.id, result: matchInThisThread(job.pattern, job.flags, job.input, job.timeoutMs) };
  port.postMessage(message);
});
port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
