// The files under deploy/ are checked without Docker or a running systemd:
// the Dockerfile's structure, what it copies, and its HEALTHCHECK command
// (run for real against a loopback server); the unit file's sections and
// keys, and `systemd-analyze verify` where that tool exists.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { SHUTDOWN_GRACE_MS } from '../cli/commands/serve.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Dockerfile instructions, with comments dropped and `\` continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: Instruction | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (pending === null && (line === '' || line.startsWith('#'))) return;
    if (pending !== null && line.startsWith('#')) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1).trim() : line;
    if (pending === null) {
      const m = /^(\S+)\s*(.*)$/.exec(body)!;
      pending = { keyword: m[1]!.toUpperCase(), args: m[2]!, line: i + 1 };
    } else {
      pending.args = `${pending.args} ${body}`.trim();
    }
    if (!continued) {
      out.push(pending);
      pending = null;
    }
  });
  assert.equal(pending, null, 'the Dockerfile ends inside a continued line');
  return out;
}

/** Stages by name, in order. */
function stages(instructions: Instruction[]): { name: string; from: string; body: Instruction[] }[] {
  const out: { name: string; from: string; body: Instruction[] }[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      assert.ok(m, `FROM at line ${ins.line}`);
      out.push({ from: m[1]!, name: m[2] ?? String(out.length), body: [] });
    } else {
      assert.ok(out.length > 0, `${ins.keyword} before any FROM at line ${ins.line}`);
      out.at(-1)!.body.push(ins);
    }
  }
  return out;
}

const execForm = (args: string): string[] => JSON.parse(args) as string[];

/** The sources of a COPY/ADD without --from (the build context), and its flags. */
function copySources(args: string): { from: string | null; sources: string[] } {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const rest = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length) ?? null;
  return { from, sources: rest.slice(0, -1) };
}

