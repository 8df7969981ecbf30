// The request log never carries a heartbeat ping token: real requests through
// the real app, with the process logger writing into memory.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { systemClock } from '../lib/clock.js';
import { createMonitor } from '../services/monitors/createMonitor.js';
import type { ServiceContext } from '../services/context.js';
import { DIALECTS, openTestDatabase } from '../test/databases.test-support.js';
import { buildApp } from '../web/app.js';
import { createLogger, redactPingTokens } from './logger.js';
import { defaultMonitorGuard } from '../outbound/guards.js';

test('redactPingTokens hides the token in every ping URL form and leaves the rest', () => {
  assert.equal(redactPingTokens('/ping/abcDEF_123-xyz0000'), '/ping/[redacted]');
  assert.equal(redactPingTokens('GET /ping/abcDEF_123-xyz0000/fail?x=1'), 'GET /ping/[redacted]/fail?x=1');
  assert.equal(redactPingTokens('no route for GET /ping/abcDEF_123-xyz0000/4/5'), 'no route for GET /ping/[redacted]/4/5');
  assert.equal(redactPingTokens('//ping//tok'), '//ping//[redacted]');
  assert.equal(redactPingTokens('/api/v1/monitors'), '/api/v1/monitors');
});

for (const dialect of DIALECTS) {
  describe(`the request log on ${dialect}`, () => {
    test('has no ping token for successes, failures, exit codes, bad codes or unknown paths', async () => {
      const { database, close } = await openTestDatabase(dialect);
      const lines: string[] = [];
      const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
      const app = await buildApp({ db: database.db, clock: systemClock, logger, public: false });
      try {
        const ctx: ServiceContext = { db: database.db, clock: systemClock, actor: { type: 'cli', id: null, name: 'test' } };
        const monitor = await createMonitor(ctx, { type: 'heartbeat', name: 'Backup', interval_seconds: 3600 }, { publicUrl: 'http://localhost:3000', outbound: defaultMonitorGuard() });
        const token = monitor.ping_url!.split('/').pop()!;
        await app.listen({ host: '127.0.0.1', port: 0 });
        const address = app.server.address();
        assert.ok(address && typeof address === 'object');
        const base = `http://127.0.0.1:${address.port}`;
        const statuses: number[] = [];
        for (const path of ['', '/fail', '/3', '/999', '/4/5', '?from=cron']) {
          statuses.push((await fetch(`${base}/ping/${token}${path}`, { method: 'POST' })).status);
        }
        assert.deepEqual(statuses, [200, 200, 200, 400, 404, 200]);
        await app.close();

        const log = lines.join('');
        assert.ok(!log.includes(token), log);
        const urls = lines.map((l) => JSON.parse(l) as { req?: { url?: string } }).flatMap((l) => (l.req?.url ? [l.req.url] : []));
        assert.deepEqual(urls, [
          '/ping/[redacted]',
          '/ping/[redacted]/fail',
          '/ping/[redacted]/3',
          '/ping/[redacted]/999',
          '/ping/[redacted]/4/5',
          '/ping/[redacted]?from=cron',
        ]);
      } finally {
        await app.close();
        await close();
      }
    });
  });
}
