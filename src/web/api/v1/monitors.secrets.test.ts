// Write-only monitor secrets (headers, basic-auth passwords, URL passwords, TCP
// payloads) and rotatable heartbeat ping tokens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

const NOW = '2026-04-01T09:00:00.000Z';
const TOKEN = 'Bearer s3cr3t-upstream-token';
const PASSWORD = 'hunter2-basic';
const URL_PASSWORD = 'url-pa55';
const SEND = 'AUTH redis-pa55\r\n';
const SECRETS = [TOKEN, PASSWORD, URL_PASSWORD, 'redis-pa55'];

for (const dialect of DIALECTS) {
  describe(`monitor secrets on ${dialect}`, () => {
    const clock = new ManualClock(NOW);
    const api = useTestApi(dialect, { clock });

    const storedOptions = async (id: string) =>
      JSON.parse((await api.database.db.selectFrom('monitors').select('options_json').where('id', '=', id).executeTakeFirstOrThrow()).options_json);
    const createHttp = async (name: string) => {
      const res = await api.request('POST', '/api/v1/monitors', {
        key: 'write',
        body: {
          type: 'http', name, url: `https://bot:${URL_PASSWORD}@api.acme.test/health`,
          headers: { Authorization: TOKEN, 'X-Trace': 'visible?' }, basic_auth: { username: 'bot', password: PASSWORD },
        },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const noSecretIn = (text: string, where: string) => {
      for (const s of SECRETS) assert.ok(!text.includes(s), `${where} holds "${s}": ${text}`);
    };

    test('GET and the list show every header value, the basic-auth and URL passwords and a TCP payload as ••••', async () => {
      const created = await createHttp('Secret API');
      const tcp = (await api.request('POST', '/api/v1/monitors', { body: { type: 'tcp', name: 'Redis', host: 'redis.test', port: 6379, send: SEND, expect: '+OK' } })).body;
      for (const shown of [created, (await api.request('GET', `/api/v1/monitors/${created.id}`, { key: 'read' })).body]) {
        assert.deepEqual(shown.headers, { Authorization: '••••', 'X-Trace': '••••' });
        assert.deepEqual(shown.basic_auth, { username: 'bot', password: '••••' });
        assert.equal(shown.url, 'https://bot:••••@api.acme.test/health');
      }
      const list = await api.request('GET', '/api/v1/monitors', { key: 'read' });
      noSecretIn(JSON.stringify(list.body), 'the list');
      assert.deepEqual(list.body.find((m: { id: string }) => m.id === tcp.id).send, '••••');
      assert.equal(list.body.find((m: { id: string }) => m.id === tcp.id).expect, '+OK');
      // Stored as given: the checks send them.
      const stored = await storedOptions(created.id);
      assert.deepEqual([stored.headers.Authorization, stored.basic_auth.password], [TOKEN, PASSWORD]);
      assert.equal((await storedOptions(tcp.id)).send, SEND);
    });

    test('a PATCH that sends •••• back keeps the stored secret; a real value replaces it', async () => {
      const created = await createHttp('Round trip');
      const shown = (await api.request('GET', `/api/v1/monitors/${created.id}`)).body;
      const edited = await api.request('PATCH', `/api/v1/monitors/${created.id}`, {
        body: { name: 'Round trip (edited)', url: shown.url, headers: { ...shown.headers, 'X-New': 'v1' }, basic_auth: shown.basic_auth },
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      let stored = await storedOptions(created.id);
      assert.deepEqual(stored.headers, { Authorization: TOKEN, 'X-Trace': 'visible?', 'X-New': 'v1' });
      assert.deepEqual(stored.basic_auth, { username: 'bot', password: PASSWORD });
      assert.equal(stored.url, `https://bot:${URL_PASSWORD}@api.acme.test/health`);

      const replaced = await api.request('PATCH', `/api/v1/monitors/${created.id}`, { body: { headers: { Authorization: 'Bearer new-one' } } });
      assert.equal(replaced.status, 200);
      stored = await storedOptions(created.id);
      assert.deepEqual(stored.headers, { Authorization: 'Bearer new-one' });
    });

    test('a placeholder with no secret behind it is a 422 naming the field', async () => {
      const { issue } = await api.expectValidation('POST', '/api/v1/monitors', { type: 'http', name: 'x', url: 'https://a.test/', headers: { 'X-Key': '••••' } }, 'headers.X-Key');
      assert.match(issue.message, /placeholder/);
      const created = await createHttp('No cookie yet');
      await api.expectValidation('PATCH', `/api/v1/monitors/${created.id}`, { headers: { Authorization: '••••', Cookie: '••••' } }, 'headers.Cookie');
    });

    test('audit rows (in the database and through the API) hold no secret', async () => {
      const created = await createHttp('Audited');
      await api.request('PATCH', `/api/v1/monitors/${created.id}`, { body: { headers: { Authorization: TOKEN.replace('s3cr3t', 's3cr3t-2') } } });
      await api.request('POST', `/api/v1/monitors/${created.id}/pause`);
      await api.request('DELETE', `/api/v1/monitors/${created.id}`);
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.id).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.action), ['monitor.create', 'monitor.update', 'monitor.pause', 'monitor.delete']);
      noSecretIn(JSON.stringify(rows), 'audit_log');
      assert.ok(!JSON.stringify(rows).includes('s3cr3t-2'));
      assert.deepEqual(JSON.parse(rows[0]!.after_json!).headers, { Authorization: '••••', 'X-Trace': '••••' });
      const viaApi = await api.request('GET', `/api/v1/audit-log?entity_id=${created.id}`);
      assert.equal(viaApi.body.length, 4);
      noSecretIn(JSON.stringify(viaApi.body), 'GET /audit-log');
    });

    test('rotate-token: a new ping URL works at once, the old one is 404, and the audit row holds neither token', async () => {
      const m = (await api.request('POST', '/api/v1/monitors', { body: { type: 'heartbeat', name: 'Backup', interval_seconds: 3600 } })).body;
      const oldToken = m.ping_url.split('/').pop() as string;
      assert.equal((await api.request('GET', `/ping/${oldToken}`, { key: null })).status, 200);

      assert.equal((await api.request('POST', `/api/v1/monitors/${m.id}/rotate-token`, { key: 'read' })).status, 403);
      clock.advance(1000);
      const rotated = await api.request('POST', `/api/v1/monitors/${m.id}/rotate-token`, { key: 'write' });
      assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
      const newToken = rotated.body.ping_url.split('/').pop() as string;
      assert.match(newToken, /^[A-Za-z0-9_-]{32}$/);
      assert.notEqual(newToken, oldToken);
      assert.equal(rotated.body.ping_url, `http://localhost:3000/ping/${newToken}`);

      for (const path of ['', '/fail', '/3']) assert.equal((await api.request('POST', `/ping/${oldToken}${path}`, { key: null })).status, 404, path);
      assert.equal((await api.request('GET', `/ping/${newToken}`, { key: null })).status, 200);
      assert.equal((await api.request('GET', `/api/v1/monitors/${m.id}`)).body.ping_url, rotated.body.ping_url);

      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', m.id).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.action), ['monitor.create', 'monitor.rotate_token']);
      const text = JSON.stringify(rows);
      assert.ok(!text.includes(oldToken) && !text.includes(newToken), text);
    });

    test('rotate-token on a monitor without a ping URL is 409, on an unknown one 404', async () => {
      const created = await createHttp('Not a heartbeat');
      const res = await api.request('POST', `/api/v1/monitors/${created.id}/rotate-token`);
      assert.equal(res.status, 409);
      assert.match(res.body.error.message, /only heartbeat monitors have a ping URL/);
      assert.equal((await api.request('POST', '/api/v1/monitors/nosuch/rotate-token')).status, 404);
    });
  });
}
