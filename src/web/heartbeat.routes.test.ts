import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ManualClock } from '../lib/clock.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { useTestApi } from '../test/api-harness.test-support.js';

const NOW = '2026-04-02T03:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`heartbeat pings on ${dialect}`, () => {
    const clock = new ManualClock(NOW);
    const api = useTestApi(dialect, { clock });
    let id: string;
    let token: string;
    before(async () => {
      const res = await api.request('POST', '/api/v1/monitors', { body: { type: 'heartbeat', name: 'Nightly backup', interval_seconds: 86_400 } });
      id = res.body.id;
      token = res.body.ping_url.split('/').pop();
    });

    const results = () =>
      api.database.db.selectFrom('monitor_results').selectAll().where('monitor_id', '=', id).orderBy('checked_at').execute();
    const monitorRow = () => api.database.db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const ping = (path: string, options: { method?: string; body?: string; type?: string } = {}) => {
      clock.advance(1000);
      const headers: Record<string, string> = options.type ? { 'content-type': options.type } : {};
      return api.request(options.method ?? 'GET', `/ping/${token}${path}`, { key: null, rawBody: options.body, headers });
    };
    const last = async () => (await results()).at(-1)!;

    test('a ping records a success and the last ping, answers OK in plain text, and writes no audit row', async () => {
      const auditBefore = await api.auditActions(id);
      const res = await ping('');
      assert.equal(res.status, 200);
      assert.equal(res.body, 'OK');
      assert.match(res.headers.get('content-type')!, /^text\/plain/);
      const row = await last();
      assert.deepEqual([row.checked_at, row.ok, row.reason, row.latency_ms], [Date.parse('2026-04-02T03:00:01.000Z'), 1, null, null]);
      const m = await monitorRow();
      assert.deepEqual([m.last_ping_at, m.last_ping_ok], ['2026-04-02T03:00:01.000Z', 1]);
      assert.deepEqual(await api.auditActions(id), auditBefore);
      const shown = await api.request('GET', `/api/v1/monitors/${id}`);
      assert.deepEqual(shown.body.last_result, { checked_at: '2026-04-02T03:00:01.000Z', ok: true, latency_ms: null, reason: null });
    });

    test('/fail and exit codes record failures; exit code 0 is a success', async () => {
      assert.equal((await ping('/fail', { method: 'POST' })).status, 200);
      assert.deepEqual([(await last()).ok, (await last()).reason], [0, 'the job reported a failure']);
      assert.equal((await monitorRow()).last_ping_ok, 0);
      assert.equal((await ping('/0')).status, 200);
      assert.deepEqual([(await last()).ok, (await last()).reason], [1, null]);
      assert.equal((await ping('/3', { method: 'POST' })).status, 200);
      assert.deepEqual([(await last()).ok, (await last()).reason], [0, 'exit code 3']);
      assert.equal((await ping('/255')).status, 200);
      assert.equal((await last()).reason, 'exit code 255');
      const count = (await results()).length;
      for (const bad of ['/256', '/-1', '/abc', '/1.5']) {
        const res = await ping(bad);
        assert.equal(res.status, 400, bad);
        assert.equal(res.body.error.code, 'BAD_REQUEST');
      }
      assert.equal((await results()).length, count);
    });

    test('curl-style bodies are accepted and ignored: form, text, JSON or anything', async () => {
      const count = (await results()).length;
      assert.equal((await ping('', { method: 'POST', body: 'output=backup+done&size=123', type: 'application/x-www-form-urlencoded' })).status, 200);
      assert.equal((await ping('/fail', { method: 'POST', body: 'tar: disk full\n', type: 'text/plain' })).status, 200);
      assert.equal((await ping('', { method: 'POST', body: '{not json', type: 'application/json' })).status, 200);
      assert.equal((await ping('/1', { method: 'POST', body: 'x', type: 'application/octet-stream' })).status, 200);
      assert.equal((await ping('', { method: 'POST', body: 'x'.repeat(10 * 1024), type: 'text/plain' })).status, 200);
      assert.equal((await results()).length, count + 5);
      const tooBig = await ping('', { method: 'POST', body: 'x'.repeat(10 * 1024 + 1), type: 'text/plain' });
      assert.equal(tooBig.status, 413);
      assert.equal((await results()).length, count + 5);
    });

    test('the admin API stays JSON-only', async () => {
      const res = await api.request('POST', '/api/v1/components', { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(res.status, 415);
    });

    test('an unknown token is 404 and records nothing; HEAD does not count as a ping', async () => {
      const count = (await results()).length;
      for (const path of [`/ping/${'A'.repeat(32)}`, '/ping/short', `/ping/${'A'.repeat(32)}/fail`, `/ping/${'A'.repeat(32)}/0`]) {
        const res = await api.request('GET', path, { key: null });
        assert.equal(res.status, 404, path);
        assert.ok(!JSON.stringify(res.body).includes('AAAA'), 'the token is not echoed');
      }
      assert.equal((await api.request('HEAD', `/ping/${token}`, { key: null })).status, 404);
      assert.equal((await results()).length, count);
    });

    test('of two pings in the same millisecond one result row is kept, and the later one is the last ping', async () => {
      clock.advance(1000);
      const count = (await results()).length;
      await api.request('GET', `/ping/${token}`, { key: null });
      const res = await api.request('GET', `/ping/${token}/fail`, { key: null });
      assert.equal(res.status, 200);
      assert.equal((await results()).length, count + 1);
      assert.deepEqual([(await last()).ok, (await monitorRow()).last_ping_ok], [1, 0]);
    });

    test('per ping URL: 10 pings a second, then 429 with Retry-After; one stored result per second', async () => {
      clock.advance(1000);
      const count = (await results()).length;
      const answers = [];
      for (let i = 0; i < 15; i++) {
        answers.push(await api.request('GET', `/ping/${token}`, { key: null }));
        clock.advance(50);
      }
      assert.deepEqual(answers.map((a) => a.status), [...Array(10).fill(200), ...Array(5).fill(429)]);
      assert.deepEqual(answers.slice(0, 3).map((a) => a.headers.get('vigil-ping')), ['stored', 'coalesced', 'coalesced']);
      const refused = answers.at(-1)!;
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal(refused.body.error.code, 'RATE_LIMITED');
      assert.equal((await results()).length, count + 1, 'one result for the whole second');

      // The next second opens a new window: stored again.
      clock.advance(1000);
      const next = await api.request('GET', `/ping/${token}`, { key: null });
      assert.deepEqual([next.status, next.headers.get('vigil-ping')], [200, 'stored']);
      assert.equal((await results()).length, count + 2);

      // Pings arriving together are stored once as well.
      clock.advance(1000);
      const together = await Promise.all(Array.from({ length: 6 }, () => api.request('POST', `/ping/${token}`, { key: null })));
      assert.ok(together.every((a) => a.status === 200));
      assert.equal(together.filter((a) => a.headers.get('vigil-ping') === 'stored').length, 1);
      assert.equal((await results()).length, count + 3);
    });

    test('the limit is per ping URL: another monitor\'s pings are not held back', async () => {
      const other = await api.request('POST', '/api/v1/monitors', { body: { type: 'heartbeat', name: 'Hourly sync', interval_seconds: 3600 } });
      const otherToken = other.body.ping_url.split('/').pop();
      clock.advance(1000);
      for (let i = 0; i < 11; i++) await api.request('GET', `/ping/${token}`, { key: null });
      assert.equal((await api.request('GET', `/ping/${token}`, { key: null })).status, 429);
      assert.equal((await api.request('GET', `/ping/${otherToken}`, { key: null })).status, 200);
    });

    test('a paused monitor still records its pings', async () => {
      await api.request('POST', `/api/v1/monitors/${id}/pause`);
      assert.equal((await ping('')).status, 200);
      assert.equal((await last()).checked_at, clock.now().getTime());
    });

    test('a deleted monitor\'s ping URL is gone', async () => {
      await api.request('DELETE', `/api/v1/monitors/${id}`);
      assert.equal((await ping('')).status, 404);
    });
  });
}
