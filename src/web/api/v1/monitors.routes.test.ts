import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock, systemClock } from '../../../lib/clock.js';
import { createApiKey } from '../../../services/api-keys/createApiKey.js';
import { createMonitor } from '../../../services/monitors/createMonitor.js';
import type { RunNowResult } from '../../../services/monitors/schemas.js';
import { DIALECTS, openTestDatabase } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { buildApp } from '../../app.js';
import { defaultMonitorGuard } from '../../../outbound/guards.js';

const NOW = '2026-04-01T09:00:00.000Z';

const COMMON_DEFAULTS = {
  key: null,
  interval_seconds: 60,
  timeout_seconds: 10,
  retry_interval_seconds: 20,
  down_after: 3,
  up_after: 2,
  component_id: null,
  component_status_on_down: 'major_outage',
  auto_incident: false,
  incident_impact: 'major',
  incident_title: null,
  incident_body: null,
  resolve_after_seconds: 300,
  paused: false,
  state: 'pending',
  state_changed_at: null,
  state_reason: null,
  flapping: false,
  last_result: null,
  created_at: NOW,
  updated_at: NOW,
};

/** Each type's smallest valid body, and the options it gets by default. */
const TYPES: Record<string, { body: Record<string, unknown>; options: Record<string, unknown> }> = {
  http: {
    body: { url: 'https://example.test/health' },
    options: {
      url: 'https://example.test/health', method: 'GET', headers: {}, basic_auth: null, body: null, expected_status: ['200-399'], keyword: null,
      keyword_absent: false, regex: null, regex_absent: false, json_path: null, json_expected: null, max_response_ms: null,
      follow_redirects: true, max_redirects: 5, verify_tls: true, max_body_bytes: 1024 * 1024,
    },
  },
  tcp: { body: { host: 'db.internal', port: 5432 }, options: { host: 'db.internal', port: 5432, send: null, expect: null } },
  dns: { body: { host: 'example.test' }, options: { host: 'example.test', record_type: 'A', expected: [], resolver: null } },
  tls: { body: { host: 'example.test' }, options: { host: 'example.test', port: 443, warn_days: [30, 14, 7, 1] } },
  heartbeat: { body: {}, options: { grace_seconds: 60 } },
  statuspage: {
    body: { url: 'https://status.upstream.test' },
    options: { url: 'https://status.upstream.test', upstream_component: null, down_at: 'major', down_statuses: ['partial_outage', 'major_outage'] },
  },
};

