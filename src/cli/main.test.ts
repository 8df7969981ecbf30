// The real `vigil` command in child processes against real databases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { AppError } from '../domain/errors.js';
import { systemClock } from '../lib/clock.js';
import { authenticate } from '../services/api-keys/queries.js';
import { openDatabase } from '../store/database.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { freePort, runVigil, useVigilDatabase } from '../test/vigil-process.test-support.js';

/** Authenticates a key against the database the way the API does. */
async function authenticateKey(url: string, key: string) {
  const database = openDatabase(url);
  try {
    return await authenticate({ db: database.db, clock: systemClock, actor: { type: 'system', id: null, name: null } }, key);
  } finally {
    await database.close();
  }
}

for (const dialect of DIALECTS) {
  describe(`vigil CLI on ${dialect}`, () => {
    const testDb = useVigilDatabase(dialect);
    const { env } = testDb;

    test('migrate applies the migrations once, then says it is up to date', async () => {
      const first = await runVigil(['migrate'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^applied 0001_initial$/m);
      const second = await runVigil(['migrate'], env);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, 'already up to date\n');
    });

    test('keys create prints exactly one line: a key that authenticates; list shows it; revoke makes it fail', async () => {
      const created = await runVigil(['keys', 'create', '--scope', 'write', '--name', 'deploy bot'], env);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /^vgl_[A-Za-z0-9_-]+\n$/);
      const key = created.stdout.trim();
      assert.match(created.stderr, /created write key \w+ "deploy bot"/);

      const who = await authenticateKey(testDb.url, key);
      assert.equal(who.scope, 'write');
      assert.equal(who.name, 'deploy bot');

      const listed = await runVigil(['keys', 'list'], env);
      assert.equal(listed.code, 0, listed.stderr);
      const [header, ...rows] = listed.stdout.trimEnd().split('\n');
      assert.match(header!, /^ID\s+NAME\s+PREFIX\s+SCOPE\s+CREATED\s+LAST USED\s+EXPIRES\s+REVOKED$/);
      const row = rows.find((r) => r.startsWith(who.id));
      assert.ok(row, listed.stdout);
      assert.match(row, new RegExp(`^${who.id}\\s+deploy bot\\s+${who.prefix}\\s+write\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+\\S+Z\\s+-\\s+-$`));
      assert.ok(key.startsWith(who.prefix));

      const revoked = await runVigil(['keys', 'revoke', who.id], env);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.match(revoked.stdout, new RegExp(`^revoked ${who.id} "deploy bot"`));
      await assert.rejects(authenticateKey(testDb.url, key), (err: unknown) => err instanceof AppError && err.code === 'UNAUTHENTICATED');

      const json = await runVigil(['keys', 'list', '--json'], env);
      const keys = JSON.parse(json.stdout) as { id: string; revoked_at: string | null }[];
      assert.match(keys.find((k) => k.id === who.id)!.revoked_at!, /Z$/);
    });

    test('keys create records the CLI user in the audit log', async () => {
      const created = await runVigil(['keys', 'create', '--scope', 'read'], env);
      assert.equal(created.code, 0, created.stderr);
      const who = await authenticateKey(testDb.url, created.stdout.trim());
      const database = openDatabase(testDb.url);
      try {
        const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', who.id).execute();
        assert.deepEqual(audit.map((a) => [a.action, a.actor_type]), [['api_key.create', 'cli']]);
        assert.ok(audit[0]!.actor_name);
        assert.equal(who.name, `${audit[0]!.actor_name} (cli)`);
      } finally {
        await database.close();
      }
    });

    test('revoking an unknown key fails with exit code 1', async () => {
      const result = await runVigil(['keys', 'revoke', 'nosuchkey'], env);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, 'vigil: API key nosuchkey not found\n');
    });
  });
}

describe('vigil CLI usage and configuration errors', () => {
  const sqlite = { VIGIL_DATABASE_URL: 'sqlite::memory:' };

  test('a bad PORT stops the command with exit code 1 and one line naming PORT', async () => {
    for (const command of [['migrate'], ['serve']]) {
      const result = await runVigil(command, { ...sqlite, PORT: 'abc' });
      assert.equal(result.code, 1);
      assert.equal(result.stderr, 'vigil: PORT: must be an integer from 1 to 65535, got "abc"\n');
      assert.equal(result.stdout, '');
    }
  });

  test('usage mistakes exit with code 2 and one line on stderr', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^vigil: unknown command "frobnicate" \(see vigil --help\)\n$/],
      [['--frob'], /^vigil: unknown option --frob/],
      [['migrate', '--force'], /^vigil: unknown option --force \(see vigil migrate --help\)\n$/],
      [['keys'], /^vigil: keys needs a subcommand/],
      [['keys', 'rotate'], /^vigil: unknown keys subcommand "rotate"/],
      [['keys', 'create'], /^vigil: keys create needs --scope read\|write\|admin/],
      [['keys', 'create', '--scope', 'root'], /^vigil: --scope must be one of read, write, admin, got "root"/],
      [['keys', 'create', '--scope'], /^vigil: option --scope needs a value/],
      [['keys', 'revoke'], /^vigil: keys revoke needs exactly one key id/],
      [['serve', '--roles', 'web,mail'], /^vigil: --roles: must be a comma-separated list of web, scheduler, worker, got "web,mail"/],
    ];
    const results = await Promise.all(cases.map(([args]) => runVigil(args, sqlite)));
    results.forEach((result, i) => {
      const [args, pattern] = cases[i]!;
      assert.equal(result.code, 2, `vigil ${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.split('\n').length, 2, result.stderr);
    });
  });

  test('--help, <cmd> --help, help <cmd> and --version', async () => {
    const [general, keysHelp, helpServe, version, bare] = await Promise.all([
      runVigil(['--help'], sqlite),
      runVigil(['keys', 'create', '--help'], sqlite),
      runVigil(['help', 'serve'], sqlite),
      runVigil(['--version'], sqlite),
      runVigil([], sqlite),
    ]);
    assert.equal(general.code, 0);
    for (const command of ['serve', 'migrate', 'apply', 'keys']) assert.match(general.stdout, new RegExp(`^  ${command} `, 'm'));
    assert.equal(keysHelp.code, 0);
    assert.match(keysHelp.stdout, /vigil keys create --scope read\|write\|admin/);
    assert.equal(helpServe.code, 0);
    assert.match(helpServe.stdout, /^Usage: vigil serve/);
    assert.match(helpServe.stdout, /VIGIL_DATABASE_URL/);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(version.stdout, `${pkg.version}\n`);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^Usage: vigil <command>/);
  });

  test('an unreachable database is a one-line failure with exit code 1, without the password', async () => {
    const port = await freePort();
    const result = await runVigil(['migrate'], { VIGIL_DATABASE_URL: `postgres://vigil:s3cret@127.0.0.1:${port}/vigil` });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`^vigil: cannot reach the database at postgres://vigil:\\*\\*\\*@127\\.0\\.0\\.1:${port}/vigil: .*ECONNREFUSED.*\\n$`));
    assert.doesNotMatch(result.stderr, /s3cret/);
  });
});