/** .dockerignore as Docker reads it for these simple patterns: a path, or a `*.ext` anywhere. */
function ignoredBy(patterns: string[], path: string): boolean {
  const clean = path.replace(/^\.\//, '').replace(/\/$/, '');
  return patterns.some((p) => {
    if (p.startsWith('*.')) return clean.split('/').some((part) => part.endsWith(p.slice(1)));
    return clean === p || clean.startsWith(`${p}/`);
  });
}

describe('deploy/Dockerfile', () => {
  const instructions = parseDockerfile(read('deploy/Dockerfile'));
  const all = stages(instructions);
  const build = all.find((s) => s.name === 'build');
  const runtime = all.at(-1)!;
  const dockerignore = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  test('is multi-stage: a build stage with the compilers better-sqlite3 needs, then a separate runtime stage', () => {
    assert.ok(all.length >= 2, 'at least two stages');
    assert.ok(build, 'a stage named build');
    assert.notEqual(runtime.name, 'build');
    const buildRuns = build.body.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
    for (const tool of ['python3', 'make', 'g++']) assert.match(buildRuns, new RegExp(`\\b${tool.replace('+', '\\+')}(\\s|$)`), tool);
    assert.match(buildRuns, /npm ci\b/);
    assert.match(buildRuns, /npm run build\b/);
    assert.match(buildRuns, /npm prune --omit=dev\b/, 'only production dependencies go on');
    // Same base image in both stages: the native module is built for the runtime's Node and libc.
    assert.equal(runtime.from, build.from);
    const nodeMajor = /^node:(\d+)/.exec(runtime.from)?.[1];
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    assert.ok(nodeMajor && Number(nodeMajor) >= Number(/\d+/.exec(engines)![0]), `${runtime.from} satisfies engines.node ${engines}`);
  });

  test('the runtime stage has only the compiled server and production dependencies, runs as a non-root user', () => {
    const copies = runtime.body.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    const copied = copies.flatMap((c) => copySources(c.args).sources);
    assert.ok(copied.some((s) => /^\/app\/dist\/?$/.test(s)), 'dist/ from the build stage');
    assert.ok(copied.some((s) => /^\/app\/node_modules\/?$/.test(s)), 'node_modules from the build stage (after prune)');
    assert.ok(!copied.some((s) => /(^|\/)src\/?$|tsconfig/.test(s)), `no sources in the runtime image: ${copied.join(', ')}`);
    for (const c of copies) {
      const { from } = copySources(c.args);
      if (from !== null) assert.ok(all.some((s) => s.name === from), `COPY --from=${from} names a stage`);
    }
    assert.ok(!runtime.body.some((i) => i.keyword === 'RUN' && /apt-get install|npm (ci|install)/.test(i.args)), 'nothing installed at runtime');

    const users = runtime.body.filter((i) => i.keyword === 'USER');
    assert.ok(users.length > 0, 'a USER instruction');
    const user = users.at(-1)!.args.split(':')[0]!;
    assert.ok(user !== 'root' && user !== '0', `runs as ${user}`);
    const lastUser = runtime.body.lastIndexOf(users.at(-1)!);
    assert.ok(runtime.body.findIndex((i) => i.keyword === 'CMD') > lastUser, 'USER comes before CMD');
  });

  test('declares the data volume, the port, the healthcheck, the stop signal and the direct command', () => {
    const one = (keyword: string) => {
      const found = runtime.body.filter((i) => i.keyword === keyword);
      assert.equal(found.length, 1, `one ${keyword} in the runtime stage`);
      return found[0]!.args;
    };
    assert.deepEqual(execForm(one('CMD')), ['node', 'bin/vigil.js', 'serve']);
    assert.ok(!runtime.body.some((i) => i.keyword === 'ENTRYPOINT'), 'no ENTRYPOINT (no shell or wrapper in front of node)');
    assert.equal(one('STOPSIGNAL'), 'SIGTERM');
    const volumes = execForm(one('VOLUME'));
    const env = runtime.body.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    const dbUrl = /VIGIL_DATABASE_URL=(\S+)/.exec(env)?.[1];
    assert.ok(dbUrl && volumes.includes(dirname(dbUrl)), `the database (${dbUrl}) is in a VOLUME (${volumes.join(', ')})`);
    const port = /\bPORT=(\d+)/.exec(env)?.[1];
    assert.equal(one('EXPOSE'), port);
    assert.match(env, /\bHOST=0\.0\.0\.0\b/, 'reachable from outside the container');
    const healthcheck = one('HEALTHCHECK');
    assert.match(healthcheck, /--interval=\S+/);
    assert.match(healthcheck, /--timeout=\S+/);
    const command = execForm(healthcheck.replace(/^.*?\bCMD\s+/, ''));
    assert.equal(command[0], 'node', 'the image has node, not curl');
    assert.match(command.join(' '), /\/healthz/);
  });

  test('everything it copies from the build context exists and is not excluded by .dockerignore', () => {
    const fromContext = instructions
      .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
      .map((i) => copySources(i.args))
      .filter((c) => c.from === null)
      .flatMap((c) => c.sources);
    assert.ok(fromContext.length > 0);
    for (const source of fromContext) {
      assert.ok(existsSync(join(ROOT, source)), `${source} exists in the repository`);
      assert.ok(!ignoredBy(dockerignore, source), `${source} is not in .dockerignore`);
    }
    // The build's own inputs: tsc's configs, and package.json's build script naming one of them.
    assert.match((JSON.parse(read('package.json')) as { scripts: { build: string } }).scripts.build, /tsconfig\.build\.json/);
    for (const local of ['node_modules', 'dist', '.git', 'data/vigil.db', '.env']) assert.ok(ignoredBy(dockerignore, local), `${local} stays out of the context`);
  });

  test('its HEALTHCHECK command exits 0 on a healthy /healthz and 1 otherwise', async () => {
    const healthcheck = runtime.body.find((i) => i.keyword === 'HEALTHCHECK')!.args;
    const [, ...args] = execForm(healthcheck.replace(/^.*?\bCMD\s+/, ''));
    const serve = async (status: number): Promise<Server> => {
      const server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? status : 404).end('{}'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    };
    // Asynchronously: the servers answering it live in this process.
    const run = (port: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, args, { env: { ...process.env, PORT: String(port) }, stdio: 'ignore', timeout: 10_000 });
        child.on('close', (code) => resolve(code));
      });
    const healthy = await serve(200);
    const sick = await serve(503);
    const sickPort = (sick.address() as AddressInfo).port;
    try {
      assert.equal(await run((healthy.address() as AddressInfo).port), 0);
      assert.equal(await run(sickPort), 1);
    } finally {
      await new Promise((r) => healthy.close(r));
      await new Promise((r) => sick.close(r));
    }
    assert.equal(await run(sickPort), 1, 'nothing listening');
  });
});

/** systemd unit as sections of [key, value] pairs (keys may repeat). */
function parseUnit(text: string): Map<string, [string, string][]> {
  const sections = new Map<string, [string, string][]>();
  let current: [string, string][] | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      assert.ok(!sections.has(section[1]!), `[${section[1]}] twice`);
      current = [];
      sections.set(section[1]!, current);
      return;
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
    assert.ok(kv, `line ${i + 1} is key=value: ${line}`);
    assert.ok(current, `line ${i + 1} is outside a section`);
    current.push([kv[1]!, kv[2]!]);
  });
  return sections;
}

/** The directives the unit may use, per section (a typo is otherwise silently ignored by systemd). */
const KNOWN_KEYS: Record<string, string[]> = {
  Unit: ['Description', 'Documentation', 'After', 'Before', 'Wants', 'Requires', 'BindsTo', 'PartOf', 'StartLimitIntervalSec', 'StartLimitBurst'],
  Service: [
    'Type', 'User', 'Group', 'WorkingDirectory', 'Environment', 'EnvironmentFile', 'ExecStart', 'ExecStartPre', 'ExecReload',
    'Restart', 'RestartSec', 'KillSignal', 'KillMode', 'TimeoutStopSec', 'TimeoutStartSec', 'StateDirectory', 'StateDirectoryMode',
    'ReadWritePaths', 'UMask', 'NoNewPrivileges', 'ProtectSystem', 'ProtectHome', 'PrivateTmp', 'PrivateDevices', 'ProtectKernelTunables',
    'ProtectKernelModules', 'ProtectKernelLogs', 'ProtectControlGroups', 'ProtectClock', 'ProtectHostname', 'ProtectProc', 'RestrictNamespaces',
    'RestrictRealtime', 'RestrictSUIDSGID', 'LockPersonality', 'RestrictAddressFamilies', 'SystemCallArchitectures', 'SystemCallFilter',
    'CapabilityBoundingSet', 'AmbientCapabilities', 'LimitNOFILE', 'MemoryDenyWriteExecute',
  ],
  Install: ['WantedBy', 'RequiredBy', 'Alias'],
};

