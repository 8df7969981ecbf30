// Secret monitor options in vigil.yaml: `apply` compares them with what the
// database holds, and never prints or audits them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigFileError } from './config-file.js';
import { withConfigDatabase } from '../../test/config-apply.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { formatReport } from './report.js';

const file = (token: string, password = 'pw-one') => `monitors:
  - key: api
    name: API
    type: http
    url: https://api.acme.test/health
    headers:
      Authorization: "Bearer ${token}"
    basic_auth:
      username: bot
      password: ${password}
`;

for (const dialect of DIALECTS) {
  describe(`secrets in vigil.yaml on ${dialect}`, () => {
    test('an unchanged file reports no change; a changed secret is a change, shown as ••••', async () => {
      await withConfigDatabase(dialect, async ({ apply, database }) => {
        const created = await apply(file('tok-AAA'));
        assert.equal(created.counts.created, 1);
        assert.deepEqual(formatReport(await apply(file('tok-AAA'))), ['applied vigil.yaml: 0 created, 0 updated, 1 unchanged, 0 to remove']);

        const changed = formatReport(await apply(file('tok-BBB')));
        assert.deepEqual(changed, [
          '~ monitor api: headers {"Authorization":"••••"} → {"Authorization":"••••"} (secret changed)',
          'applied vigil.yaml: 0 created, 1 updated, 0 unchanged, 0 to remove',
        ]);
        const password = formatReport(await apply(file('tok-BBB', 'pw-two')));
        assert.equal(password[0], '~ monitor api: basic_auth {"username":"bot","password":"••••"} → {"username":"bot","password":"••••"} (secret changed)');

        const row = await database.db.selectFrom('monitors').select('options_json').executeTakeFirstOrThrow();
        const options = JSON.parse(row.options_json);
        assert.deepEqual([options.headers.Authorization, options.basic_auth.password], ['Bearer tok-BBB', 'pw-two']);

        const audit = JSON.stringify(await database.db.selectFrom('audit_log').selectAll().execute());
        for (const secret of ['tok-AAA', 'tok-BBB', 'pw-one', 'pw-two']) assert.ok(!audit.includes(secret), `${secret} in ${audit}`);
      });
    });

    test('•••• in the file keeps the stored secret; for a new monitor it is a problem', async () => {
      await withConfigDatabase(dialect, async ({ apply, database }) => {
        await assert.rejects(apply(file('x').replace('"Bearer x"', '"••••"')), (err: unknown) => {
          assert.ok(err instanceof ConfigFileError, String(err));
          assert.deepEqual(err.lines(), ['vigil.yaml:7: monitors[0].headers.Authorization: is the hidden placeholder "••••"; send the real value']);
          return true;
        });
        await apply(file('tok-AAA'));
        const kept = await apply(file('x').replace('"Bearer x"', '"••••"').replace('pw-one', '"••••"'));
        assert.equal(kept.counts.unchanged, 1);
        const options = JSON.parse((await database.db.selectFrom('monitors').select('options_json').executeTakeFirstOrThrow()).options_json);
        assert.deepEqual([options.headers.Authorization, options.basic_auth.password], ['Bearer tok-AAA', 'pw-one']);
      });
    });
  });
}
