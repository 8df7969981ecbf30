// The `channels:` section of vigil.yaml: channels upserted by key, idempotent,
// secrets from the file and never printed or audited ("••••" keeps the stored
// value), routing rules resolved by key, private URLs refused, removals as for
// monitors (reported, removed with --prune).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withConfigDatabase } from '../../test/config-apply.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { ConfigFileError } from './config-file.js';
import { formatReport } from './report.js';

const file = (o: { secret?: string; url?: string; extra?: string } = {}) => `components:
  - key: payments
    name: Payments
monitors:
  - key: pay-api
    name: Pay API
    type: http
    url: https://pay.acme.test/health
    component: payments
channels:
  - key: ops-hook
    name: Ops webhook
    type: webhook
    config:
      url: ${o.url ?? 'https://hooks.acme.test/vigil'}
      secret: ${o.secret ?? 'first-secret-0123456789'}
    routes:
      - events: [monitor.down, monitor.up]
        monitors: [pay-api]
        components: [payments]
        severities: [major, critical]
  - key: oncall
    name: On-call mail
    type: email
    config:
      to: [oncall@acme.test]
${o.extra ?? ''}`;

for (const dialect of DIALECTS) {
  describe(`channels in vigil.yaml on ${dialect}`, () => {
    test('created once, unchanged on the next apply; routes stored as ids; secrets never shown', async () => {
      await withConfigDatabase(dialect, async ({ apply, database }) => {
        const first = await apply(file());
        assert.deepEqual(formatReport(first).filter((l) => l.includes('channel')), ['+ channel ops-hook (Ops webhook)', '+ channel oncall (On-call mail)']);
        assert.deepEqual(formatReport(await apply(file())), ['applied vigil.yaml: 0 created, 0 updated, 4 unchanged, 0 to remove']);

        const rows = await database.db.selectFrom('channels').selectAll().orderBy('key').execute();
        assert.deepEqual(rows.map((r) => [r.key, r.type, r.enabled]), [['oncall', 'email', 1], ['ops-hook', 'webhook', 1]]);
        const monitor = await database.db.selectFrom('monitors').select('id').executeTakeFirstOrThrow();
        const component = await database.db.selectFrom('components').select('id').executeTakeFirstOrThrow();
        const hook = rows[1]!;
        assert.deepEqual(JSON.parse(hook.routes_json), [{ events: ['monitor.down', 'monitor.up'], monitors: [monitor.id], components: [component.id], severities: ['major', 'critical'] }]);
        assert.deepEqual(JSON.parse(hook.config_json), { url: 'https://hooks.acme.test/vigil', secret: 'first-secret-0123456789' });

        const changed = formatReport(await apply(file({ secret: 'second-secret-0123456789' })));
        assert.deepEqual(changed, [
          '~ channel ops-hook: config {"url":"••••","secret":"••••"} → {"url":"••••","secret":"••••"} (secret changed)',
          'applied vigil.yaml: 0 created, 1 updated, 3 unchanged, 0 to remove',
        ]);
        // "••••" keeps what the database holds.
        assert.equal((await apply(file({ secret: '"••••"', url: '"••••"' }))).counts.unchanged, 4);
        const kept = await database.db.selectFrom('channels').select('config_json').where('key', '=', 'ops-hook').executeTakeFirstOrThrow();
        assert.equal(JSON.parse(kept.config_json).secret, 'second-secret-0123456789');

        const audit = JSON.stringify(await database.db.selectFrom('audit_log').selectAll().execute());
        for (const secret of ['first-secret', 'second-secret', 'hooks.acme.test']) assert.ok(!audit.includes(secret), `${secret} in the audit log`);
      });
    });

    test('problems name the line: a bad config, an unknown route monitor, a private URL, "••••" with nothing stored', async () => {
      await withConfigDatabase(dialect, async ({ apply, database }) => {
        const problems = async (text: string) => {
          try {
            await apply(text);
          } catch (err) {
            assert.ok(err instanceof ConfigFileError, String(err));
            return err.lines();
          }
          assert.fail('expected the file to be refused');
        };
        assert.deepEqual(await problems(file({ secret: 'short' })), ['vigil.yaml:16: channels[0].config.secret: must be at least 16 characters']);
        assert.deepEqual(await problems(file().replace('monitors: [pay-api]', 'monitors: [nope]')), ['vigil.yaml:19: channels[0].routes[0].monitors[0]: no monitor with key or id "nope"']);
        const lines = await problems(file().replace('events: [monitor.down, monitor.up]', 'events: [monitor.exploded]'));
        assert.match(lines[0]!, /^vigil\.yaml:18: channels\[0\]\.routes\[0\]\.events\[0\]: /);
        assert.deepEqual(await problems(file({ url: 'http://10.0.0.7/hook' })), [
          'vigil.yaml:15: channels[0].config.url: refused by the outbound policy: address 10.0.0.7 is in the denied range 10.0.0.0/8 (private, RFC 1918)',
        ]);
        assert.deepEqual(await problems(file({ secret: '"••••"' })), ['vigil.yaml:16: channels[0].config.secret: is "••••" but no value is stored: give the value']);
        assert.equal((await database.db.selectFrom('channels').selectAll().execute()).length, 0, 'nothing written');
      });
    });

    test('a channel the file no longer lists is reported, and removed with --prune', async () => {
      await withConfigDatabase(dialect, async ({ apply, database }) => {
        await apply(file());
        const withoutMail = file().replace(/ {2}- key: oncall[\s\S]*$/, '');
        assert.ok(formatReport(await apply(withoutMail)).includes('- channel oncall (would remove; use --prune)'));
        assert.ok(formatReport(await apply(withoutMail, { prune: true })).includes('- channel oncall (removed)'));
        assert.deepEqual((await database.db.selectFrom('channels').select('key').execute()).map((r) => r.key), ['ops-hook']);
        const actions = (await database.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'channel').orderBy('id').execute()).map((r) => r.action);
        assert.deepEqual(actions, ['channel.create', 'channel.create', 'channel.delete']);
      });
    });
  });
}
