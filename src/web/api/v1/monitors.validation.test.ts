// Bad input on the monitors API: every rejection is a 422 naming the field,
// and a rejected write leaves nothing behind.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

const TABLES = ['monitors', 'monitor_events', 'audit_log'] as const;

for (const dialect of DIALECTS) {
  describe(`monitors API input on ${dialect}`, () => {
    const api = useTestApi(dialect);
    let httpId: string;
    let tcpId: string;
    before(async () => {
      httpId = (await api.request('POST', '/api/v1/monitors', { body: { type: 'http', name: 'Site', url: 'https://a.test/' } })).body.id;
      tcpId = (await api.request('POST', '/api/v1/monitors', { body: { type: 'tcp', name: 'DB', host: 'db.test', port: 5432, interval_seconds: 30 } })).body.id;
    });

    const counts = () => api.rowCounts(TABLES);
    async function expect422(method: string, path: string, body: unknown, field: string, pattern?: RegExp) {
      const { issue, message } = await api.expectValidation(method, path, body, field);
      if (pattern) assert.match(issue.message, pattern, message);
    }

    test('POST /monitors rejects bad input naming the field, and writes nothing', async () => {
      const before_ = await counts();
      const http = (fields: Record<string, unknown>) => ({ type: 'http', name: 'x', url: 'https://a.test/', ...fields });
      const cases: [unknown, string, RegExp?][] = [
        [{ name: 'x' }, 'type', /^is required; must be one of http, tcp, dns, tls, heartbeat, statuspage$/],
        [{ type: 'ftp', name: 'x' }, 'type', /^must be one of http, tcp, dns, tls, heartbeat, statuspage$/],
        [{ type: 'heartbeat' }, 'name', /is required/],
        [http({ url: 'not a url' }), 'url', /absolute http/],
        [http({ url: 'ftp://a.test/' }), 'url'],
        [http({ url: undefined }), 'url', /is required/],
        [{ type: 'tcp', name: 'x', host: 'bad host!', port: 22 }, 'host', /host name or an IP/],
        [{ type: 'tcp', name: 'x', host: 'a.test', port: 70000 }, 'port'],
        [{ type: 'dns', name: 'x', host: 'a.test', record_type: 'ZZ' }, 'record_type'],
        [{ type: 'dns', name: 'x', host: 'a.test', resolver: 'dns.google' }, 'resolver'],
        [http({ interval_seconds: 5 }), 'interval_seconds', /at least 10/],
        [http({ interval_seconds: 86_401 }), 'interval_seconds'],
        [http({ interval_seconds: 30.5 }), 'interval_seconds', /whole number/],
        [http({ interval_seconds: 30, timeout_seconds: 30 }), 'timeout_seconds', /less than interval_seconds \(30\)/],
        [http({ interval_seconds: 10, timeout_seconds: 10 }), 'timeout_seconds'],
        [http({ timeout_seconds: 0 }), 'timeout_seconds'],
        [http({ retry_interval_seconds: 5 }), 'retry_interval_seconds'],
        [http({ down_after: 0 }), 'down_after'],
        [http({ up_after: 21 }), 'up_after'],
        [http({ regex: '(unclosed' }), 'regex', /not a valid regular expression/],
        [http({ json_path: 'data.status' }), 'json_path', /not a valid JSON path: must start with \$/],
        [http({ json_path: '$..x' }), 'json_path', /not a valid JSON path/],
        [http({ expected_status: ['600'] }), 'expected_status.0'],
        [http({ method: 'FETCH' }), 'method'],
        [http({ colour: 'red' }), 'colour', /unknown field/],
        [http({ port: 80 }), 'port', /unknown field/],
        [{ type: 'heartbeat', name: 'x', url: 'https://a.test/' }, 'url', /unknown field/],
        [http({ component_id: 'nope' }), 'component_id', /no component with id or key "nope"/],
        [http({ component_status_on_down: 'operational' }), 'component_status_on_down'],
        [http({ incident_impact: 'apocalyptic' }), 'incident_impact'],
        [http({ incident_title: 'x'.repeat(256) }), 'incident_title'],
        [http({ incident_body: 'x'.repeat(10_001) }), 'incident_body'],
        [http({ resolve_after_seconds: -1 }), 'resolve_after_seconds'],
        [http({ key: 'Not A Key' }), 'key'],
        [http({ paused: 'yes' }), 'paused'],
        ['a string', ''],
      ];
      for (const [body, field, message] of cases) await expect422('POST', '/api/v1/monitors', body, field, message);
      assert.deepEqual(await counts(), before_);
    });

    test('PATCH /monitors/{id} rejects bad input naming the field, and writes nothing', async () => {
      const before_ = await counts();
      const stored = (await api.request('GET', `/api/v1/monitors/${httpId}`)).body;
      const cases: [string, unknown, string, RegExp?][] = [
        [httpId, { type: 'tcp' }, 'type', /cannot change \(this is a http monitor\)/],
        [httpId, { type: 'tcp', host: 'a.test', port: 1 }, 'type'],
        [httpId, {}, '', /must change at least one field/],
        [httpId, { url: 'nope' }, 'url'],
        [httpId, { url: null }, 'url'],
        [httpId, { regex: '[' }, 'regex', /not a valid regular expression/],
        [httpId, { json_path: 'x' }, 'json_path'],
        [httpId, { host: 'a.test' }, 'host', /unknown field/],
        [httpId, { interval_seconds: 5 }, 'interval_seconds'],
        [httpId, { timeout_seconds: 60 }, 'timeout_seconds', /less than interval_seconds \(60\)/],
        [tcpId, { interval_seconds: 10 }, 'timeout_seconds', /less than interval_seconds \(10\)/],
        [tcpId, { host: 'bad host!' }, 'host'],
        [tcpId, { port: null }, 'port'],
        [httpId, { component_id: 'nope' }, 'component_id'],
        [httpId, { name: null }, 'name'],
        [httpId, { name: '' }, 'name'],
        [httpId, ['name'], ''],
      ];
      for (const [id, body, field, message] of cases) await expect422('PATCH', `/api/v1/monitors/${id}`, body, field, message);
      assert.deepEqual(await counts(), before_);
      assert.deepEqual((await api.request('GET', `/api/v1/monitors/${httpId}`)).body, stored);
      assert.equal((await api.request('PATCH', '/api/v1/monitors/nope', { body: { name: 'x' } })).status, 404);
    });

    test('a key taken by another monitor conflicts on PATCH', async () => {
      await api.request('PATCH', `/api/v1/monitors/${httpId}`, { body: { key: 'site' } });
      const res = await api.request('PATCH', `/api/v1/monitors/${tcpId}`, { body: { key: 'site' } });
      assert.equal(res.status, 409);
      assert.equal((await api.request('PATCH', `/api/v1/monitors/${httpId}`, { body: { key: 'site' } })).status, 200);
    });

    test('bad query parameters are 400', async () => {
      for (const q of ['/results?limit=0', '/results?limit=1001', '/results?since=yesterday', '/rollups?resolution=week', '/events?limit=x']) {
        const res = await api.request('GET', `/api/v1/monitors/${httpId}${q}`);
        assert.equal(res.status, 400, q);
      }
      assert.equal((await api.request('GET', '/api/v1/monitors/nope/results')).status, 404);
      assert.equal((await api.request('GET', '/api/v1/monitors/nope/rollups')).status, 404);
      assert.equal((await api.request('GET', '/api/v1/monitors/nope/events')).status, 404);
    });
  });
}
