import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { httpOptions } from '../../services/monitors/check-options.js';
import { freePort } from '../../lib/free-port.js';
import { createHttpCheck, httpCheck, statusMatches } from './http.js';
import { serve, testContext, waitUntil } from './net.test-support.js';
import type { Running } from './net.test-support.js';
import { testCertificates } from './certs.test-support.js';

const HUGE = 50 * 1024 * 1024;
let plain: Running;
let secure: Running;
let expiredTls: Running;
let wrongHostTls: Running;
let hugeBytesWritten = 0;
let hugeClosed = false;

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/ok':
      return void res.end('all systems ok');
    case '/down':
      res.statusCode = 503;
      return void res.end('maintenance');
    case '/json':
      res.setHeader('content-type', 'application/json');
      return void res.end(JSON.stringify({ status: 'ok', checks: [{ name: 'db', latency: 12 }], healthy: true }));
    case '/backtrack':
      return void res.end('a'.repeat(40) + 'b');
    case '/slow':
      return void setTimeout(() => res.end('late but ok'), 400);
    case '/hang':
      return; // never answers
    case '/echo': {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res.end(`${req.method} ${req.headers['x-token'] ?? '-'} ${Buffer.concat(chunks).toString()}`));
      return;
    }
    case '/redirect':
      res.writeHead(302, { location: '/ok' });
      return void res.end();
    case '/loop-a':
      res.writeHead(301, { location: '/loop-b' });
      return void res.end();
    case '/loop-b':
      res.writeHead(301, { location: '/loop-a' });
      return void res.end();
    case '/chain': {
      const n = Number(url.searchParams.get('n') ?? '0');
      res.writeHead(302, { location: `/chain?n=${n + 1}` });
      return void res.end();
    }
    case '/reset':
      res.writeHead(200, { 'content-length': '100000' });
      res.write('partial body…');
      return void setTimeout(() => req.socket.destroy(), 50);
    case '/huge': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      res.on('close', () => (hugeClosed = true));
      const pump = (): void => {
        while (hugeBytesWritten < HUGE && !res.destroyed) {
          const piece = hugeBytesWritten === 0 ? Buffer.concat([Buffer.from('HEALTHY '), chunk]) : chunk;
          hugeBytesWritten += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      return pump();
    }
    default:
      res.statusCode = 404;
      res.end('not found');
  }
}

before(async () => {
  const certs = testCertificates();
  plain = await serve(http.createServer(handler));
  secure = await serve(https.createServer({ key: certs.valid.key, cert: certs.valid.cert }, handler));
  expiredTls = await serve(https.createServer({ key: certs.expired.key, cert: certs.expired.cert }, handler));
  wrongHostTls = await serve(https.createServer({ key: certs.wrongHost.key, cert: certs.wrongHost.cert }, handler));
});

after(async () => {
  await Promise.all([plain.close(), secure.close(), expiredTls.close(), wrongHostTls.close()]);
});

const base = (): string => `http://127.0.0.1:${plain.port}`;

async function check(options: Record<string, unknown>, timeoutMs = 3000, checker = httpCheck) {
  return checker.run({ id: 'm1', options: httpOptions.parse(options), interval_seconds: 60 }, testContext(timeoutMs));
}

test('status patterns: codes, ranges and classes', () => {
  assert.equal(statusMatches(200, 200), true);
  assert.equal(statusMatches(204, '200-299'), true);
  assert.equal(statusMatches(302, '200-299'), false);
  assert.equal(statusMatches(404, '4xx'), true);
  assert.equal(statusMatches(500, '4xx'), false);
  assert.equal(statusMatches(201, '201'), true);
});

test('a healthy page is up, with status, timings and latency', async () => {
  const r = await check({ url: `${base()}/ok` });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.equal(r.reason, null);
  assert.equal(r.detail?.status_code, 200);
  assert.ok(typeof r.latency_ms === 'number' && r.latency_ms >= 0);
  assert.ok(typeof r.timings?.connect_ms === 'number');
  assert.ok(typeof r.timings?.first_byte_ms === 'number');
});

test('a host name is resolved and the lookup is timed', async () => {
  const r = await check({ url: `http://localhost:${plain.port}/ok` });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.ok(typeof r.timings?.dns_ms === 'number');
});

test('an unexpected status fails with both the expectation and the answer', async () => {
  const r = await check({ url: `${base()}/down` });
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'expected status 200-399, got 503');
  assert.equal(r.detail?.status_code, 503);
  const accepted = await check({ url: `${base()}/down`, expected_status: [200, '5xx'] });
  assert.equal(accepted.ok, true);
});

test('keyword present and absent', async () => {
  assert.equal((await check({ url: `${base()}/ok`, keyword: 'ok' })).ok, true);
  const missing = await check({ url: `${base()}/ok`, keyword: 'healthy' });
  assert.equal(missing.reason, 'keyword "healthy" not found in the first 1048576 bytes');
  assert.equal((await check({ url: `${base()}/ok`, keyword: 'error', keyword_absent: true })).ok, true);
  const present = await check({ url: `${base()}/ok`, keyword: 'ok', keyword_absent: true });
  assert.equal(present.ok, false);
  assert.match(present.reason ?? '', /keyword "ok" found .* must be absent/);
});

test('regex present and absent', async () => {
  assert.equal((await check({ url: `${base()}/ok`, regex: 'systems\\s+ok$' })).ok, true);
  const miss = await check({ url: `${base()}/ok`, regex: '^down' });
  assert.match(miss.reason ?? '', /regex \/\^down\/ did not match/);
  assert.equal((await check({ url: `${base()}/ok`, regex: '^down', regex_absent: true })).ok, true);
  assert.equal((await check({ url: `${base()}/ok`, regex: 'ok', regex_absent: true })).ok, false);
});

