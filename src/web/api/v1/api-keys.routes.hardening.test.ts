// API keys: when they were last used (kept to the minute), when they expire,
// and the last active admin key, which cannot be revoked.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { createApiKey } from '../../../services/api-keys/createApiKey.js';
import type { ServiceContext } from '../../../services/context.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { startTestApi, useTestApi } from '../../../test/api-harness.test-support.js';

const NOW = '2026-05-01T12:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`API key hardening on ${dialect}`, () => {
    const clock = new ManualClock(NOW);
    const api = useTestApi(dialect, { clock });

    const keyRow = (id: string) => api.database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const listed = async (id: string) => (await api.request('GET', '/api/v1/api-keys')).body.find((k: { id: string }) => k.id === id);

    test('last_used_at moves when the key is used, at most once a minute, and writes no audit row', async () => {
      const created = (await api.request('POST', '/api/v1/api-keys', { body: { name: 'usage', scope: 'read' } })).body;
      assert.equal(created.last_used_at, null);
      assert.equal((await listed(created.id)).last_used_at, null);
      const auditBefore = await api.auditActions(created.id);
      const use = () => api.request('GET', '/api/v1/components', { key: { token: created.key } });

      clock.advance(1000);
      assert.equal((await use()).status, 200);
      assert.equal((await keyRow(created.id)).last_used_at, '2026-05-01T12:00:01.000Z');
      clock.advance(30_000);
      assert.equal((await use()).status, 200);
      assert.equal((await keyRow(created.id)).last_used_at, '2026-05-01T12:00:01.000Z', 'within the minute: no write');
      clock.advance(30_000);
      assert.equal((await use()).status, 200);
      assert.equal((await keyRow(created.id)).last_used_at, '2026-05-01T12:01:01.000Z');
      assert.equal((await listed(created.id)).last_used_at, '2026-05-01T12:01:01.000Z');
      assert.deepEqual(await api.auditActions(created.id), auditBefore);
    });

    test('a key with expires_at works until then and is 401 "expired" after', async () => {
      const expiresAt = '2026-05-02T12:00:00.000Z';
      const created = await api.request('POST', '/api/v1/api-keys', { body: { name: 'temporary', scope: 'read', expires_at: '2026-05-02T14:00:00+02:00' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.expires_at, expiresAt);
      assert.equal((await listed(created.body.id)).expires_at, expiresAt);
      const use = () => api.request('GET', '/api/v1/components', { key: { token: created.body.key } });
      assert.equal((await use()).status, 200);

      clock.set(expiresAt);
      const expired = await use();
      assert.equal(expired.status, 401);
      assert.equal(expired.body.error.code, 'UNAUTHENTICATED');
      assert.match(expired.body.error.message, /expired at 2026-05-02T12:00:00\.000Z/);
      clock.set(NOW);
    });

    test('expires_at must be a timestamp in the future', async () => {
      await api.expectValidation('POST', '/api/v1/api-keys', { name: 'x', expires_at: '2026-04-30T00:00:00Z' }, 'expires_at');
      await api.expectValidation('POST', '/api/v1/api-keys', { name: 'x', expires_at: 'tomorrow' }, 'expires_at');
    });
  });

  describe(`the last admin key on ${dialect}`, () => {
    test('cannot be revoked (409 saying how to make another); with a second one it can', async () => {
      const api = await startTestApi(dialect);
      try {
        const ctx: ServiceContext = api.ctx;
        const admin = (await api.request('GET', '/api/v1/api-keys')).body.find((k: { name: string }) => k.name === 'admin');
        const refused = await api.request('DELETE', `/api/v1/api-keys/${admin.id}`);
        assert.equal(refused.status, 409, JSON.stringify(refused.body));
        assert.equal(refused.body.error.code, 'CONFLICT');
        assert.match(refused.body.error.message, /last active admin key/);
        assert.match(refused.body.error.message, /vigil keys create --scope admin/);
        assert.equal((await api.request('GET', '/api/v1/components')).status, 200, 'the key still works');

        // An expired admin key does not count as another one.
        const past = new Date(Date.now() - 3_600_000);
        await createApiKey({ ...ctx, clock: { now: () => past } }, { name: 'stale', scope: 'admin', expires_at: new Date(past.getTime() + 60_000).toISOString() });
        assert.equal((await api.request('DELETE', `/api/v1/api-keys/${admin.id}`)).status, 409);

        const second = await api.request('POST', '/api/v1/api-keys', { body: { name: 'second admin', scope: 'admin' } });
        assert.equal(second.status, 201);
        const revoked = await api.request('DELETE', `/api/v1/api-keys/${admin.id}`);
        assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
        const last = await api.request('DELETE', `/api/v1/api-keys/${second.body.id}`, { key: { token: second.body.key } });
        assert.equal(last.status, 409);
        assert.deepEqual(await api.auditActions(second.body.id), ['api_key.create']);
      } finally {
        await api.close();
      }
    });
  });
}
