import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

for (const dialect of DIALECTS) {
  describe(`API keys API on ${dialect}`, () => {
    const api = useTestApi(dialect);

    test('creates a key, shows its secret once, lists it without the secret, and revokes it', async () => {
      const created = await api.request('POST', '/api/v1/api-keys', { body: { name: 'deploy bot', scope: 'write' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.name, 'deploy bot');
      assert.equal(created.body.scope, 'write');
      assert.equal(created.body.revoked_at, null);
      assert.match(created.body.key, /^vgl_/);
      assert.ok(created.body.key.startsWith(created.body.prefix));

      const works = await api.request('POST', '/api/v1/components', { key: { token: created.body.key }, body: { name: 'By bot' } });
      assert.equal(works.status, 201);

      const list = await api.request('GET', '/api/v1/api-keys');
      assert.equal(list.status, 200);
      const listed = list.body.find((k: { id: string }) => k.id === created.body.id);
      const { key: _secret, ...shown } = created.body;
      // The key was just used: last_used_at is the one field that moved since creation.
      assert.match(listed.last_used_at, /^\d{4}-\d\d-\d\dT.*Z$/);
      assert.deepEqual({ ...listed, last_used_at: null }, shown);
      assert.ok(list.body.every((k: Record<string, unknown>) => !('key' in k) && !('hash' in k)));
      assert.deepEqual(list.body.map((k: { name: string }) => k.name).slice(0, 3), ['admin', 'writer', 'reader']);

      const revoked = await api.request('DELETE', `/api/v1/api-keys/${created.body.id}`);
      assert.equal(revoked.status, 200);
      assert.equal(revoked.body.id, created.body.id);
      assert.match(revoked.body.revoked_at, /^\d{4}-\d\d-\d\dT/);
      assert.equal('key' in revoked.body, false);

      const again = await api.request('DELETE', `/api/v1/api-keys/${created.body.id}`);
      assert.equal(again.status, 200, 'revoking twice is harmless');
      assert.equal(again.body.revoked_at, revoked.body.revoked_at);
    });

    test('scope defaults to read', async () => {
      const created = await api.request('POST', '/api/v1/api-keys', { body: { name: 'viewer' } });
      assert.equal(created.body.scope, 'read');
    });

    test('audits creation and revocation, never the secret', async () => {
      const created = (await api.request('POST', '/api/v1/api-keys', { body: { name: 'audited', scope: 'admin' } })).body;
      await api.request('DELETE', `/api/v1/api-keys/${created.id}`);
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.id).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.action), ['api_key.create', 'api_key.revoke']);
      assert.equal(rows[0]!.actor_name, 'admin');
      for (const r of rows) assert.ok(!`${r.before_json}${r.after_json}`.includes(created.key));
    });

    test('rejects bad input naming the field', async () => {
      const countBefore = (await api.request('GET', '/api/v1/api-keys')).body.length;
      const cases: [unknown, string][] = [
        [{}, 'name'],
        [{ name: '' }, 'name'],
        [{ name: 'x', scope: 'root' }, 'scope'],
        [{ name: 'x', expires: '2027-01-01' }, 'expires'],
      ];
      for (const [body, field] of cases) {
        const res = await api.request('POST', '/api/v1/api-keys', { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.equal((await api.request('GET', '/api/v1/api-keys')).body.length, countBefore);
    });

    test('revoking an unknown key is 404', async () => {
      const res = await api.request('DELETE', '/api/v1/api-keys/nope');
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'NOT_FOUND');
    });
  });
}
