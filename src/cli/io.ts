// What a command may touch besides the database: its output streams and the
// environment. Injected so commands can be run in-process with captured output.
import { userInfo } from 'node:os';
import type { Actor } from '../services/context.js';

export interface Output {
  write(chunk: string): unknown;
}

export interface CliIo {
  /** What the command produces (a key, a table, migration names): safe for scripts to capture. */
  stdout: Output;
  /** Diagnostics and details. */
  stderr: Output;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/** The actor recorded in the audit log for changes made from the command line. */
export function cliActor(env: NodeJS.ProcessEnv): Actor {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // A container running under a uid with no passwd entry has no user name.
    name = env.USER ?? env.LOGNAME ?? 'unknown';
  }
  return { type: 'cli', id: null, name };
}
