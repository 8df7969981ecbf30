// Database outage, end to end through startVigil: the public page, API and
// feeds keep answering 200 from the last snapshot, /readyz says degraded,
// writes answer 503 UNAVAILABLE, and everything resumes once the database is
// back, without a restart.
// PostgreSQL: a TCP proxy this test owns sits between Vigil and the test's own
// database and is cut and restored (the machine's server is never touched).
// SQLite: the database file is moved away and back (see store/sqlite-file.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../../../config/env.js';
import { systemClock } from '../../../lib/clock.js';
import { startVigil, type VigilHandle } from '../../../server/start.js';
import { createTestDatabase } from '../../../test/databases.test-support.js';
import { freePort } from '../../../test/vigil-process.test-support.js';
import { publicSiteOf } from './fastify.js';
import { eventually, rawRequest } from './fixtures.test-support.js';

/** A loopback TCP proxy that can be cut (listener closed, every connection reset) and restored on the same port. */
class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.resetAndDestroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

const silent = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

async function start(databaseUrl: string): Promise<{ handle: VigilHandle; base: string; key: string }> {
  let out = '';
  const config = loadConfig({ VIGIL_DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(await freePort()), VIGIL_PUBLIC_URL: 'https://status.example.com' });
  const handle = await startVigil(config, { clock: systemClock, logger: silent, stdout: { write: (c: string) => (out += c) }, jobs: [] });
  const key = /^\s+(vgl_\S+)$/m.exec(out)?.[1];
  assert.ok(key, out);
  return { handle, base: handle.listeningOn!, key };
}

async function admin(base: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  return { status: res.status, body: await res.json() };
}

async function readyz(base: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: await res.json() };
}

async function summary(base: string): Promise<any> {
  const res = await rawRequest(base, '/api/v2/summary.json');
  assert.equal(res.status, 200);
  return JSON.parse(res.body.toString());
}

/** Arranges an incident, cuts the database, checks the outage behaviour, restores it, checks recovery. */
async function outageScenario(
  base: string,
  key: string,
  handle: VigilHandle,
  cut: () => Promise<void>,
  restore: () => Promise<void>,
  unavailableMessage: RegExp,
  /** Whether reads fail during the outage too (PostgreSQL), or only writes and the readiness check (a moved SQLite file). */
  readsFail: boolean,
) {
  const component = await admin(base, key, 'POST', '/api/v1/components', { name: 'Payments' });
  const incident = await admin(base, key, 'POST', '/api/v1/incidents', {
    name: 'Card payments failing',
    body: 'We are investigating failed card payments.',
    components: { [component.body.id]: 'major_outage' },
  });
  assert.equal(incident.status, 201);
  const id = incident.body.id as string;
  await eventually(async () => (await summary(base)).incidents.length === 1, 15_000, 'the incident on the public API');
  const before = await summary(base);
  const generatedAt = publicSiteOf(handle.app!)!.snapshot.model!.generated_at;

  await cut();

  // Public: the last snapshot, in full, including a page nobody had asked for yet.
  assert.deepEqual(await summary(base), before);
  const home = await rawRequest(base, '/', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(home.status, 200);
  const history = await rawRequest(base, '/history.atom');
  assert.equal(history.status, 200);
  assert.match(history.body.toString(), /Card payments failing/);
  const page = await rawRequest(base, `/incidents/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.body.toString(), /We are investigating failed card payments/);
  // The page says how old it is.
  assert.match(page.body.toString(), new RegExp(`Last updated <time datetime="${generatedAt}">`));

  // Operations and writes tell the truth.
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
  assert.deepEqual(await readyz(base), { status: 503, body: { status: 'degraded', checks: { database: 'unreachable' } } });
  const write = await admin(base, key, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'identified', body: 'Found it.' });
  assert.equal(write.status, 503);
  assert.equal(write.body.error.code, 'UNAVAILABLE');
  assert.match(write.body.error.message, unavailableMessage);

  const site = publicSiteOf(handle.app!)!;
  const { polls, failedPolls, failedRebuilds } = site.activity;
  const generation = site.snapshot.generation;
  if (readsFail) {
    // A failed poll only marks the site unhealthy (it asks for no rebuild); a rebuild attempted meanwhile
    // fails too. Both leave the last good snapshot in place.
    await eventually(() => site.activity.failedPolls > failedPolls, 15_000, 'a poll failing against the lost database');
    await site.refresh();
    assert.ok(site.activity.failedRebuilds > failedRebuilds, 'the rebuild failed');
  } else {
    // The moved SQLite file is still open and answers reads (only writes and /readyz check it): polls
    // succeed, see the same change token and ask for no rebuild.
    await eventually(() => site.activity.polls > polls + 1, 15_000, 'two polls against the moved file');
    assert.equal(site.activity.failedPolls, failedPolls);
  }
  assert.equal(site.snapshot.generation, generation);
  assert.equal(site.snapshot.model!.generated_at, generatedAt);
  assert.deepEqual(await summary(base), before);

  await restore();

  await eventually(async () => (await readyz(base)).status === 200, 15_000, '/readyz to recover');
  const retried = await admin(base, key, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'identified', body: 'Found it: an expired certificate.' });
  assert.equal(retried.status, 201, JSON.stringify(retried.body));
  await eventually(async () => (await summary(base)).incidents[0]?.status === 'identified', 10_000, 'the new update on the public API');
  assert.equal((await summary(base)).incidents[0].incident_updates[0].body, 'Found it: an expired certificate.');
}

describe('database outage', () => {
  test('on PostgreSQL, behind a TCP proxy that is cut and restored', async () => {
    const testDb = await createTestDatabase('postgres');
    const direct = new URL(testDb.url);
    const proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.open();
    const viaProxy = new URL(testDb.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    let vigil: Awaited<ReturnType<typeof start>> | null = null;
    try {
      vigil = await start(viaProxy.toString());
      await outageScenario(vigil.base, vigil.key, vigil.handle, () => proxy.cut(), () => proxy.open(), /^the database is unavailable; try again shortly$/, true);
    } finally {
      await vigil?.handle.close();
      await proxy.cut();
      await testDb.drop();
    }
  });

  test('on SQLite, when the database file is moved away and back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-outage-'));
    const file = join(dir, 'vigil.db');
    let vigil: Awaited<ReturnType<typeof start>> | null = null;
    try {
      vigil = await start(file);
      await outageScenario(
        vigil.base,
        vigil.key,
        vigil.handle,
        async () => renameSync(file, `${file}.moved`),
        async () => renameSync(`${file}.moved`, file),
        /database file was moved or deleted/,
        false,
      );
    } finally {
      await vigil?.handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