for (const dialect of DIALECTS) {
  describe(`monitors API on ${dialect}`, () => {
    const clock = new ManualClock(NOW);
    const api = useTestApi(dialect, { clock });
    const create = async (body: Record<string, unknown>) => {
      const res = await api.request('POST', '/api/v1/monitors', { body });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    test('creates a monitor of each type with its defaults, and reads it back', async () => {
      for (const [type, { body, options }] of Object.entries(TYPES)) {
        const created = await create({ type, name: `A ${type} monitor`, ...body });
        const { id, ping_url, ...rest } = created;
        assert.match(id, /^[a-z0-9]{12}$/);
        assert.deepEqual(rest, { name: `A ${type} monitor`, type, ...COMMON_DEFAULTS, ...options });
        if (type === 'heartbeat') {
          // 24 random bytes, base64url: 192 bits in the URL.
          assert.match(ping_url, /^http:\/\/localhost:3000\/ping\/[A-Za-z0-9_-]{32}$/);
        } else {
          assert.equal(ping_url, null);
        }
        const got = await api.request('GET', `/api/v1/monitors/${id}`, { key: 'read' });
        assert.equal(got.status, 200);
        assert.deepEqual(got.body, created);
        const row = await api.database.db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(row.options_json), options);
        assert.equal(row.heartbeat_token !== null, type === 'heartbeat');
      }
    });

    test('dependent defaults follow the interval: timeout below it, retries at most every 20 s', async () => {
      const fast = await create({ type: 'tcp', name: 'Fast', host: 'a.test', port: 1, interval_seconds: 10 });
      assert.deepEqual([fast.timeout_seconds, fast.retry_interval_seconds], [9, 10]);
      const slow = await create({ type: 'tcp', name: 'Slow', host: 'a.test', port: 1, interval_seconds: 300, timeout_seconds: 30, retry_interval_seconds: 60 });
      assert.deepEqual([slow.timeout_seconds, slow.retry_interval_seconds], [30, 60]);
    });

    test('the ping URL uses the page\'s public URL when the settings name one', async () => {
      const hb = await create({ type: 'heartbeat', name: 'Backup', interval_seconds: 3600 });
      const token = hb.ping_url.split('/').pop();
      assert.equal((await api.request('PATCH', '/api/v1/page', { body: { public_url: 'https://status.acme.test/' } })).status, 200);
      const got = await api.request('GET', `/api/v1/monitors/${hb.id}`);
      assert.equal(got.body.ping_url, `https://status.acme.test/ping/${token}`);
      await api.request('PATCH', '/api/v1/page', { body: { public_url: null } });
    });

    test('a component and incident settings are stored and shown', async () => {
      const comp = await api.createComponent('Checkout');
      const m = await create({
        type: 'http', name: 'Checkout', url: 'https://shop.test/', key: 'checkout', component_id: comp, component_status_on_down: 'partial_outage',
        auto_incident: true, incident_impact: 'critical', incident_title: '{{monitor}} is down', incident_body: 'We are looking into it.',
        resolve_after_seconds: 0, down_after: 1, up_after: 5, method: 'HEAD', expected_status: [200, '3xx'],
      });
      assert.deepEqual(
        [m.key, m.component_id, m.component_status_on_down, m.auto_incident, m.incident_impact, m.incident_title, m.incident_body, m.resolve_after_seconds],
        ['checkout', comp, 'partial_outage', true, 'critical', '{{monitor}} is down', 'We are looking into it.', 0],
      );
      assert.deepEqual([m.down_after, m.up_after, m.method, m.expected_status], [1, 5, 'HEAD', [200, '3xx']]);
      const dup = await api.request('POST', '/api/v1/monitors', { body: { type: 'heartbeat', name: 'Other', key: 'checkout' } });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'CONFLICT');
    });

    test('lists with filters and pages, oldest first', async () => {
      const comp = await api.createComponent('Listed');
      const a = await create({ type: 'dns', name: 'L1', host: 'a.test', component_id: comp });
      const b = await create({ type: 'dns', name: 'L2', host: 'b.test', component_id: comp, paused: true });
      clock.advance(1000);
      const c = await create({ type: 'tls', name: 'L3', host: 'c.test', component_id: comp });
      const ids = async (query: string) => (await api.request('GET', `/api/v1/monitors?${query}`, { key: 'read' })).body.map((m: { id: string }) => m.id);
      // a and b share a created_at, so their ids order them.
      assert.deepEqual(await ids(`component_id=${comp}`), [...[a.id, b.id].sort(), c.id]);
      assert.deepEqual(await ids(`component_id=${comp}&type=tls`), [c.id]);
      assert.deepEqual(await ids(`component_id=${comp}&paused=true`), [b.id]);
      assert.equal((await ids(`component_id=${comp}&paused=false`)).length, 2);
      assert.equal((await ids(`component_id=${comp}&state=down`)).length, 0);
      assert.equal((await ids(`component_id=${comp}&state=pending`)).length, 3);
      const page1 = await ids(`component_id=${comp}&per_page=2`);
      const page2 = await ids(`component_id=${comp}&per_page=2&page=2`);
      assert.equal(page1.length, 2);
      assert.deepEqual(page2, [c.id]);
      assert.equal((await api.request('GET', '/api/v1/monitors?type=ftp')).status, 400);
      assert.ok((await api.request('GET', '/api/v1/monitors')).body.length >= 3);
    });

    test('PATCH merges options onto the stored ones and keeps the rest', async () => {
      const m = await create({ type: 'http', name: 'Merge', url: 'https://a.test/', keyword: 'ok', headers: { 'x-a': '1' } });
      clock.advance(60_000);
      const res = await api.request('PATCH', `/api/v1/monitors/${m.id}`, { body: { method: 'POST', body: '{}', interval_seconds: 120, type: 'http' } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        [res.body.url, res.body.keyword, res.body.headers, res.body.method, res.body.body, res.body.interval_seconds, res.body.timeout_seconds],
        ['https://a.test/', 'ok', { 'x-a': '••••' }, 'POST', '{}', 120, 10],
      );
      assert.equal(res.body.updated_at, '2026-04-01T09:01:01.000Z');
      assert.equal(res.body.created_at, m.created_at);
      const cleared = await api.request('PATCH', `/api/v1/monitors/${m.id}`, { body: { keyword: null, name: 'Merged' } });
      assert.deepEqual([cleared.body.keyword, cleared.body.name, cleared.body.method], [null, 'Merged', 'POST']);
      assert.deepEqual(await api.auditActions(m.id), ['monitor.create', 'monitor.update', 'monitor.update']);
    });

    test('pause and resume record events and audit rows; repeating them changes nothing', async () => {
      const m = await create({ type: 'tcp', name: 'Pausable', host: 'p.test', port: 22 });
      const paused = await api.request('POST', `/api/v1/monitors/${m.id}/pause`);
      assert.equal(paused.status, 200);
      assert.equal(paused.body.paused, true);
      assert.equal((await api.request('POST', `/api/v1/monitors/${m.id}/pause`)).body.paused, true);
      const resumed = await api.request('POST', `/api/v1/monitors/${m.id}/resume`, { key: 'write' });
      assert.equal(resumed.body.paused, false);
      assert.equal((await api.request('POST', `/api/v1/monitors/${m.id}/resume`, { key: 'read' })).status, 403);
      assert.deepEqual(await api.auditActions(m.id), ['monitor.create', 'monitor.pause', 'monitor.resume']);
      const audit = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', m.id).where('action', '=', 'monitor.pause').executeTakeFirstOrThrow();
      assert.deepEqual([JSON.parse(audit.before_json!).paused, JSON.parse(audit.after_json!).paused], [false, true]);
      const events = await api.request('GET', `/api/v1/monitors/${m.id}/events`);
      assert.deepEqual(events.body.map((e: { kind: string }) => e.kind), ['resumed', 'paused']);
      const row = await api.database.db.selectFrom('monitors').select('paused').where('id', '=', m.id).executeTakeFirstOrThrow();
      assert.equal(row.paused, 0);
      assert.equal((await api.request('POST', '/api/v1/monitors/nope/pause')).status, 404);
    });

    test('run-now answers 503 when no scheduler runs in the process, 404 for an unknown monitor', async () => {
      const m = await create({ type: 'tcp', name: 'Run me', host: 'r.test', port: 22 });
      const res = await api.request('POST', `/api/v1/monitors/${m.id}/run`);
      assert.equal(res.status, 503);
      assert.deepEqual(res.body.error, { code: 'UNAVAILABLE', message: 'no scheduler runs in this process', details: null });
      assert.equal((await api.request('POST', '/api/v1/monitors/nope/run')).status, 404);
      assert.equal((await api.request('POST', `/api/v1/monitors/${m.id}/run`, { key: 'read' })).status, 403);
    });

    test('delete removes the monitor with an audit row that keeps no ping token', async () => {
      const m = await create({ type: 'heartbeat', name: 'Doomed', interval_seconds: 600 });
      const token = m.ping_url.split('/').pop();
      assert.equal((await api.request('DELETE', `/api/v1/monitors/${m.id}`)).status, 204);
      assert.equal((await api.request('GET', `/api/v1/monitors/${m.id}`)).status, 404);
      assert.equal((await api.request('DELETE', `/api/v1/monitors/${m.id}`)).status, 404);
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', m.id).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.action, r.actor_type, r.actor_name]), [['monitor.create', 'api_key', 'admin'], ['monitor.delete', 'api_key', 'admin']]);
      assert.equal(JSON.parse(rows[0]!.after_json!).grace_seconds, 60);
      assert.ok(rows.every((r) => !`${r.before_json}${r.after_json}`.includes(token)), 'no token in the audit log');
    });

    test('reading needs a key; writing needs the write scope', async () => {
      assert.equal((await api.request('GET', '/api/v1/monitors', { key: null })).status, 401);
      assert.equal((await api.request('POST', '/api/v1/monitors', { key: 'read', body: { type: 'heartbeat', name: 'x' } })).status, 403);
    });
  });
}

describe('run-now with a scheduler in the process', () => {
  test('POST /monitors/{id}/run answers with what the engine returns', async () => {
    const { database, close } = await openTestDatabase('sqlite');
    const ctx = { db: database.db, clock: systemClock, actor: { type: 'cli' as const, id: null, name: 'test' } };
    const asked: string[] = [];
    const result: RunNowResult = {
      checked_at: '2026-04-01T09:00:00.000Z', ok: false, latency_ms: 12, reason: 'HTTP 503', warning: null, detail: { status_code: 503 }, state: 'pending',
    };
    // A stand-in for the engine: this suite tests the route's contract, not the checks.
    const app = await buildApp({ db: database.db, clock: systemClock, logger: false, monitors: { runNow: async (id) => (asked.push(id), result) } });
    try {
      const key = (await createApiKey(ctx, { name: 'w', scope: 'write' })).key;
      const m = await createMonitor(ctx, { type: 'tcp', name: 'T', host: 'a.test', port: 1 }, { publicUrl: 'http://localhost:3000', outbound: defaultMonitorGuard() });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/monitors/${m.id}/run`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), result);
      assert.deepEqual(asked, [m.id]);
    } finally {
      await app.close();
      await close();
    }
  });
});
