import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../store/database.js';
import { createTestDatabase, DIALECTS, openTestDatabase } from '../../test/databases.test-support.js';
import { applyCommand } from './apply.js';
import { migrations } from '../../store/migrations/index.js';

const EXAMPLE = readFileSync(new URL('../../../examples/vigil.yaml', import.meta.url), 'utf8');

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, lines: () => text.split('\n').filter((l) => l !== '') };
}

for (const dialect of DIALECTS) {
  describe(`vigil apply (CLI) on ${dialect}`, () => {
    let database: Database;
    let url: string;
    let close: () => Promise<void>;
    const dir = mkdtempSync(join(tmpdir(), 'vigil-apply-'));
    let n = 0;

    before(async () => {
      ({ database, close, testDb: { url } } = await openTestDatabase(dialect));
    });
    after(() => close());

    async function run(args: string[], env: Record<string, string> = { VIGIL_DATABASE_URL: url }) {
      const out = sink();
      const err = sink();
      const code = await applyCommand(args, { stdout: out.stream, stderr: err.stream, env });
      return { code, stdout: out.lines(), stderr: err.lines() };
    }
    function file(text: string): string {
      const path = join(dir, `vigil-${++n}.yaml`);
      writeFileSync(path, text);
      return path;
    }
    const dump = async () => ({
      settings: await database.db.selectFrom('settings').selectAll().execute(),
      groups: await database.db.selectFrom('component_groups').selectAll().orderBy('id').execute(),
      components: await database.db.selectFrom('components').selectAll().orderBy('id').execute(),
      audit: await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    });

    test('applies the example file, then finds nothing to change', async () => {
      const path = file(EXAMPLE);
      const first = await run([path]);
      assert.deepEqual(first.stderr, []);
      assert.equal(first.code, 0);
      assert.deepEqual(first.stdout, [
        // The page row exists from the migrations on, so the file changes its defaults.
        '~ page: name "Vigil" → "Acme Status", public_url none → "https://status.acme.test", time_zone "UTC" → "Europe/Berlin"',
        '+ group platform (Platform)',
        '+ group customer (Customer-facing)',
        '+ component api (API)',
        '+ component database (Database)',
        '+ component website (Website)',
        '+ component dashboard (Control Panel)',
        '+ component email (Email notifications)',
        '+ monitor api-health (API health)',
        '+ monitor database-port (Database port)',
        '+ monitor certificate (Website certificate)',
        '+ monitor nightly-backup (Nightly backup)',
        `applied ${path}: 11 created, 1 updated, 0 unchanged, 0 to remove`,
      ]);
      const audited = (await dump()).audit.length;
      const second = await run([path]);
      assert.deepEqual(second, { code: 0, stdout: [`applied ${path}: 0 created, 0 updated, 12 unchanged, 0 to remove`], stderr: [] });
      assert.equal((await dump()).audit.length, audited);
    });

    test('--dry-run prints the plan and writes nothing; --prune removes', async () => {
      const edited = file(EXAMPLE.replace('name: API\n', 'name: Public API\n').replace(/ {2}- key: email\n.*\n/, ''));
      const before = await dump();
      const dry = await run([edited, '--dry-run']);
      assert.deepEqual(dry, {
        code: 0,
        stdout: [
          '~ component api: name "API" → "Public API"',
          '- component email (would remove; use --prune)',
          `dry run of ${edited}, nothing written: 0 to create, 1 to update, 10 unchanged, 1 to remove`,
        ],
        stderr: [],
      });
      assert.deepEqual(await dump(), before);

      const pruned = await run(['--prune', edited]);
      assert.deepEqual(pruned.stdout, [
        '~ component api: name "API" → "Public API"',
        '- component email (removed)',
        `applied ${edited}: 0 created, 1 updated, 10 unchanged, 1 removed`,
      ]);
      assert.equal(await database.db.selectFrom('components').select('id').where('key', '=', 'email').executeTakeFirst(), undefined);
    });

    test('every problem names the file and line, exits 1 and writes nothing', async () => {
      const valid = 'page:\n  name: Acme\ngroups:\n  - key: platform\n    name: Platform\ncomponents:\n';
      const cases: [string, (path: string) => string[]][] = [
        [valid + '  - key: api\n    name: API\n    name: Again\n', (p) => [`${p}:9:5: Map keys must be unique`]],
        [valid + '  - key: api\n    name: API\n  - key: web\n    name: Web\n    status: fine\n', (p) => [
          `${p}:11: components[1].status: Invalid option: expected one of "operational"|"under_maintenance"|"degraded_performance"|"partial_outage"|"major_outage"`,
        ]],
        [valid + '  - key: api\n    name: API\n    colour: red\n', (p) => [`${p}:9: components[0].colour: unknown field`]],
        [valid + '  - key: api\n    name: API\nmonitor: []\n', (p) => [`${p}:9: monitor: unknown section (expected one of page, groups, components, monitors, channels)`]],
        [valid + '  - key: api\n    name: API\nmonitors:\n  - key: m\n    name: M\n    type: ftp\n', (p) => [
          `${p}:12: monitors[0].type: must be one of http, tcp, dns, tls, heartbeat, statuspage`,
        ]],
        [valid + '  - key: api\n    name: API\n  - key: platform\n    name: P\n', (p) => [`${p}:9: components[1].key: duplicate key "platform" (first defined at line 4)`]],
        [valid + '  - key: api\n    name: API\n    group: platfrom\n', (p) => [`${p}:9: components[0].group: no group with key "platfrom" is defined in this file`]],
        // `customer` is a group in the database (from the example), so it cannot also name a component.
        [valid + '  - key: customer\n    name: Customers\n', (p) => [
          `${p}:7: components[0].key: key "customer" is already used by the group "Customer-facing" in the database; apply with --prune to remove it, or choose another key`,
        ]],
      ];
      const before = await dump();
      for (const [text, expected] of cases) {
        const path = file(text);
        const result = await run([path]);
        assert.deepEqual(result, { code: 1, stdout: [], stderr: expected(path) }, text);
      }
      const missing = join(dir, 'missing.yaml');
      assert.deepEqual(await run([missing]), { code: 1, stdout: [], stderr: [`${missing}: cannot read the file: no such file`] });
      assert.deepEqual(await dump(), before);
    });

    test('usage errors exit 2; --help prints the usage', async () => {
      const bad = await run(['--force']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr[0]!, /^vigil apply: Unknown option '--force'/);
      const two = await run(['a.yaml', 'b.yaml']);
      assert.deepEqual([two.code, two.stderr[0]], [2, 'vigil apply: expected one file, got 2']);
      const help = await run(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout[0]!, /^usage: vigil apply \[file\] \[--prune\] \[--dry-run\]/);
    });

    test('a dry run refuses a database that is not migrated yet rather than migrating it', async () => {
      const fresh = await createTestDatabase(dialect);
      try {
        if (dialect === 'sqlite') writeFileSync(fresh.url, '');
        const result = await run([file(EXAMPLE), '--dry-run'], { VIGIL_DATABASE_URL: fresh.url });
        assert.equal(result.code, 1);
        assert.deepEqual(result.stdout, []);
        const all = Object.keys(migrations(dialect)).join(', ');
        assert.ok(result.stderr[0]!.endsWith(`needs migrations (${all}); run "vigil migrate" or apply without --dry-run`), result.stderr[0]);
        // Still unmigrated: asking again gives the same answer.
        assert.deepEqual((await run([file(EXAMPLE), '--dry-run'], { VIGIL_DATABASE_URL: fresh.url })).stderr, result.stderr);
      } finally {
        await fresh.drop();
      }
    });

    if (dialect === 'sqlite') {
      test('a dry run does not create a database that does not exist', async () => {
        const target = join(dir, 'fresh', 'vigil.db');
        const result = await run([file(EXAMPLE), '--dry-run'], { VIGIL_DATABASE_URL: target });
        assert.deepEqual(result, { code: 1, stdout: [], stderr: [`vigil apply: there is no database at ${target} yet; apply without --dry-run to create it`] });
        assert.equal(existsSync(target), false);
        // A real apply creates and migrates it.
        assert.equal((await run([file(EXAMPLE)], { VIGIL_DATABASE_URL: target })).code, 0);
        assert.equal(existsSync(target), true);
      });
    }
  });
}
