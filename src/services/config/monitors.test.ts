// Monitors in vigil.yaml: created, updated and removed by key like
// components, their component named by key, problems reported by line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseVigilYaml } from '../../config/vigil-yaml.js';
import { ConfigFileError } from './config-file.js';
import { withConfigDatabase } from '../../test/config-apply.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { createComponent } from '../components/createComponent.js';
import { createMonitor } from '../monitors/createMonitor.js';
import { pauseMonitor } from '../monitors/setMonitorPaused.js';
import { formatReport } from './report.js';
import { defaultMonitorGuard } from '../../outbound/guards.js';
import { yamlProblems } from '../../test/yaml-problems.test-support.js';

const VIEW = { publicUrl: 'http://localhost:3000', outbound: defaultMonitorGuard() };

const FILE = `components:
  - key: api
    name: API
  - key: web
    name: Website
monitors:
  - key: api-health
    name: API health
    type: http
    url: https://api.acme.test/health
    component: api
    auto_incident: true
  - key: backup
    name: Nightly backup
    type: heartbeat
    interval_seconds: 86400
    grace_seconds: 3600
  - key: db-port
    name: Database port
    type: tcp
    host: db.acme.test
    port: 5432
    interval_seconds: 30
`;

const problems = yamlProblems;

describe('monitors in vigil.yaml: parsing', () => {
  const monitor = (...lines: string[]) => ['monitors:', '  - key: m', '    name: M', ...lines].join('\n') + '\n';

  test('fills the same defaults as the API', () => {
    const { config } = parseVigilYaml(monitor('    type: tls', '    host: example.test'), 'vigil.yaml');
    assert.deepEqual(config.monitors, [{
      key: 'm', name: 'M', type: 'tls', host: 'example.test', port: 443, warn_days: [30, 14, 7, 1], interval_seconds: 60, down_after: 3, up_after: 2,
      component_status_on_down: 'major_outage', auto_incident: false, incident_impact: 'major', resolve_after_seconds: 300, component: null,
    }]);
  });

  test('bad monitors are reported with their line and field', () => {
    assert.deepEqual(problems(monitor('    type: ftp')), ['vigil.yaml:4: monitors[0].type: must be one of http, tcp, dns, tls, heartbeat, statuspage']);
    assert.deepEqual(problems(monitor('    url: https://a.test/')), ['vigil.yaml:2: monitors[0].type: is required; must be one of http, tcp, dns, tls, heartbeat, statuspage']);
    assert.deepEqual(problems(monitor('    type: http', '    url: not a url')), ['vigil.yaml:5: monitors[0].url: must be an absolute http:// or https:// URL']);
    assert.deepEqual(problems(monitor('    type: http', '    url: https://a.test/', '    interval_seconds: 5')), [
      'vigil.yaml:6: monitors[0].interval_seconds: must be at least 10',
    ]);
    assert.deepEqual(problems(monitor('    type: http', '    url: https://a.test/', '    interval_seconds: 20', '    timeout_seconds: 20')), [
      'vigil.yaml:7: monitors[0].timeout_seconds: must be less than interval_seconds (20)',
    ]);
    assert.deepEqual(problems(monitor('    type: http', '    url: https://a.test/', '    regex: "("')), [
      'vigil.yaml:6: monitors[0].regex: not a valid regular expression: /(/: Unterminated group',
    ]);
    assert.deepEqual(problems(monitor('    type: heartbeat', '    component_id: abc')), ['vigil.yaml:5: monitors[0].component_id: unknown field']);
    assert.deepEqual(problems(['monitors:', '  - name: M', '    type: heartbeat'].join('\n')), ['vigil.yaml:2: monitors[0].key: is required']);
  });

  test('keys are unique among monitors, and a component must be one of the file\'s', () => {
    const file = [
      'groups:', '  - key: platform', '    name: Platform',
      'components:', '  - key: api', '    name: API',
      'monitors:',
      '  - { key: a, name: A, type: heartbeat, component: api }',
      '  - { key: a, name: B, type: heartbeat }',
      '  - { key: c, name: C, type: heartbeat, component: platform }',
      '  - { key: d, name: D, type: heartbeat, component: nope }',
      // A monitor key may equal a component's: monitors are their own namespace.
      '  - { key: api, name: E, type: heartbeat }',
    ].join('\n');
    assert.deepEqual(problems(file), [
      'vigil.yaml:9: monitors[1].key: duplicate key "a" (first defined at line 8)',
      'vigil.yaml:10: monitors[2].component: "platform" is a group; a monitor drives one component',
      'vigil.yaml:11: monitors[3].component: no component with key "nope" is defined in this file',
    ]);
  });
});

