// Runs the real `vigil` command as a child process (through tsx, from the
// sources) for the CLI, serve and crash tests. Only tests import this.
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import type { Dialect } from '../store/migrations/columns.js';
import { createTestDatabase, type TestDatabase } from './databases.test-support.js';
import { freePort } from '../lib/free-port.js';

export { freePort };

const ROOT = new URL('../../', import.meta.url).pathname;

/** The environment a child gets: the parent's, minus any Vigil settings, plus the test's. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(VIGIL_(?!TEST_)|PORT$|HOST$)/.test(k)) base[k] = v;
  }
  return { ...base, VIGIL_LOG_LEVEL: 'warn', ...env };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class VigilProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<RunResult>;
  private waiters: (() => void)[] = [];

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.notify();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits or the time runs out first. */
  async waitForStdout(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match) return match;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`vigil exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`timed out waiting for ${pattern}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a signal and waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<RunResult> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Runs one vigil command to completion. */
export function runVigil(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new VigilProcess(args, env).exited;
}


/** Starts `vigil serve` on a free loopback port and waits until it says it is ready. */
export async function startServe(env: Record<string, string>, args: string[] = []): Promise<{ process: VigilProcess; baseUrl: string }> {
  const port = await freePort();
  const process = new VigilProcess(['serve', ...args], { HOST: '127.0.0.1', PORT: String(port), ...env });
  try {
    await process.waitForStdout(/ready at /);
  } catch (err) {
    // A server that never became ready must not outlive the test and keep the runner waiting.
    process.child.kill('SIGKILL');
    throw err;
  }
  return { process, baseUrl: `http://127.0.0.1:${port}` };
}

/** The admin key from the first-start banner, if one was printed. */
export function bannerKey(stdout: string): string | undefined {
  return /^\s+(vgl_\S+)$/m.exec(stdout)?.[1];
}

export interface VigilDatabase {
  /** `VIGIL_DATABASE_URL` for a child process; filled in when the suite starts. */
  readonly env: Record<string, string>;
  /** The database's URL; read it inside a hook or test. */
  readonly url: string;
}

/**
 * Gives the enclosing suite its own empty (unmigrated) database, created before its tests and dropped after
 * them. `env` is the same object throughout, so a suite may keep it from describe time on.
 */
export function useVigilDatabase(dialect: Dialect): VigilDatabase {
  const env: Record<string, string> = {};
  let testDb: TestDatabase | undefined;
  before(async () => {
    testDb = await createTestDatabase(dialect);
    env.VIGIL_DATABASE_URL = testDb.url;
  });
  after(() => testDb?.drop());
  return {
    env,
    get url() {
      if (!testDb) throw new Error('the test database is not created yet: read url inside a hook or test');
      return testDb.url;
    },
  };
}
