// The snapshot on a real database with the real loader and renderers: it is
// rebuilt after an admin write, picks up writes made by another process, and
// answers public requests without touching the database at all.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../../../lib/clock.js';
import { createApiKey } from '../../../services/api-keys/createApiKey.js';
import { createComponent } from '../../../services/components/createComponent.js';
import type { ServiceContext } from '../../../services/context.js';
import { openDatabase, type Database } from '../../../store/database.js';
import { openTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.test-support.js';
import { buildApp } from '../../app.js';
import type { RefreshTiming } from './refresher.js';
import { eventually, rawRequest } from './fixtures.test-support.js';
import { publicSiteOf } from './fastify.js';

interface PublicApp {
  app: FastifyInstance;
  base: string;
  database: Database;
  testDb: TestDatabase;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  json(path: string): Promise<any>;
  close(): Promise<void>;
}

async function startPublicApp(dialect: (typeof DIALECTS)[number], timing: Partial<RefreshTiming> = {}): Promise<PublicApp> {
  const { database, testDb, close: closeDb } = await openTestDatabase(dialect);
  const ctx: ServiceContext = { db: database.db, clock: systemClock, actor: { type: 'cli', id: null, name: 'test' } };
  const key = (await createApiKey(ctx, { name: 'admin', scope: 'admin' })).key;
  const app = await buildApp({ db: database.db, clock: systemClock, logger: false, public: { publicUrl: 'https://status.example.com', timing } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    base,
    database,
    testDb,
    admin: async (method, path, body) => {
      const res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    json: async (path) => JSON.parse((await rawRequest(base, path)).body.toString()),
    close: async () => {
      await app.close();
      await closeDb().catch(() => {});
    },
  };
}

const componentNames = (doc: { components: { name: string }[] }) => doc.components.map((c) => c.name);

for (const dialect of DIALECTS) {
  describe(`public snapshot on ${dialect}`, () => {
    test('an admin write is served after one debounced rebuild', async () => {
      // Polling and the periodic refresh are pushed out of the way so only the write hook can explain a rebuild;
      // a long debounce window keeps a burst inside one window even on a busy machine.
      const h = await startPublicApp(dialect, { pollMs: 600_000, refreshMs: 600_000, debounceMs: 1000 });
      try {
        const site = publicSiteOf(h.app)!;
        assert.deepEqual(componentNames(await h.json('/api/v2/components.json')), []);
        const generation = site.snapshot.generation;
        const asked = site.activity.requests;
        for (const name of ['Edge', 'API', 'Web', 'DNS', 'CDN']) assert.equal((await h.admin('POST', '/api/v1/components', { name })).status, 201);
        // The hook runs once the response is sent, so the last request may be counted just after its answer arrives.
        await eventually(() => site.activity.requests - asked === 5, 15_000, 'a rebuild request from each write');
        await site.idle();
        assert.deepEqual(componentNames(await h.json('/api/v2/components.json')).sort(), ['API', 'CDN', 'DNS', 'Edge', 'Web']);
        // Five writes in a burst share one debounced rebuild (two if the burst straddled the window).
        const rebuilt = site.snapshot.generation - generation;
        assert.ok(rebuilt >= 1 && rebuilt <= 2, `rebuilt ${rebuilt} times for 5 writes`);

        // Reads and failed writes do not ask for a rebuild. The successful write after them does, and is
        // counted only after their hooks have run (each request waits for the previous answer).
        const settled = site.snapshot.generation;
        const before = site.activity.requests;
        assert.equal((await h.admin('GET', '/api/v1/components')).status, 200);
        assert.equal((await h.admin('POST', '/api/v1/components', { nope: 1 })).status, 422);
        assert.equal((await h.admin('POST', '/api/v1/components', { name: 'Status' })).status, 201);
        await eventually(() => site.activity.requests > before, 15_000, 'the rebuild request of the successful write');
        await site.idle();
        assert.equal(site.activity.requests - before, 1, 'only the successful write asked for a rebuild');
        assert.equal(site.snapshot.generation, settled + 1);
        assert.ok(componentNames(await h.json('/api/v2/components.json')).includes('Status'));
      } finally {
        await h.close();
      }
    });

    test('a write by another process (as the CLI makes) is picked up by polling', async () => {
      const h = await startPublicApp(dialect, { pollMs: 200 });
      try {
        const other = openDatabase(h.testDb.url);
        try {
          await createComponent({ db: other.db, clock: systemClock, actor: { type: 'cli', id: null, name: 'vigil apply' } }, { name: 'From the CLI' });
        } finally {
          await other.close();
        }
        await eventually(async () => componentNames(await h.json('/api/v2/components.json')).includes('From the CLI'), 10_000, 'the CLI write');
      } finally {
        await h.close();
      }
    });

    test('public requests never touch the database: everything is still served once it is closed', async () => {
      const h = await startPublicApp(dialect, { pollMs: 200 });
      try {
        const component = await h.admin('POST', '/api/v1/components', { name: 'Checkout' });
        const incident = await h.admin('POST', '/api/v1/incidents', {
          name: 'Checkout errors',
          status: 'investigating',
          body: 'We are looking into failed payments.',
          components: { [component.body.id]: 'major_outage' },
        });
        assert.equal(incident.status, 201);
        await publicSiteOf(h.app)!.refresh();

        // From here on any query would fail: the connection (pool) is gone.
        await h.database.close();
        await assert.rejects(h.database.db.selectFrom('settings').selectAll().execute());

        const summary = JSON.parse((await rawRequest(h.base, '/api/v2/summary.json')).body.toString());
        assert.deepEqual(summary.incidents.map((i: { name: string }) => i.name), ['Checkout errors']);
        const home = await rawRequest(h.base, '/', { headers: { 'accept-encoding': 'br' } });
        assert.equal(home.status, 200);
        assert.equal(home.headers['content-encoding'], 'br');
        const atom = await rawRequest(h.base, '/history.atom');
        assert.equal(atom.status, 200);
        assert.match(atom.body.toString(), /Checkout errors/);
        // Never requested before: rendered now, from the model in memory.
        const page = await rawRequest(h.base, `/incidents/${incident.body.id}`);
        assert.equal(page.status, 200);
        assert.match(page.body.toString(), /We are looking into failed payments/);
        const head = await rawRequest(h.base, '/history', { method: 'HEAD' });
        assert.equal(head.status, 200);
        const etag = (await rawRequest(h.base, '/api/v2/status.json')).headers.etag!;
        assert.equal((await rawRequest(h.base, '/api/v2/status.json', { headers: { 'if-none-match': etag } })).status, 304);
        // Two polls fail after the close: the last good snapshot stays.
        const site = publicSiteOf(h.app)!;
        const failed = site.activity.failedPolls;
        await eventually(() => site.activity.failedPolls >= failed + 2, 15_000, 'two failed polls');
        const later = await rawRequest(h.base, '/api/v2/summary.json');
        assert.equal(later.status, 200);
        assert.deepEqual(JSON.parse(later.body.toString()), summary);
      } finally {
        await h.close();
      }
    });
  });
}
