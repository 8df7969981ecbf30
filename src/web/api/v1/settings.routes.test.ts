import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { getSettings } from '../../../services/settings/queries.js';
import { updateSettings } from '../../../services/settings/updateSettings.js';

for (const dialect of DIALECTS) {
  describe(`page settings API on ${dialect}`, () => {
    const api = useTestApi(dialect);

    const settingsAudit = () =>
      api.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'settings').orderBy('id').execute();

    test('shows the defaults of a fresh install, to a read key', async () => {
      const res = await api.request('GET', '/api/v1/page', { key: 'read' });
      assert.equal(res.status, 200);
      // The page row exists from the first migration on (it carries the stable page id), stamped with the install time.
      assert.deepEqual(
        { ...res.body, updated_at: undefined },
        { name: 'Vigil', public_url: null, time_zone: 'UTC', logo_url: null, accent_color: null, updated_at: undefined },
      );
      assert.match(res.body.updated_at, /^\d{4}-\d\d-\d\dT/);
      assert.equal((await api.database.db.selectFrom('settings').selectAll().execute()).length, 1);
    });

    test('PATCH updates the single row, keeping fields not sent', async () => {
      const first = await api.request('PATCH', '/api/v1/page', { body: { name: 'Acme Status' } });
      assert.equal(first.status, 200);
      assert.equal(first.body.name, 'Acme Status');
      assert.equal(first.body.public_url, null);
      assert.equal(first.body.time_zone, 'UTC');
      assert.match(first.body.updated_at, /^\d{4}-\d\d-\d\dT/);

      const second = await api.request('PATCH', '/api/v1/page', { body: { public_url: 'https://status.acme.test/', time_zone: 'europe/paris' } });
      assert.equal(second.status, 200);
      assert.deepEqual(
        { ...second.body, updated_at: undefined },
        { name: 'Acme Status', public_url: 'https://status.acme.test/', time_zone: 'Europe/Paris', logo_url: null, accent_color: null, updated_at: undefined },
      );
      assert.deepEqual((await api.request('GET', '/api/v1/page')).body, second.body);

      const cleared = await api.request('PATCH', '/api/v1/page', { body: { public_url: null } });
      assert.equal(cleared.body.public_url, null);
      assert.equal(cleared.body.time_zone, 'Europe/Paris');

      const rows = await api.database.db.selectFrom('settings').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.id, 1);
    });

    test('audits every change with before and after', async () => {
      const before = (await api.request('GET', '/api/v1/page')).body;
      const countBefore = (await settingsAudit()).length;
      await api.request('PATCH', '/api/v1/page', { body: { name: 'Audited Status' } });
      const rows = await settingsAudit();
      assert.equal(rows.length, countBefore + 1);
      const row = rows.at(-1)!;
      assert.equal(row.action, 'settings.update');
      assert.equal(row.entity_id, '1');
      assert.equal(row.actor_name, 'admin');
      assert.deepEqual(JSON.parse(row.before_json!), before);
      assert.equal(JSON.parse(row.after_json!).name, 'Audited Status');
    });

    test('rejects bad input naming the field, and changes nothing', async () => {
      const before = (await api.request('GET', '/api/v1/page')).body;
      const auditBefore = (await settingsAudit()).length;
      const cases: [unknown, string][] = [
        [{ time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
        [{ time_zone: '+01:00' }, 'time_zone'],
        [{ time_zone: '' }, 'time_zone'],
        [{ public_url: 'status.acme.test' }, 'public_url'],
        [{ public_url: 'ftp://status.acme.test' }, 'public_url'],
        [{ public_url: '/relative' }, 'public_url'],
        [{ name: '' }, 'name'],
        [{ name: 'x', theme: 'dark' }, 'theme'],
        [{ name: 'ok', time_zone: 'Nowhere/City' }, 'time_zone'],
        [{ logo_url: 'javascript:alert(1)' }, 'logo_url'],
        [{ logo_url: 'data:image/png;base64,AAAA' }, 'logo_url'],
        [{ logo_url: '/logo.svg' }, 'logo_url'],
        [{ logo_url: '' }, 'logo_url'],
        [{ accent_color: 'red' }, 'accent_color'],
        [{ accent_color: '#fff' }, 'accent_color'],
        [{ accent_color: '#12345g' }, 'accent_color'],
        [{ accent_color: '#0b5fff; background:url(x)' }, 'accent_color'],
        [{}, ''],
      ];
      for (const [body, field] of cases) {
        const res = await api.request('PATCH', '/api/v1/page', { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.equal(res.body.error.code, 'VALIDATION');
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.deepEqual((await api.request('GET', '/api/v1/page')).body, before);
      assert.equal((await settingsAudit()).length, auditBefore);
    });

    test('accepts real zone names and http URLs', async () => {
      for (const tz of ['America/New_York', 'Asia/Kolkata', 'UTC', 'Pacific/Chatham']) {
        const res = await api.request('PATCH', '/api/v1/page', { body: { time_zone: tz } });
        assert.equal(res.status, 200, tz);
        assert.equal(res.body.time_zone, tz);
      }
      const res = await api.request('PATCH', '/api/v1/page', { body: { public_url: 'http://localhost:3000' } });
      assert.equal(res.body.public_url, 'http://localhost:3000');
    });

    test('sets, keeps and clears the logo and accent colour', async () => {
      const set = await api.request('PATCH', '/api/v1/page', { body: { logo_url: 'https://cdn.acme.test/logo.svg', accent_color: '#0B5FFF' } });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.equal(set.body.logo_url, 'https://cdn.acme.test/logo.svg');
      assert.equal(set.body.accent_color, '#0b5fff', 'stored lowercase');

      const renamed = await api.request('PATCH', '/api/v1/page', { body: { name: 'Branded' } });
      assert.equal(renamed.body.logo_url, 'https://cdn.acme.test/logo.svg');
      assert.equal(renamed.body.accent_color, '#0b5fff');
      assert.deepEqual((await api.request('GET', '/api/v1/page', { key: 'read' })).body, renamed.body);

      const row = (await api.database.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow());
      assert.equal(row.logo_url, 'https://cdn.acme.test/logo.svg');
      assert.equal(row.accent_color, '#0b5fff');

      const cleared = await api.request('PATCH', '/api/v1/page', { body: { logo_url: null, accent_color: null } });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.logo_url, null);
      assert.equal(cleared.body.accent_color, null);
      assert.equal(cleared.body.name, 'Branded');
      const audit = (await settingsAudit()).at(-1)!;
      assert.equal(JSON.parse(audit.before_json!).accent_color, '#0b5fff');
      assert.equal(JSON.parse(audit.after_json!).accent_color, null);
    });

    test('a write key can read but not change the settings', async () => {
      assert.equal((await api.request('GET', '/api/v1/page', { key: 'write' })).status, 200);
      const res = await api.request('PATCH', '/api/v1/page', { key: 'write', body: { name: 'Nope' } });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'FORBIDDEN');
    });

    test('getSettings / updateSettings serve other callers directly', async () => {
      const updated = await updateSettings(api.ctx, { name: 'From config' });
      assert.equal(updated.name, 'From config');
      assert.deepEqual(await getSettings(api.ctx), updated);
      const row = (await settingsAudit()).at(-1)!;
      assert.equal(row.actor_type, 'cli');
      await assert.rejects(updateSettings(api.ctx, { time_zone: 'Bad/Zone' }), (err: { code: string }) => err.code === 'VALIDATION');
    });
  });
}
