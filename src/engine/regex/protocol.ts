// The messages between the regex pool (main thread) and its workers.
import type { SafeRegexResult } from '../checks/safe-regex.js';

export interface MatchRequest {
  id: number;
  pattern: string;
  flags: string;
  input: string;
  timeoutMs: number;
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'result'; id: number; result: SafeRegexResult };