test('a catastrophic regex gives up quickly instead of hanging the process', async () => {
  const started = Date.now();
  const r = await check({ url: `${base()}/backtrack`, regex: '^(a+)+$' });
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /regular expression gave up after \d+ ms/);
  assert.ok(Date.now() - started < 5000);
});

test('JSON path: equal value, existence, mismatch, missing path, not JSON', async () => {
  assert.equal((await check({ url: `${base()}/json`, json_path: '$.status', json_expected: 'ok' })).ok, true);
  assert.equal((await check({ url: `${base()}/json`, json_path: '$.checks[0].latency', json_expected: 12 })).ok, true);
  assert.equal((await check({ url: `${base()}/json`, json_path: '$.healthy', json_expected: 'true' })).ok, true);
  assert.equal((await check({ url: `${base()}/json`, json_path: "$.checks[0]['name']" })).ok, true);
  const wrong = await check({ url: `${base()}/json`, json_path: '$.status', json_expected: 'degraded' });
  assert.equal(wrong.reason, 'JSON path $.status is "ok", expected "degraded"');
  const missing = await check({ url: `${base()}/json`, json_path: '$.checks[3]' });
  assert.equal(missing.reason, 'JSON path $.checks[3] not found in the response');
  const notJson = await check({ url: `${base()}/ok`, json_path: '$.status' });
  assert.equal(notJson.reason, 'response is not valid JSON');
});

test('slower than max_response_ms fails and says how slow', async () => {
  const r = await check({ url: `${base()}/slow`, max_response_ms: 100 });
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /^response took \d+ ms, over the 100 ms limit$/);
});

test('a server that never answers times out in the first-byte phase', async () => {
  const r = await check({ url: `${base()}/hang` }, 400);
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'timed out after 400 ms while waiting for the first byte');
});

test('a 50 MB body is read only up to max_body_bytes and the connection is dropped', async () => {
  const started = Date.now();
  const r = await check({ url: `${base()}/huge`, keyword: 'HEALTHY', max_body_bytes: 65536 }, 10_000);
  assert.equal(r.ok, true, r.reason ?? '');
  assert.equal(r.detail?.body_bytes, 65536);
  assert.equal(r.detail?.truncated, true);
  await waitUntil(() => hugeClosed);
  assert.ok(hugeBytesWritten < HUGE / 2, `server wrote ${hugeBytesWritten} bytes`);
  assert.ok(Date.now() - started < 8000);
});

test('redirects: followed, looping, limited, or not followed', async () => {
  const followed = await check({ url: `${base()}/redirect`, keyword: 'ok', expected_status: [200] });
  assert.equal(followed.ok, true, followed.reason ?? '');
  assert.equal(followed.detail?.redirects, 1);
  assert.equal(followed.detail?.final_url, `${base()}/ok`);

  const loop = await check({ url: `${base()}/loop-a` });
  assert.equal(loop.ok, false);
  assert.match(loop.reason ?? '', /^redirect loop: .*\/loop-b redirects back to .*\/loop-a$/);

  const chain = await check({ url: `${base()}/chain`, max_redirects: 3 });
  assert.match(chain.reason ?? '', /^too many redirects \(more than 3\)/);

  const off = await check({ url: `${base()}/redirect`, follow_redirects: false, expected_status: [200] });
  assert.equal(off.reason, 'expected status 200, got 302');
  assert.equal((await check({ url: `${base()}/redirect`, follow_redirects: false })).ok, true);
});

test('method, headers and body are sent', async () => {
  const r = await check({ url: `${base()}/echo`, method: 'POST', headers: { 'X-Token': 'abc' }, body: 'ping=1', keyword: 'POST abc ping=1' });
  assert.equal(r.ok, true, r.reason ?? '');
});

test('https: verification against a trusted CA, an untrusted one, and verification off', async () => {
  const url = `https://127.0.0.1:${secure.port}/ok`;
  const trusting = createHttpCheck({ ca: [testCertificates().ca] });
  const valid = await check({ url, keyword: 'ok' }, 3000, trusting);
  assert.equal(valid.ok, true, valid.reason ?? '');
  assert.ok(typeof valid.timings?.tls_ms === 'number');

  const untrusted = await check({ url });
  assert.equal(untrusted.ok, false);
  assert.match(untrusted.reason ?? '', /^TLS: /);

  const unverified = await check({ url, verify_tls: false });
  assert.equal(unverified.ok, true, unverified.reason ?? '');

  const expired = await check({ url: `https://127.0.0.1:${expiredTls.port}/ok` }, 3000, trusting);
  assert.equal(expired.reason, 'TLS: certificate has expired');

  const wrongHost = await check({ url: `https://localhost:${wrongHostTls.port}/ok` }, 3000, trusting);
  assert.equal(wrongHost.reason, 'TLS: certificate is not valid for localhost (it covers DNS:other.example.test)');
});

test('a connection reset mid-response fails', async () => {
  const r = await check({ url: `${base()}/reset` });
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /connection (closed|reset)/);
});

test('a refused connection fails with the code', async () => {
  const r = await check({ url: `http://127.0.0.1:${await freePort()}/` });
  assert.equal(r.reason, 'connection refused (ECONNREFUSED)');
});

test('an aborted signal stops the check promptly', async () => {
  const controller = new AbortController();
  const pending = httpCheck.run({ id: 'm1', options: httpOptions.parse({ url: `${base()}/hang` }), interval_seconds: 60 }, testContext(10_000, controller.signal));
  setTimeout(() => controller.abort(), 50);
  const r = await pending;
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'the check was cancelled');
});
