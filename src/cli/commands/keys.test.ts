// `vigil keys` with expiry, last use and the last admin key, through the real command.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../test/databases.test-support.js';
import { runVigil, useVigilDatabase } from '../../test/vigil-process.test-support.js';

interface ListedKey {
  id: string;
  name: string;
  scope: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

for (const dialect of DIALECTS) {
  describe(`vigil keys on ${dialect}`, () => {
    const { env } = useVigilDatabase(dialect);
    const listJson = async () => JSON.parse((await runVigil(['keys', 'list', '--json'], env)).stdout) as ListedKey[];

    test('the last active admin key cannot be revoked; after creating another it can', async () => {
      const first = await runVigil(['keys', 'create', '--scope', 'admin', '--name', 'first admin'], env);
      assert.equal(first.code, 0, first.stderr);
      const firstId = (await listJson()).find((k) => k.name === 'first admin')!.id;

      const refused = await runVigil(['keys', 'revoke', firstId], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^vigil: this is the last active admin key/);
      assert.match(refused.stderr, /vigil keys create --scope admin/);
      assert.equal((await listJson()).find((k) => k.id === firstId)!.revoked_at, null);

      assert.equal((await runVigil(['keys', 'create', '--scope', 'admin', '--name', 'second admin'], env)).code, 0);
      const revoked = await runVigil(['keys', 'revoke', firstId], env);
      assert.equal(revoked.code, 0, revoked.stderr);
    });

    test('--expires-in and --expires-at set expires_at, shown by list', async () => {
      const before = Date.now();
      const month = await runVigil(['keys', 'create', '--scope', 'read', '--name', 'for a month', '--expires-in', '30d'], env);
      assert.equal(month.code, 0, month.stderr);
      assert.match(month.stderr, /expires \d{4}-\d\d-\d\dT\S+Z/);
      const fixed = await runVigil(['keys', 'create', '--scope', 'write', '--name', 'until 2100', '--expires-at', '2100-01-01T00:00:00Z'], env);
      assert.equal(fixed.code, 0, fixed.stderr);

      const keys = await listJson();
      const monthKey = keys.find((k) => k.name === 'for a month')!;
      const expiresIn = Date.parse(monthKey.expires_at!) - before;
      assert.ok(expiresIn >= 30 * 86_400_000 && expiresIn < 30 * 86_400_000 + 60_000, monthKey.expires_at!);
      assert.equal(keys.find((k) => k.name === 'until 2100')!.expires_at, '2100-01-01T00:00:00.000Z');
      assert.equal(monthKey.last_used_at, null);

      const table = (await runVigil(['keys', 'list'], env)).stdout;
      assert.match(table, /^ID\s+NAME\s+PREFIX\s+SCOPE\s+CREATED\s+LAST USED\s+EXPIRES\s+REVOKED\n/);
      assert.match(table, /until 2100 .*\s-\s+2100-01-01T00:00:00\.000Z\s+-\n/);
    });

    test('bad expiry options are usage errors', async () => {
      const cases: [string[], RegExp][] = [
        [['--expires-in', '30'], /--expires-in must be a number and a unit/],
        [['--expires-in', '1d', '--expires-at', '2100-01-01T00:00:00Z'], /not both/],
        [['--expires-at', '2001-01-01T00:00:00Z'], /expires_at: must be in the future/],
      ];
      for (const [args, message] of cases) {
        const result = await runVigil(['keys', 'create', '--scope', 'read', ...args], env);
        assert.notEqual(result.code, 0, args.join(' '));
        assert.match(result.stderr, message);
      }
    });
  });
}
