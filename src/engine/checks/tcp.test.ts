import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { tcpOptions } from '../../services/monitors/check-options.js';
import { freePort } from '../../lib/free-port.js';
import { tcpCheck } from './tcp.js';
import { serve, testContext, waitUntil } from './net.test-support.js';
import type { Running } from './net.test-support.js';

let banner: Running;
let echo: Running;
let silent: Running;

before(async () => {
  banner = await serve(createServer((s) => s.write('SSH-2.0-OpenSSH_9.6\r\n')));
  // Answers the first line it receives with "+PONG", like a Redis PING.
  echo = await serve(createServer((s) => s.once('data', (d) => s.end(d.toString().startsWith('PING') ? '+PONG\r\n' : '-ERR unknown\r\n'))));
  silent = await serve(createServer(() => {}));
});

after(async () => {
  await Promise.all([banner.close(), echo.close(), silent.close()]);
});

async function check(options: Record<string, unknown>, timeoutMs = 3000) {
  return tcpCheck.run({ id: 'm1', options: tcpOptions.parse(options), interval_seconds: 60 }, testContext(timeoutMs));
}

test('an open port is up, with the connect time', async () => {
  const r = await check({ host: '127.0.0.1', port: silent.port });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.ok(typeof r.timings?.connect_ms === 'number');
  assert.equal(r.detail?.address, '127.0.0.1');
  // The check closed its connection.
  await waitUntil(() => silent.sockets.size === 0);
});

test('a host name is resolved first', async () => {
  const r = await check({ host: 'localhost', port: banner.port, expect: 'SSH-2.0' });
  assert.equal(r.ok, true, r.reason ?? '');
});

test('a refused port fails', async () => {
  const r = await check({ host: '127.0.0.1', port: await freePort() });
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'connection refused (ECONNREFUSED)');
});

test('banner match and mismatch', async () => {
  assert.equal((await check({ host: '127.0.0.1', port: banner.port, expect: 'SSH-2.0' })).ok, true);
  const wrong = await check({ host: '127.0.0.1', port: banner.port, expect: 'SMTP' }, 500);
  assert.equal(wrong.ok, false);
  assert.equal(wrong.reason, 'timed out after 500 ms while waiting for "SMTP", got "SSH-2.0-OpenSSH_9.6\\r\\n" so far');
});

test('send then expect', async () => {
  assert.equal((await check({ host: '127.0.0.1', port: echo.port, send: 'PING\r\n', expect: '+PONG' })).ok, true);
  const wrong = await check({ host: '127.0.0.1', port: echo.port, send: 'HELLO\r\n', expect: '+PONG' });
  assert.equal(wrong.ok, false);
  assert.equal(wrong.reason, 'expected "+PONG", got "-ERR unknown\\r\\n"');
});

test('a peer that never speaks times out waiting for the banner', async () => {
  const r = await check({ host: '127.0.0.1', port: silent.port, expect: 'SSH' }, 300);
  assert.equal(r.reason, 'timed out after 300 ms while waiting for "SSH"');
});
