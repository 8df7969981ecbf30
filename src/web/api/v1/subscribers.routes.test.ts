// /api/v1/subscribers on both databases: create (pending with its opt-in, or
// confirmed), write-only signing secrets, list filters, delete, validation,
// the outbound policy on webhook URLs, and CSV import → export round trip.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STRICT_DENY } from '../../../domain/outbound-policy.js';
import { createOutboundGuard, type ResolveAll } from '../../../outbound/guard.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';

// Webhook host names the suite resolves; any other name is unresolvable now (accepted, checked again at delivery).
const names = new Map<string, string>([['hooks.example.net', '93.184.216.34'], ['internal.example.net', '10.0.0.7']]);
const resolveAll: ResolveAll = async (name) => {
  const address = names.get(name);
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};
const strictOutbound = createOutboundGuard({ deny: STRICT_DENY, allow: [] }, { resolveAll });

async function events(api: ReturnType<typeof useTestApi>, id: string) {
  return api.database.db.selectFrom('notification_events').select(['kind', 'audience', 'subject_type']).where('subject_id', '=', id).execute();
}

for (const dialect of DIALECTS) {
  describe(`subscribers API on ${dialect}`, () => {
    const api = useTestApi(dialect, { strictOutbound });

    test('create: pending with a subscription.confirm event, or confirmed without one; components stored', async () => {
      const c = await api.createComponent('Web');
      const pending = await api.request('POST', '/api/v1/subscribers', { body: { email: 'A.Person@Example.com', component_ids: [c] } });
      assert.equal(pending.status, 201, JSON.stringify(pending.body));
      assert.equal(pending.body.email, 'a.person@example.com');
      assert.equal(pending.body.state, 'pending');
      assert.equal(pending.body.source, 'api');
      assert.deepEqual(pending.body.component_ids, [c]);
      assert.deepEqual(await events(api, pending.body.id), [{ kind: 'subscription.confirm', audience: 'direct', subject_type: 'subscriber' }]);
      const confirmed = await api.request('POST', '/api/v1/subscribers', { body: { email: 'b@example.com', confirmed: true } });
      assert.equal(confirmed.body.state, 'confirmed');
      assert.ok(confirmed.body.confirmed_at);
      assert.deepEqual(await events(api, confirmed.body.id), []);
      assert.deepEqual(await api.auditActions(confirmed.body.id), ['subscriber.create']);
      const again = await api.request('POST', '/api/v1/subscribers', { body: { email: 'B@example.com' } });
      assert.equal(again.status, 409);
      const got = await api.request('GET', `/api/v1/subscribers/${pending.body.id}`, { key: 'read' });
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, pending.body);
    });

    test('a webhook subscriber: URL + contact email, its signing secret shown once and "••••" everywhere after', async () => {
      const res = await api.request('POST', '/api/v1/subscribers', { body: { type: 'webhook', url: 'https://hooks.example.net/status', contact_email: 'Ops@Example.net', confirmed: true } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.url, 'https://hooks.example.net/status');
      assert.equal(res.body.email, 'ops@example.net');
      const secret = res.body.signing_secret as string;
      assert.ok(secret.length >= 40);
      const got = await api.request('GET', `/api/v1/subscribers/${res.body.id}`);
      assert.equal(got.body.signing_secret, '••••');
      const list = await api.request('GET', '/api/v1/subscribers?type=webhook');
      assert.deepEqual(list.body.map((s: { signing_secret: string }) => s.signing_secret), ['••••']);
      const audit = await api.request('GET', `/api/v1/audit-log?entity_id=${res.body.id}`);
      assert.equal(audit.body[0].after.signing_secret, '••••');
      assert.ok(!JSON.stringify(audit.body).includes(secret));
    });

    test('bad input is a 422 naming the field, and nothing is written', async () => {
      const before = await api.rowCounts(['subscribers', 'subscriber_components', 'notification_events', 'audit_log']);
      await api.expectValidation('POST', '/api/v1/subscribers', { email: 'nobody' }, 'email');
      await api.expectValidation('POST', '/api/v1/subscribers', { type: 'webhook', contact_email: 'a@example.com' }, 'url');
      await api.expectValidation('POST', '/api/v1/subscribers', { type: 'webhook', url: 'ftp://x.example.net/' , contact_email: 'a@example.com' }, 'url');
      await api.expectValidation('POST', '/api/v1/subscribers', { type: 'webhook', url: 'https://hooks.example.net/' }, 'contact_email');
      await api.expectValidation('POST', '/api/v1/subscribers', { email: 'c@example.com', component_ids: ['missing'] }, 'component_ids.0');
      await api.expectValidation('POST', '/api/v1/subscribers', { email: 'c@example.com', colour: 'red' }, 'colour');
      for (const url of ['http://127.0.0.1:8080/', 'http://169.254.169.254/latest/', 'https://internal.example.net/hook', 'http://[::1]/']) {
        const { issue } = await api.expectValidation('POST', '/api/v1/subscribers', { type: 'webhook', url, contact_email: 'a@example.com' }, 'url');
        assert.match(issue.message, /^refused by the outbound policy: /, url);
      }
      assert.deepEqual(await api.rowCounts(['subscribers', 'subscriber_components', 'notification_events', 'audit_log']), before);
      const forbidden = await api.request('POST', '/api/v1/subscribers', { key: 'read', body: { email: 'c@example.com' } });
      assert.equal(forbidden.status, 403);
    });

    test('list filters by state and type, pages, and delete removes with an audit row', async () => {
      const all = await api.request('GET', '/api/v1/subscribers?per_page=100', { key: 'read' });
      const pending = await api.request('GET', '/api/v1/subscribers?state=pending&type=email');
      assert.ok(pending.body.length > 0);
      assert.ok(pending.body.every((s: { state: string; type: string }) => s.state === 'pending' && s.type === 'email'));
      const page2 = await api.request('GET', '/api/v1/subscribers?per_page=1&page=2');
      assert.deepEqual(page2.body, [all.body[1]]);
      const id = all.body[0].id as string;
      const del = await api.request('DELETE', `/api/v1/subscribers/${id}`);
      assert.equal(del.status, 200);
      assert.equal((await api.request('GET', `/api/v1/subscribers/${id}`)).status, 404);
      assert.deepEqual((await api.auditActions(id)).at(-1), 'subscriber.delete');
      assert.equal((await api.request('DELETE', `/api/v1/subscribers/${id}`)).status, 404);
    });
  });

  describe(`subscriber CSV import and export on ${dialect}`, () => {
    const api = useTestApi(dialect, { strictOutbound });

    test('import → export gives the same rows; confirmed rows stay confirmed, the others get the opt-in; refused rows are reported by line', async () => {
      const web = await api.createComponent('Web', { key: 'web' });
      const db = await api.createComponent('DB');
      const csv = [
        'type,address,skip_confirmation_or_contact_email,components',
        'email,ann@example.com,yes,',
        `email,ben@example.com,no,${[web, db].sort().join(';')}`,
        `webhook,https://hooks.example.net/a,ops@example.com,${web}`,
        '',
      ].join('\r\n');
      const res = await api.request('POST', '/api/v1/subscribers/import', { body: { csv } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.created, 3);
      assert.deepEqual(res.body.refused, []);
      assert.equal(res.body.secrets.length, 1);
      const rows = await api.database.db.selectFrom('subscribers').select(['address', 'state', 'source']).orderBy('address').execute();
      assert.deepEqual(rows, [
        { address: 'ann@example.com', state: 'confirmed', source: 'import' },
        { address: 'ben@example.com', state: 'pending', source: 'import' },
        { address: 'https://hooks.example.net/a', state: 'confirmed', source: 'import' },
      ]);
      const ben = await api.database.db.selectFrom('subscribers').select('id').where('address', '=', 'ben@example.com').executeTakeFirstOrThrow();
      assert.equal((await events(api, ben.id)).length, 1, 'ben gets the opt-in');

      const exported = await api.request('GET', '/api/v1/subscribers/export.csv', { key: 'read' });
      assert.equal(exported.status, 200);
      assert.match(exported.headers.get('content-type')!, /^text\/csv/);
      assert.equal(exported.body, csv);

      const again = await api.request('POST', '/api/v1/subscribers/import', { body: { csv: exported.body } });
      assert.deepEqual([again.body.created, again.body.updated, again.body.unchanged], [0, 0, 3], 'importing the export changes nothing');
    });

    test('rows that cannot be imported are reported with their line; the rest are imported, one audit row each', async () => {
      const before = await api.rowCounts(['subscribers']);
      const csv = [
        'email,new1@example.com,yes,web',
        'sms,5551234567,US,',
        'email,not-an-address,yes,',
        'email,new2@example.com,maybe,',
        'email,NEW1@example.com,yes,',
        'webhook,http://10.0.0.1/hook,ops@example.com,',
        'email,new3@example.com,yes,nope',
        'slack,https://hooks.slack.com/x,,',
        '"email","new4@example.com","no",""',
      ].join('\n');
      const res = await api.request('POST', '/api/v1/subscribers/import', { body: { csv } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.created, 2);
      assert.deepEqual(res.body.refused.map((r: { line: number }) => r.line), [2, 3, 4, 5, 6, 7, 8]);
      assert.match(res.body.refused[0].message, /sms subscribers are not supported/);
      assert.match(res.body.refused[3].message, /same email subscriber as line 1/);
      assert.match(res.body.refused[4].message, /refused by the outbound policy/);
      assert.match(res.body.refused[5].message, /no component with id or key "nope"/);
      assert.deepEqual(await api.rowCounts(['subscribers']), { subscribers: before.subscribers! + 2 });
      const unclosed = await api.expectValidation('POST', '/api/v1/subscribers/import', { csv: 'email,a@example.com,yes\n"email,b' }, 'csv');
      assert.match(unclosed.issue.message, /line 2: a quoted cell is never closed/);
      const forbidden = await api.request('POST', '/api/v1/subscribers/import', { key: 'write', body: { csv } });
      assert.equal(forbidden.status, 403);
    });

    test('importing an address already here overwrites its components and confirms a pending one', async () => {
      const c = await api.createComponent('Queue');
      const created = await api.request('POST', '/api/v1/subscribers', { body: { email: 'pat@example.com' } });
      const res = await api.request('POST', '/api/v1/subscribers/import', { body: { csv: `email,pat@example.com,yes,${c}\n` } });
      assert.equal(res.body.updated, 1);
      const got = await api.request('GET', `/api/v1/subscribers/${created.body.id}`);
      assert.equal(got.body.state, 'confirmed');
      assert.deepEqual(got.body.component_ids, [c]);
      assert.deepEqual(await api.auditActions(created.body.id), ['subscriber.create', 'subscriber.import']);
    });
  });
}