describe('deploy/vigil.service', () => {
  const file = join(ROOT, 'deploy/vigil.service');
  const unit = parseUnit(readFileSync(file, 'utf8'));
  const get = (section: string, key: string) => unit.get(section)?.filter(([k]) => k === key).map(([, v]) => v) ?? [];
  const one = (section: string, key: string) => {
    const values = get(section, key);
    assert.equal(values.length, 1, `one ${key}= in [${section}]`);
    return values[0]!;
  };

  test('has [Unit], [Service] and [Install] with known keys only', () => {
    assert.deepEqual([...unit.keys()], ['Unit', 'Service', 'Install']);
    for (const [section, pairs] of unit) {
      for (const [key] of pairs) assert.ok(KNOWN_KEYS[section]!.includes(key), `${key}= in [${section}]`);
    }
    assert.equal(one('Install', 'WantedBy'), 'multi-user.target');
    assert.match(one('Unit', 'After'), /network-online\.target/);
  });

  test('runs node on bin/vigil.js directly, as a non-root user, restarting on failure', () => {
    const user = one('Service', 'User');
    assert.ok(user !== 'root' && user !== '0');
    const exec = one('Service', 'ExecStart').split(/\s+/);
    assert.match(exec[0]!, /^\/\S+\/node$/, 'an absolute path to node (not npm: its signals would not reach Vigil)');
    const dir = one('Service', 'WorkingDirectory');
    assert.equal(exec[1], `${dir}/bin/vigil.js`);
    assert.ok(existsSync(join(ROOT, 'bin/vigil.js')));
    assert.equal(exec[2], 'serve');
    assert.equal(one('Service', 'Restart'), 'on-failure');
    assert.match(one('Service', 'EnvironmentFile'), /^-?\/etc\/vigil\/\S+$/);
  });

  test('stops with SIGTERM and waits longer than Vigil\'s own shutdown grace', () => {
    assert.equal(one('Service', 'KillSignal'), 'SIGTERM');
    const stop = /^(\d+)s?$/.exec(one('Service', 'TimeoutStopSec'));
    assert.ok(stop && Number(stop[1]) * 1000 > SHUTDOWN_GRACE_MS, 'TimeoutStopSec exceeds the in-process grace, so Vigil exits on its own');
  });

  test('is hardened and may write only its data directory, where the database is', () => {
    assert.equal(one('Service', 'NoNewPrivileges'), 'yes');
    assert.equal(one('Service', 'ProtectSystem'), 'strict');
    for (const key of ['ProtectHome', 'PrivateTmp', 'PrivateDevices', 'ProtectKernelTunables', 'ProtectKernelModules', 'ProtectControlGroups', 'RestrictSUIDSGID']) {
      assert.equal(one('Service', key), 'yes', key);
    }
    assert.equal(one('Service', 'CapabilityBoundingSet'), '');
    assert.ok(get('Service', 'MemoryDenyWriteExecute').every((v) => v === 'no'), "V8's JIT needs writable executable memory");
    const database = get('Service', 'Environment').map((e) => /^VIGIL_DATABASE_URL=(\S+)$/.exec(e)?.[1]).find(Boolean);
    assert.ok(database, 'VIGIL_DATABASE_URL is set');
    const writable = one('Service', 'ReadWritePaths').split(/\s+/);
    assert.ok(writable.includes(dirname(database)), `${dirname(database)} is in ReadWritePaths`);
    assert.equal(`/var/lib/${one('Service', 'StateDirectory')}`, dirname(database), 'systemd creates it, owned by User=');
  });

  const analyze = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();
  test('passes systemd-analyze verify', { skip: analyze ? false : 'systemd-analyze is not installed' }, () => {
    // verify insists that ExecStart's binary exists: point it at this node, wherever it is installed.
    const dir = mkdtempSync(join(tmpdir(), 'vigil-unit-'));
    try {
      const copy = join(dir, basename(file));
      writeFileSync(copy, readFileSync(file, 'utf8').replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`));
      const result = spawnSync(analyze, ['verify', '--man=no', copy], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      // Unknown keys and bad values are only warnings (exit 0), each naming the file.
      const aboutUnit = result.stderr.split('\n').filter((l) => l.includes(basename(file)));
      assert.deepEqual(aboutUnit, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
