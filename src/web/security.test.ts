// Authentication before the body, failed-authentication throttling, proxy
// trust and the security headers, through the real HTTP server on loopback.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { ManualClock } from '../lib/clock.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { useSecureApp, type SecureApp } from '../test/secure-app.test-support.js';

const NOW = '2026-05-04T10:00:00.000Z';

async function send(app: SecureApp, method: string, path: string, init: { key?: string | null; body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(app.base + path, { method, headers, body: init.body });
  const text = await res.text();
  const body = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  return { status: res.status, headers: res.headers, body };
}

function assertBaseHeaders(headers: Headers, what: string): void {
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(headers.get('referrer-policy'), 'strict-origin-when-cross-origin', what);
  assert.match(headers.get('content-security-policy') ?? '', /(^|; )frame-ancestors 'none'($|;)/, what);
}

for (const dialect of DIALECTS) {
  describe(`admin API authentication on ${dialect}`, () => {
    const clock = new ManualClock(NOW);
    const app = useSecureApp(dialect, clock);

    test('a request without a valid key is refused before its body is read: huge, malformed or not JSON', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) });
      const cases: [string, { key?: string | null; body: string; headers?: Record<string, string> }][] = [
        ['huge body, no key', { body: huge }],
        ['huge body, unknown key', { key: 'vgl_neverissued', body: huge }],
        ['malformed JSON, no key', { body: '{"name":' }],
        ['not JSON, no key', { body: '<x/>', headers: { 'content-type': 'application/xml' } }],
      ];
      for (const [what, init] of cases) {
        const res = await send(app, 'POST', '/api/v1/components', init);
        assert.equal(res.status, 401, what);
        assert.equal(res.body.error.code, 'UNAUTHENTICATED', what);
      }
      // A key whose scope is too small is refused before the body as well.
      const readKey = await send(app, 'POST', '/api/v1/components', { key: app.keys.read, body: '{"name":' });
      assert.equal(readKey.status, 403);
      // With a valid key the body is parsed as before.
      assert.equal((await send(app, 'POST', '/api/v1/components', { key: app.keys.admin, body: '{"name":' })).status, 400);
      assert.equal((await send(app, 'POST', '/api/v1/components', { key: app.keys.admin, body: huge })).status, 413);
      clock.advance(60_000);
    });

    test('after 20 failed authentications from one address the next are 429 with Retry-After; valid keys still pass', async () => {
      const bad = 'vgl_guessedguessedguessed';
      for (let i = 1; i <= 20; i++) {
        const res = await send(app, 'GET', '/api/v1/components', i % 2 ? { key: bad } : { key: null });
        assert.equal(res.status, 401, `failure ${i}`);
      }
      const limited = await send(app, 'GET', '/api/v1/components', { key: bad });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'RATE_LIMITED');
      assert.equal(limited.headers.get('retry-after'), '60');
      assert.equal(limited.headers.get('cache-control'), 'no-store');
      // Valid keys are neither counted nor refused.
      for (let i = 0; i < 25; i++) assert.equal((await send(app, 'GET', '/api/v1/components', { key: app.keys.admin })).status, 200);

      clock.advance(45_000);
      const later = await send(app, 'POST', '/api/v1/components', { body: '{"name":"x"}' });
      assert.equal(later.status, 429);
      assert.equal(later.headers.get('retry-after'), '15');
      clock.advance(15_000);
      assert.equal((await send(app, 'GET', '/api/v1/components', { key: bad })).status, 401, 'a new window');

      const warnings = app.logs().filter((l) => l.msg === 'failed authentication');
      assert.ok(warnings.length >= 20);
      for (const line of warnings) {
        assert.equal(line.level, 40, 'warn');
        assert.equal(line.address, '127.0.0.1');
      }
      const everything = JSON.stringify(app.logs());
      assert.ok(!everything.includes(bad), 'the key sent is never logged');
      assert.ok(!everything.includes(app.keys.admin));
      assert.equal(app.logs().filter((l) => /too many failed authentications/.test(String(l.msg))).length, 1, 'one line per limited window');
      clock.advance(60_000);
    });

    test('X-Forwarded-For is ignored without VIGIL_TRUST_PROXY: every failure counts against the peer address', async () => {
      for (let i = 1; i <= 20; i++) {
        const res = await send(app, 'GET', '/api/v1/components', { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
        assert.equal(res.status, 401);
      }
      assert.equal((await send(app, 'GET', '/api/v1/components', { headers: { 'x-forwarded-for': '198.51.100.99' } })).status, 429);
      clock.advance(60_000);
    });
  });

  describe(`behind a trusted reverse proxy on ${dialect}`, () => {
    const clock = new ManualClock(NOW);
    const app = useSecureApp(dialect, clock, {
      security: { trustProxy: ['127.0.0.1'], frameAncestors: 'https://intranet.example.test' },
      public: { publicUrl: 'https://status.example.test' },
    });

    test('the client address comes from X-Forwarded-For: limits are per client, not per proxy', async () => {
      const client = { 'x-forwarded-for': '203.0.113.7' };
      for (let i = 1; i <= 20; i++) assert.equal((await send(app, 'GET', '/api/v1/components', { headers: client })).status, 401);
      assert.equal((await send(app, 'GET', '/api/v1/components', { headers: client })).status, 429);
      assert.equal((await send(app, 'GET', '/api/v1/components', { headers: { 'x-forwarded-for': '203.0.113.8' } })).status, 401, 'another client');
      const limited = app.logs().find((l) => /too many/.test(String(l.msg)));
      assert.equal(limited?.address, '203.0.113.7');
    });

    test('an https public URL adds Strict-Transport-Security; frame-ancestors is configurable', async () => {
      for (const path of ['/', '/api/v2/summary.json', '/history.atom', '/api/v1/components', '/no-such-page']) {
        const res = await send(app, 'GET', path, { key: app.keys.admin });
        assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000', path);
        assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/intranet\.example\.test$/, path);
      }
    });
  });

  describe(`security headers on ${dialect}`, () => {
    const clock = new ManualClock(NOW);
    const app = useSecureApp(dialect, clock);

    test('the status page carries its CSP as a header: its style hash, and frame-ancestors', async () => {
      for (const path of ['/', '/history']) {
        const res = await send(app, 'GET', path);
        assert.equal(res.status, 200);
        assertBaseHeaders(res.headers, path);
        assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS on an http public URL');
        const csp = res.headers.get('content-security-policy')!;
        const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(res.body)?.[1];
        assert.ok(meta, 'the page still declares its policy');
        assert.equal(csp, `${meta}; frame-ancestors 'none'`);
        // The hash in the header is the hash of the page's own stylesheet.
        const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)![1]!;
        assert.ok(csp.includes(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`), csp);
        assert.doesNotMatch(csp, /script-src|unsafe-inline/);
      }
      // Compressed and 304 answers carry the same headers.
      const br = await fetch(`${app.base}/`, { headers: { 'accept-encoding': 'br' } });
      assertBaseHeaders(br.headers, 'br');
      const notModified = await fetch(`${app.base}/`, { headers: { 'if-none-match': br.headers.get('etag')! } });
      assert.equal(notModified.status, 304);
      assertBaseHeaders(notModified.headers, '304');
    });

    test('the v2 API, the feeds and public 404s carry them too', async () => {
      for (const path of ['/api/v2/summary.json', '/history.atom', '/history.rss', '/incidents/nosuchincident']) {
        const res = await send(app, 'GET', path);
        assertBaseHeaders(res.headers, path);
        assert.match(res.headers.get('content-security-policy')!, /^default-src 'none'/, path);
      }
      const options = await fetch(`${app.base}/api/v2/summary.json`, { method: 'OPTIONS' });
      assertBaseHeaders(options.headers, 'preflight');
    });

    test('admin API answers, successes and errors alike, are no-store with the same headers', async () => {
      const component = await send(app, 'POST', '/api/v1/components', { key: app.keys.admin, body: '{"name":"Headers"}' });
      assert.equal(component.status, 201);
      const answers = [
        component,
        await send(app, 'GET', '/api/v1/components', { key: app.keys.admin }),
        await send(app, 'GET', '/api/v1/components/nosuchcomponent', { key: app.keys.admin }),
        await send(app, 'POST', '/api/v1/components', { key: app.keys.admin, body: '{}' }),
        await send(app, 'POST', '/api/v1/components', { key: app.keys.admin, body: '{"name":' }),
        await send(app, 'GET', '/api/v1/components'),
        await send(app, 'GET', '/api/v1/no-such-route', { key: app.keys.admin }),
        await send(app, 'DELETE', `/api/v1/components/${component.body.id}`, { key: app.keys.admin }),
        await send(app, 'GET', '/api/v1/openapi.json'),
      ];
      assert.deepEqual(answers.map((a) => a.status), [201, 200, 404, 422, 400, 401, 404, 204, 200]);
      for (const res of answers) {
        assert.equal(res.headers.get('cache-control'), 'no-store', String(res.status));
        assertBaseHeaders(res.headers, String(res.status));
      }
    });

    test('other Fastify answers (404s, health, pings) carry nosniff, referrer policy and CSP', async () => {
      for (const path of ['/healthz', '/no/such/thing', `/ping/${'A'.repeat(32)}`]) {
        const res = await send(app, 'GET', path);
        assertBaseHeaders(res.headers, path);
      }
    });
  });
}
