// Monitor targets and the outbound policy through the admin API, on both
// databases: refused targets are a 422 naming the field and the rule, at
// creation and on change; a name that later resolves somewhere denied makes
// the run fail with the refusal as its reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePolicyList, STRICT_DENY } from '../../../domain/outbound-policy.js';
import { createOutboundGuard, type ResolveAll } from '../../../outbound/guard.js';
import { defaultMonitorGuard } from '../../../outbound/guards.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';

// The names the suite resolves; `later.test` starts unresolvable and then points at metadata.
const names = new Map<string, string>([['db.test', '10.0.0.5'], ['imds.test', '169.254.169.254']]);
const resolveAll: ResolveAll = async (name) => {
  const address = names.get(name);
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return [{ address, family: address.includes(':') ? 6 : 4 }];
};
const META = 'is in the denied range 169.254.0.0/16 (link-local, cloud metadata)';

for (const dialect of DIALECTS) {
  describe(`monitor targets under the monitor policy on ${dialect}`, () => {
    const api = useTestApi(dialect, { engine: {}, outbound: createOutboundGuard(defaultMonitorGuard().policy, { resolveAll }) });

    test('creation refuses metadata, link-local and denied names, naming the field and the rule', async () => {
      const before = await api.rowCounts(['monitors', 'audit_log']);
      const cases: [Record<string, unknown>, string, string][] = [
        [{ type: 'http', url: 'http://169.254.169.254/latest/meta-data/' }, 'url', `address 169.254.169.254 ${META}`],
        [{ type: 'http', url: 'http://[::ffff:169.254.169.254]/' }, 'url', `address ::ffff:a9fe:a9fe (169.254.169.254) ${META}`],
        [{ type: 'statuspage', url: 'http://metadata.google.internal/computeMetadata/v1/' }, 'url', 'host name metadata.google.internal is denied (cloud metadata)'],
        [{ type: 'tcp', host: 'metadata', port: 80 }, 'host', 'host name metadata is denied (cloud metadata)'],
        [{ type: 'tcp', host: '0xa9fea9fe', port: 80 }, 'host', `address 169.254.169.254 ${META}`],
        [{ type: 'tls', host: 'fd00:ec2::254' }, 'host', 'address fd00:ec2::254 is in the denied range fd00:ec2::254/128 (cloud metadata)'],
        [{ type: 'tls', host: 'imds.test' }, 'host', `imds.test resolves to 169.254.169.254, which ${META.replace(/^is /, 'is ')}`],
        [{ type: 'dns', host: 'example.com', resolver: '0.0.0.0' }, 'resolver', 'address 0.0.0.0 is in the denied range 0.0.0.0/8 (unspecified, "this network")'],
      ];
      for (const [fields, field, why] of cases) {
        const { issue } = await api.expectValidation('POST', '/api/v1/monitors', { name: 'probe', ...fields }, field);
        assert.equal(issue.message, `refused by the outbound policy: ${why}`, JSON.stringify(fields));
      }
      assert.deepEqual(await api.rowCounts(['monitors', 'audit_log']), before);
    });

    test('private, loopback and unresolvable targets are accepted (self-hosted teams monitor internal hosts)', async () => {
      for (const fields of [{ type: 'tcp', host: 'db.test', port: 5432 }, { type: 'http', url: 'http://127.0.0.1:9/' }, { type: 'tcp', host: 'nowhere.test', port: 1 }]) {
        const res = await api.request('POST', '/api/v1/monitors', { body: { name: 'internal', ...fields } });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
    });

    test('PATCH refuses a changed target; other changes of the monitor go through', async () => {
      const created = await api.request('POST', '/api/v1/monitors', { body: { type: 'http', name: 'Site', url: 'http://127.0.0.1:9/' } });
      const { issue } = await api.expectValidation('PATCH', `/api/v1/monitors/${created.body.id}`, { url: 'http://0xa9fea9fe/' }, 'url');
      assert.equal(issue.message, `refused by the outbound policy: address 169.254.169.254 ${META}`);
      assert.equal((await api.request('PATCH', `/api/v1/monitors/${created.body.id}`, { body: { name: 'Site 2' } })).status, 200);
    });

    test('a name that resolves somewhere denied at run time fails the run with the refusal', async () => {
      const created = await api.request('POST', '/api/v1/monitors', { body: { type: 'tcp', name: 'Later', host: 'later.test', port: 80, paused: true } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      names.set('later.test', '169.254.169.254');
      try {
        const run = await api.request('POST', `/api/v1/monitors/${created.body.id}/run`);
        assert.equal(run.status, 200, JSON.stringify(run.body));
        assert.equal(run.body.ok, false);
        assert.equal(run.body.reason, `refused by outbound policy: later.test resolves to 169.254.169.254, which ${META}`);
      } finally {
        names.delete('later.test');
      }
    });
  });

  describe(`monitor targets under a strict monitor policy on ${dialect}`, () => {
    const api = useTestApi(dialect, { outbound: createOutboundGuard({ deny: STRICT_DENY, allow: parsePolicyList('', []).rules }) });

    test('numeric loopback forms are refused, and real localhost by what it resolves to', async () => {
      for (const url of ['http://0x7f000001/', 'http://2130706433/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/']) {
        const { issue } = await api.expectValidation('POST', '/api/v1/monitors', { type: 'http', name: 'loop', url }, 'url');
        assert.match(issue.message, /^refused by the outbound policy: address (127\.0\.0\.1|::ffff:7f00:1 \(127\.0\.0\.1\)) is in the denied range 127\.0\.0\.0\/8 \(loopback\)$/, url);
      }
      const { issue } = await api.expectValidation('POST', '/api/v1/monitors', { type: 'tcp', name: 'loop', host: 'localhost', port: 22 }, 'host');
      assert.match(issue.message, /^refused by the outbound policy: localhost resolves to (127\.0\.0\.1|::1), which is in the denied range .* \(loopback\)$/);
    });
  });
}
