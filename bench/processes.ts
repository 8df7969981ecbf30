// Child processes and raw HTTP for the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
export { freePort } from '../src/lib/free-port.js';

const ROOT = new URL('../', import.meta.url).pathname;

export interface Child {
  process: ChildProcess;
  /** Resolves with the first match in stdout; rejects if the child exits first or in 60 s. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** Runs node from the repository root with the parent's environment minus Vigil's settings, plus `env`. */
export function spawnNode(args: string[], env: Record<string, string>): Child {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VIGIL_|PORT$|HOST$)/.test(k)) base[k] = v;
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    process.stderr.write(c);
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    process: child,
    async waitFor(pattern) {
      const deadline = performance.now() + 60_000;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${args.join(' ')} exited before printing ${pattern}:\n${stdout}${stderr}`);
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${pattern} from ${args.join(' ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}


export interface RawDocument {
  status: number;
  contentType: string;
  contentEncoding: string | null;
  etag: string | null;
  body: Buffer;
}

/** GET with only the given Accept-Encoding (or none); the body as sent, not decoded. */
export function fetchDocument(url: string, acceptEncoding: string | null): Promise<RawDocument> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? 'application/octet-stream',
          contentEncoding: res.headers['content-encoding'] ?? null,
          etag: res.headers.etag ?? null,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
export function cpuTimeMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}
