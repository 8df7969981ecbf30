import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer } from 'node:net';
import { createServer } from 'node:tls';
import { tlsOptions } from '../../services/monitors/check-options.js';
import { freePort } from '../../lib/free-port.js';
import { createTlsCheck, expiryWarning, tlsCheck } from './tls.js';
import { testCertificates } from './certs.test-support.js';
import type { KeyAndCert } from './certs.test-support.js';
import { serve, testContext } from './net.test-support.js';
import type { Running } from './net.test-support.js';

const servers: Record<string, Running> = {};
const trusting = createTlsCheck({ ca: [testCertificates().ca] });

before(async () => {
  const certs = testCertificates();
  const tlsServer = (pair: KeyAndCert) => serve(createServer({ key: pair.key, cert: pair.cert }, (s) => s.end()));
  servers.valid = await tlsServer(certs.valid);
  servers.expiring = await tlsServer(certs.expiringIn5Days);
  servers.expired = await tlsServer(certs.expired);
  servers.notYetValid = await tlsServer(certs.notYetValid);
  servers.wrongHost = await tlsServer(certs.wrongHost);
  servers.selfSigned = await tlsServer(certs.selfSigned);
  servers.garbage = await serve(createTcpServer((s) => s.end('220 smtp.example.test ESMTP ready\r\n')));
  servers.silent = await serve(createTcpServer(() => {}));
});

after(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

async function check(options: Record<string, unknown>, checker = trusting, timeoutMs = 3000) {
  return checker.run({ id: 'm1', options: tlsOptions.parse(options), interval_seconds: 3600 }, testContext(timeoutMs));
}

test('a valid certificate from a trusted CA: days left, issuer, no warning', async () => {
  const r = await check({ host: '127.0.0.1', port: servers.valid!.port });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.equal(r.warning, null);
  assert.ok((r.detail?.days_left as number) >= 364);
  assert.equal(r.detail?.issuer, 'CN=Vigil Test CA, O=Vigil Test');
  assert.match(String(r.detail?.valid_to), /^\d{4}-\d\d-\d\dT/);
  assert.ok(typeof r.timings?.tls_ms === 'number');
  // By name too (SNI and name match).
  assert.equal((await check({ host: 'localhost', port: servers.valid!.port })).ok, true);
});

test('expiring in 5 days: up, with a warning at the smallest threshold above', async () => {
  const r = await check({ host: 'localhost', port: servers.expiring!.port });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.equal(r.warning, 'certificate expires in 5 days (threshold 7)');
  assert.equal(r.detail?.days_left, 5);
  assert.equal(r.detail?.warn_threshold, 7);
  const quiet = await check({ host: 'localhost', port: servers.expiring!.port, warn_days: [3] });
  assert.equal(quiet.warning, null);
});

test('warning thresholds', () => {
  assert.deepEqual(expiryWarning(5, [30, 14, 7, 1]), { warning: 'certificate expires in 5 days (threshold 7)', threshold: 7 });
  assert.deepEqual(expiryWarning(1, [30, 14, 7, 1]), { warning: 'certificate expires in 1 day (threshold 1)', threshold: 1 });
  assert.equal(expiryWarning(31, [30, 14]), null);
  assert.equal(expiryWarning(0, [7])?.warning, 'certificate expires today (threshold 7)');
});

test('expired', async () => {
  const r = await check({ host: 'localhost', port: servers.expired!.port });
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /^TLS: certificate expired on \d{4}-\d\d-\d\dT.* \(2 days ago\)$/);
  assert.ok((r.detail?.days_left as number) < 0);
});

test('not yet valid', async () => {
  const r = await check({ host: 'localhost', port: servers.notYetValid!.port });
  assert.match(r.reason ?? '', /^TLS: certificate is not valid until /);
});

test('wrong host', async () => {
  const r = await check({ host: 'localhost', port: servers.wrongHost!.port });
  assert.equal(r.reason, 'TLS: certificate is not valid for localhost (it covers DNS:other.example.test)');
});

test('self-signed, and a CA nobody trusts', async () => {
  const selfSigned = await check({ host: 'localhost', port: servers.selfSigned!.port });
  assert.equal(selfSigned.reason, 'TLS: self-signed certificate');
  const untrusted = await check({ host: 'localhost', port: servers.valid!.port }, tlsCheck);
  assert.equal(untrusted.ok, false);
  assert.match(untrusted.reason ?? '', /^TLS: untrusted certificate chain/);
});

test('a server that does not speak TLS', async () => {
  const r = await check({ host: '127.0.0.1', port: servers.garbage!.port });
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /^TLS handshake failed: /);
});

test('refused and silent servers', async () => {
  const refused = await check({ host: '127.0.0.1', port: await freePort() });
  assert.equal(refused.reason, 'connection refused (ECONNREFUSED)');
  const silent = await check({ host: '127.0.0.1', port: servers.silent!.port }, trusting, 300);
  assert.equal(silent.reason, 'timed out after 300 ms while negotiating TLS');
});
