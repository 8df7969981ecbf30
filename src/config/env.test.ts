import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, parseRoles } from './env.js';
import { MONITOR_DENY, STRICT_DENY } from '../domain/outbound-policy.js';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected loadConfig to throw');
}

describe('loadConfig', () => {
  test('uses the documented defaults for an empty environment', () => {
    assert.deepEqual(loadConfig({}), {
      databaseUrl: './data/vigil.db',
      databaseDialect: 'sqlite',
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      bodyLimit: 1048576,
      roles: ['web', 'scheduler', 'worker'],
      publicCache: { maxAge: 10, staleWhileRevalidate: 60 },
      monitoring: {
        concurrency: 1000,
        stormThreshold: 5,
        stormWindowSeconds: 120,
        groupWaitSeconds: 20,
        retention: { results_days: 30, minute_days: 45, hour_days: 400, day_days: 1825 },
      },
      security: { trustProxy: false, frameAncestors: "'none'", metricsToken: null, metricsPort: null },
      outbound: { deny: STRICT_DENY, monitorDeny: MONITOR_DENY, allow: [], importMaxBytes: 52428800 },
      notify: { smtpUrl: null, mailFrom: 'Vigil <vigil@localhost>', smtpPool: 5, httpConcurrency: 50, maxAttempts: 12, disableAfterDays: 3 },
    });
  });

  test('reads every variable', () => {
    const config = loadConfig({
      VIGIL_DATABASE_URL: 'postgres://vigil:secret@db.internal:5432/vigil',
      PORT: '8080',
      HOST: '127.0.0.1',
      VIGIL_PUBLIC_URL: 'https://status.example.com/',
      VIGIL_LOG_LEVEL: 'debug',
      VIGIL_BODY_LIMIT: '2048',
      VIGIL_ROLES: 'scheduler, web',
      VIGIL_PUBLIC_MAX_AGE: '0',
      VIGIL_PUBLIC_STALE_WHILE_REVALIDATE: '300',
      VIGIL_MONITOR_CONCURRENCY: '200',
      VIGIL_STORM_THRESHOLD: '10',
      VIGIL_STORM_WINDOW_SECONDS: '300',
      VIGIL_STORM_GROUP_WAIT_SECONDS: '0',
      VIGIL_RESULTS_RETENTION_DAYS: '7',
      VIGIL_MINUTE_ROLLUP_RETENTION_DAYS: '14',
      VIGIL_HOUR_ROLLUP_RETENTION_DAYS: '90',
      VIGIL_DAY_ROLLUP_RETENTION_DAYS: '3650',
    });
    assert.equal(config.databaseDialect, 'postgres');
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'https://status.example.com');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.bodyLimit, 2048);
    assert.deepEqual(config.roles, ['web', 'scheduler']);
    assert.deepEqual(config.publicCache, { maxAge: 0, staleWhileRevalidate: 300 });
    assert.deepEqual(config.monitoring, {
      concurrency: 200,
      stormThreshold: 10,
      stormWindowSeconds: 300,
      groupWaitSeconds: 0,
      retention: { results_days: 7, minute_days: 14, hour_days: 90, day_days: 3650 },
    });
  });

  test('the default public URL follows PORT', () => {
    assert.equal(loadConfig({ PORT: '4000' }).publicUrl, 'http://localhost:4000');
  });

  test('accepts SQLite as a path or a sqlite: URL', () => {
    assert.equal(loadConfig({ VIGIL_DATABASE_URL: 'sqlite:/var/lib/vigil.db' }).databaseDialect, 'sqlite');
    assert.equal(loadConfig({ VIGIL_DATABASE_URL: '/var/lib/vigil.db' }).databaseDialect, 'sqlite');
    assert.equal(loadConfig({ VIGIL_DATABASE_URL: 'postgresql://localhost/vigil' }).databaseDialect, 'postgres');
  });

  test('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ PORT: '', VIGIL_ROLES: ' ' }).port, 3000);
  });

  test('names the variable and the problem in one line', () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{ PORT: 'abc' }, 'PORT: must be an integer from 1 to 65535, got "abc"'],
      [{ VIGIL_STORM_THRESHOLD: '1' }, 'VIGIL_STORM_THRESHOLD: must be an integer from 2 to 100000, got "1"'],
      [{ VIGIL_RESULTS_RETENTION_DAYS: '0' }, 'VIGIL_RESULTS_RETENTION_DAYS: must be an integer from 1 to 3650, got "0"'],
      [{ PORT: '0' }, 'PORT: must be an integer from 1 to 65535, got "0"'],
      [{ PORT: '70000' }, 'PORT: must be an integer from 1 to 65535, got "70000"'],
      [{ PORT: '80.5' }, 'PORT: must be an integer from 1 to 65535, got "80.5"'],
      [{ VIGIL_PUBLIC_URL: 'status.example.com' }, 'VIGIL_PUBLIC_URL: must be an absolute http:// or https:// URL, got "status.example.com"'],
      [{ VIGIL_PUBLIC_URL: 'ftp://example.com' }, 'VIGIL_PUBLIC_URL: must be an absolute http:// or https:// URL, got "ftp://example.com"'],
      [{ VIGIL_LOG_LEVEL: 'loud' }, 'VIGIL_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
      [{ VIGIL_BODY_LIMIT: '1mb' }, 'VIGIL_BODY_LIMIT: must be an integer from 1 to 1073741824, got "1mb"'],
      [{ VIGIL_ROLES: 'web,cron' }, 'VIGIL_ROLES: must be a comma-separated list of web, scheduler, worker, got "web,cron"'],
      [{ HOST: 'a b' }, 'HOST: must be a host name or IP address, got "a b"'],
      [{ VIGIL_PUBLIC_MAX_AGE: '-1' }, 'VIGIL_PUBLIC_MAX_AGE: must be an integer from 0 to 86400, got "-1"'],
      [{ VIGIL_PUBLIC_STALE_WHILE_REVALIDATE: '1w' }, 'VIGIL_PUBLIC_STALE_WHILE_REVALIDATE: must be an integer from 0 to 604800, got "1w"'],
    ];
    for (const [env, message] of cases) {
      const err = errorOf(env);
      assert.equal(err.message, message);
      assert.doesNotMatch(err.message, /\n/);
    }
  });

  test('reads the SMTP server and sender, and refuses other URLs without echoing a password', () => {
    const config = loadConfig({ VIGIL_SMTP_URL: 'smtps://mailer:s3cret@mail.example.com:465', VIGIL_MAIL_FROM: 'Acme Status <status@acme.test>', VIGIL_SMTP_POOL: '10' });
    assert.deepEqual([config.notify.smtpUrl, config.notify.mailFrom, config.notify.smtpPool], ['smtps://mailer:s3cret@mail.example.com:465', 'Acme Status <status@acme.test>', 10]);
    const wrong = errorOf({ VIGIL_SMTP_URL: 'http://mailer:s3cret@mail.example.com' });
    assert.equal(wrong.message, 'VIGIL_SMTP_URL: must start with smtp:// or smtps://, not http://');
    assert.doesNotMatch(errorOf({ VIGIL_SMTP_URL: 'mailer:s3cret' }).message, /s3cret/);
    assert.match(errorOf({ VIGIL_MAIL_FROM: 'nobody' }).message, /^VIGIL_MAIL_FROM: must be an address such as status@example\.com/);
  });

  test('rejects an unsupported database URL without echoing a password', () => {
    const err = errorOf({ VIGIL_DATABASE_URL: 'mysql://root:hunter2@db/vigil' });
    assert.match(err.message, /^VIGIL_DATABASE_URL: unsupported database URL scheme/);
    assert.doesNotMatch(err.message, /hunter2/);
    assert.match(errorOf({ VIGIL_DATABASE_URL: 'sqlite:' }).message, /^VIGIL_DATABASE_URL: must name a SQLite file/);
  });

  test('reports every bad variable at once', () => {
    const err = errorOf({ PORT: 'x', VIGIL_LOG_LEVEL: 'y' });
    assert.deepEqual(err.issues.map((i) => i.variable), ['PORT', 'VIGIL_LOG_LEVEL']);
    assert.match(err.message, /^PORT: .*; VIGIL_LOG_LEVEL: /);
  });
});

describe('parseRoles', () => {
  test('keeps a canonical order without duplicates', () => {
    assert.deepEqual(parseRoles('worker,web,web'), ['web', 'worker']);
  });
  test('names the flag it came from', () => {
    assert.throws(() => parseRoles('', '--roles'), /^ConfigError: --roles: must be a comma-separated list/);
  });
});
