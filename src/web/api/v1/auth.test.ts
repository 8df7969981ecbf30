import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi, type ApiResponse } from '../../../test/api-harness.test-support.js';

/** The documented error shape, and nothing that looks like a stack trace. */
function assertErrorBody(res: ApiResponse, status: number, code: string): void {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.deepEqual(Object.keys(res.body), ['error']);
  assert.deepEqual(Object.keys(res.body.error).sort(), ['code', 'details', 'message']);
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0);
  const text = JSON.stringify(res.body);
  assert.doesNotMatch(text, /stack|\bat [\w.<>]+ \(|node_modules|\.ts:\d+/i);
}

for (const dialect of DIALECTS) {
  describe(`API authentication and scopes on ${dialect}`, () => {
    const api = useTestApi(dialect);

    test('no Authorization header is 401, on read, write and admin routes alike', async () => {
      for (const [method, path] of [['GET', '/api/v1/components'], ['POST', '/api/v1/maintenances'], ['GET', '/api/v1/audit-log'], ['GET', '/api/v1/maintenances/nope']]) {
        const res = await api.request(method!, path!, { key: null, body: method === 'POST' ? { name: 'x' } : undefined });
        assertErrorBody(res, 401, 'UNAUTHENTICATED');
      }
    });

    test('a malformed Authorization header is 401', async () => {
      for (const value of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', `Bearer ${api.keys.admin} extra`, api.keys.admin, 'Token abc']) {
        const res = await api.request('GET', '/api/v1/components', { key: null, headers: { authorization: value } });
        assertErrorBody(res, 401, 'UNAUTHENTICATED');
      }
      const ok = await api.request('GET', '/api/v1/components', { key: null, headers: { authorization: `bearer ${api.keys.read}` } });
      assert.equal(ok.status, 200, 'the scheme is case-insensitive');
    });

    test('an unknown key is 401', async () => {
      for (const token of ['vgl_doesnotexist', `${api.keys.admin}x`, 'x']) {
        assertErrorBody(await api.request('GET', '/api/v1/components', { key: { token } }), 401, 'UNAUTHENTICATED');
      }
    });

    test('a key revoked through the API stops working at once', async () => {
      const created = (await api.request('POST', '/api/v1/api-keys', { body: { name: 'short-lived', scope: 'admin' } })).body;
      const token = { token: created.key as string };
      assert.equal((await api.request('GET', '/api/v1/components', { key: token })).status, 200);
      assert.equal((await api.request('DELETE', `/api/v1/api-keys/${created.id}`)).status, 200);
      const unknown = await api.request('GET', '/api/v1/components', { key: { token: 'vgl_neverissued' } });
      for (const [method, path] of [['GET', '/api/v1/components'], ['GET', '/api/v1/api-keys'], ['DELETE', `/api/v1/api-keys/${created.id}`]]) {
        const res = await api.request(method!, path!, { key: token });
        assertErrorBody(res, 401, 'UNAUTHENTICATED');
        assert.equal(res.body.error.message, unknown.body.error.message, 'revoked and unknown keys are indistinguishable');
      }
    });

    test('a read key on a write route is 403, checked before the body, and nothing is written', async () => {
      const component = (await api.request('POST', '/api/v1/components', { body: { name: 'Guarded' } })).body;
      const maintenance = (
        await api.request('POST', '/api/v1/maintenances', {
          body: { name: 'Guarded window', scheduled_for: '2030-01-01T00:00:00Z', scheduled_until: '2030-01-01T01:00:00Z' },
        })
      ).body;
      const auditBefore = (await api.database.db.selectFrom('audit_log').select('id').execute()).length;
      const cases: [string, string, unknown][] = [
        ['POST', '/api/v1/components', { name: 'x' }],
        ['POST', '/api/v1/components', { bogus: true }],
        ['PATCH', `/api/v1/components/${component.id}`, { name: 'y' }],
        ['DELETE', `/api/v1/components/${component.id}`, undefined],
        ['POST', '/api/v1/component-groups', { name: 'x' }],
        ['POST', '/api/v1/maintenances', { name: 'x' }],
        ['PATCH', `/api/v1/maintenances/${maintenance.id}`, { name: 'y' }],
        ['POST', `/api/v1/maintenances/${maintenance.id}/updates`, { body: 'y' }],
        ['DELETE', `/api/v1/maintenances/${maintenance.id}`, undefined],
      ];
      for (const [method, path, body] of cases) {
        const res = await api.request(method, path, { key: 'read', body });
        assertErrorBody(res, 403, 'FORBIDDEN');
        assert.match(res.body.error.message, /"write" scope/);
      }
      assert.equal((await api.database.db.selectFrom('audit_log').select('id').execute()).length, auditBefore);
      assert.equal((await api.request('GET', `/api/v1/components/${component.id}`, { key: 'read' })).body.name, 'Guarded');
    });

    test('a write key on admin routes is 403', async () => {
      const target = (await api.request('POST', '/api/v1/api-keys', { body: { name: 'target' } })).body;
      const cases: [string, string, unknown][] = [
        ['GET', '/api/v1/api-keys', undefined],
        ['POST', '/api/v1/api-keys', { name: 'escalate', scope: 'admin' }],
        ['DELETE', `/api/v1/api-keys/${target.id}`, undefined],
        ['GET', '/api/v1/audit-log', undefined],
        ['PATCH', '/api/v1/page', { name: 'Nope' }],
      ];
      for (const [method, path, body] of cases) {
        for (const key of ['write', 'read'] as const) {
          const res = await api.request(method, path, { key, body });
          assertErrorBody(res, 403, 'FORBIDDEN');
          assert.match(res.body.error.message, /"admin" scope/);
        }
      }
      const keys = (await api.request('GET', '/api/v1/api-keys')).body;
      assert.ok(!keys.some((k: { name: string }) => k.name === 'escalate'));
      assert.equal(keys.find((k: { id: string }) => k.id === target.id).revoked_at, null);
      assert.equal((await api.request('GET', '/api/v1/page', { key: 'read' })).body.name, 'Vigil');
    });

    test('other errors share the same shape', async () => {
      assertErrorBody(await api.request('GET', '/api/v1/maintenances/nope'), 404, 'NOT_FOUND');
      assertErrorBody(await api.request('POST', '/api/v1/maintenances', { body: { name: 'x' } }), 422, 'VALIDATION');
      assertErrorBody(await api.request('POST', '/api/v1/maintenances', { rawBody: '{"name":' }), 400, 'BAD_REQUEST');
      assert.equal((await api.request('POST', '/api/v1/component-groups', { body: { name: 'K', key: 'k1' } })).status, 201);
      assertErrorBody(await api.request('POST', '/api/v1/component-groups', { body: { name: 'K', key: 'k1' } }), 409, 'CONFLICT');
    });
  });
}