for (const dialect of DIALECTS) {
  describe(`monitors in vigil.yaml on ${dialect}`, () => {
    test('creates monitors with their components, one audit row each, and changes nothing when applied again', () =>
      withConfigDatabase(dialect, async ({ database, apply, dump }) => {
        const report = await apply(FILE);
        assert.deepEqual(formatReport(report), [
          '+ component api (API)',
          '+ component web (Website)',
          '+ monitor api-health (API health)',
          '+ monitor backup (Nightly backup)',
          '+ monitor db-port (Database port)',
          'applied vigil.yaml: 5 created, 0 updated, 0 unchanged, 0 to remove',
        ]);
        const db = database.db;
        const api = await db.selectFrom('components').selectAll().where('key', '=', 'api').executeTakeFirstOrThrow();
        const rows = await db.selectFrom('monitors').selectAll().orderBy('key').execute();
        assert.deepEqual(rows.map((r) => [r.key, r.type, r.component_id, r.auto_incident, r.interval_seconds, r.timeout_seconds, r.retry_interval_seconds, r.state, r.paused]), [
          ['api-health', 'http', api.id, 1, 60, 10, 20, 'pending', 0],
          ['backup', 'heartbeat', null, 0, 86400, 10, 20, 'pending', 0],
          ['db-port', 'tcp', null, 0, 30, 10, 20, 'pending', 0],
        ]);
        assert.equal(JSON.parse(rows[0]!.options_json).method, 'GET');
        assert.deepEqual(JSON.parse(rows[1]!.options_json), { grace_seconds: 3600 });
        assert.match(rows[1]!.heartbeat_token!, /^[A-Za-z0-9_-]{32}$/);
        assert.equal(rows[0]!.heartbeat_token, null);
        const audit = await db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'monitor').orderBy('id').execute();
        assert.deepEqual(audit.map((a) => [a.action, a.actor_type, a.actor_name]), Array(3).fill(['monitor.create', 'config', 'vigil.yaml']));

        const before = await dump();
        assert.deepEqual(formatReport(await apply(FILE)), ['applied vigil.yaml: 0 created, 0 updated, 5 unchanged, 0 to remove']);
        assert.deepEqual(await dump(), before);
      }));

    test('an edited file updates only what changed, options included; the ping token is kept', () =>
      withConfigDatabase(dialect, async ({ database, apply }) => {
        await apply(FILE);
        const token = (await database.db.selectFrom('monitors').select('heartbeat_token').where('key', '=', 'backup').executeTakeFirstOrThrow()).heartbeat_token;
        const edited = FILE.replace('https://api.acme.test/health', 'https://api.acme.test/ready')
          .replace('    component: api\n', '    component: web\n    interval_seconds: 30\n    expected_status: [200]\n')
          .replace('grace_seconds: 3600', 'grace_seconds: 600');
        const report = await apply(edited);
        assert.deepEqual(formatReport(report), [
          '~ monitor api-health: interval_seconds 60 → 30, component "api" → "web", url "https://api.acme.test/health" → "https://api.acme.test/ready", expected_status ["200-399"] → [200]',
          '~ monitor backup: grace_seconds 3600 → 600',
          'applied vigil.yaml: 0 created, 2 updated, 3 unchanged, 0 to remove',
        ]);
        const backup = await database.db.selectFrom('monitors').selectAll().where('key', '=', 'backup').executeTakeFirstOrThrow();
        assert.equal(backup.heartbeat_token, token);
        const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', backup.id).orderBy('id').execute();
        assert.deepEqual(audit.map((a) => a.action), ['monitor.create', 'monitor.update']);
        assert.deepEqual([JSON.parse(audit[1]!.before_json!).grace_seconds, JSON.parse(audit[1]!.after_json!).grace_seconds], [3600, 600]);
      }));

    test('a monitor without `paused` in the file stays as it is; an explicit one is enforced', () =>
      withConfigDatabase(dialect, async ({ ctx, database, apply, dump }) => {
        await apply(FILE);
        const row = await database.db.selectFrom('monitors').selectAll().where('key', '=', 'db-port').executeTakeFirstOrThrow();
        await pauseMonitor(ctx, row.id, VIEW);
        const before = await dump();
        assert.equal((await apply(FILE)).counts.unchanged, 5);
        assert.deepEqual(await dump(), before);
        const report = await apply(FILE.replace('    interval_seconds: 30\n', '    interval_seconds: 30\n    paused: false\n'));
        assert.deepEqual(formatReport(report)[0], '~ monitor db-port: paused true → false');
        const events = await database.db.selectFrom('monitor_events').selectAll().where('monitor_id', '=', row.id).orderBy('id').execute();
        assert.deepEqual(events.map((e) => e.kind), ['paused', 'resumed']);
      }));

    test('dry run writes nothing; monitors left out are removed only with --prune, with their results', () =>
      withConfigDatabase(dialect, async ({ ctx, database, apply, dump }) => {
        const empty = await dump();
        const dry = await apply(FILE, { dryRun: true });
        assert.equal(formatReport(dry).at(-1), 'dry run of vigil.yaml, nothing written: 5 to create, 0 to update, 0 unchanged, 0 to remove');
        assert.deepEqual(await dump(), empty);

        await apply(FILE);
        const db = database.db;
        const backup = await db.selectFrom('monitors').selectAll().where('key', '=', 'backup').executeTakeFirstOrThrow();
        await db.insertInto('monitor_results').values({ monitor_id: backup.id, checked_at: 1, ok: 1, latency_ms: null, reason: null, detail_json: null }).execute();
        const smaller = FILE.replace(/ {2}- key: backup\n(?: {4}.*\n)+/, '');
        assert.deepEqual(formatReport(await apply(smaller)), [
          '- monitor backup (would remove; use --prune)',
          'applied vigil.yaml: 0 created, 0 updated, 4 unchanged, 1 to remove',
        ]);
        assert.deepEqual(formatReport(await apply(smaller, { prune: true, dryRun: true })).slice(0, 1), ['- monitor backup (would remove)']);
        assert.ok(await db.selectFrom('monitors').select('id').where('id', '=', backup.id).executeTakeFirst());
        assert.deepEqual(formatReport(await apply(smaller, { prune: true })), [
          '- monitor backup (removed)',
          'applied vigil.yaml: 0 created, 0 updated, 4 unchanged, 1 removed',
        ]);
        assert.equal(await db.selectFrom('monitors').select('id').where('id', '=', backup.id).executeTakeFirst(), undefined);
        assert.equal((await db.selectFrom('monitor_results').select('monitor_id').where('monitor_id', '=', backup.id).execute()).length, 0);
        const audit = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', backup.id).orderBy('id').execute();
        assert.deepEqual(audit.map((a) => a.action), ['monitor.create', 'monitor.delete']);

        // Removing the whole section's entries with an empty list; a monitor without a key is never touched.
        const keyless = await createMonitor(ctx, { type: 'heartbeat', name: 'Manual' }, VIEW);
        await apply(FILE.replace(/monitors:[^]*$/, 'monitors: []\n'), { prune: true });
        assert.deepEqual((await db.selectFrom('monitors').select('id').execute()).map((r) => r.id), [keyless.id]);
      }));

    test('without a components section, a monitor\'s component is found by key in the database', () =>
      withConfigDatabase(dialect, async ({ ctx, database, apply, dump }) => {
        const api = await createComponent(ctx, { name: 'API', key: 'api' });
        await apply('monitors:\n  - key: m\n    name: M\n    type: heartbeat\n    component: api\n');
        const row = await database.db.selectFrom('monitors').selectAll().where('key', '=', 'm').executeTakeFirstOrThrow();
        assert.equal(row.component_id, api.id);

        const before = await dump();
        await assert.rejects(apply('monitors:\n  - key: m\n    name: M\n    type: heartbeat\n\n  - key: n\n    name: N\n    type: heartbeat\n    component: nope\n'), (err: unknown) => {
          assert.ok(err instanceof ConfigFileError);
          assert.deepEqual(err.lines(), ['vigil.yaml:9: monitors[1].component: no component with key "nope" in the database']);
          return true;
        });
        assert.deepEqual(await dump(), before);
      }));

    test('a monitor\'s type cannot change through the file', () =>
      withConfigDatabase(dialect, async ({ apply, dump }) => {
        await apply(FILE);
        const before = await dump();
        await assert.rejects(apply(FILE.replace('    type: tcp\n', '    type: dns\n').replace('    port: 5432\n', '')), (err: unknown) => {
          assert.ok(err instanceof ConfigFileError);
          assert.deepEqual(err.lines(), [
            'vigil.yaml:20: monitors[2].type: monitor "db-port" is a tcp monitor in the database and a monitor\'s type cannot change; give this one another key',
          ]);
          return true;
        });
        assert.deepEqual(await dump(), before);
      }));
  });
}
