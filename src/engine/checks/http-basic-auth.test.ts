// basic_auth on http monitors: sent as an Authorization header, unless the
// monitor sets that header itself.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { httpOptions } from '../../services/monitors/check-options.js';
import { httpCheck } from './http.js';
import { serve, testContext, type Running } from './net.test-support.js';

let server: Running;
before(async () => {
  server = await serve(http.createServer((req, res) => res.end(`auth=${req.headers.authorization ?? '-'}`)));
});
after(() => server.close());

const run = (options: Record<string, unknown>) =>
  httpCheck.run({ id: 'm1', options: httpOptions.parse({ url: `http://127.0.0.1:${server.port}/`, ...options }), interval_seconds: 60 }, testContext());

test('basic_auth is sent as "Authorization: Basic base64(user:password)"', async () => {
  const expected = `auth=Basic ${Buffer.from('bot:pä:ss', 'utf8').toString('base64')}`;
  const r = await run({ basic_auth: { username: 'bot', password: 'pä:ss' }, keyword: expected });
  assert.equal(r.ok, true, r.reason ?? '');
});

test('an Authorization header of the monitor\'s own wins over basic_auth', async () => {
  const r = await run({ basic_auth: { username: 'bot', password: 'x' }, headers: { authorization: 'Bearer t' }, keyword: 'auth=Bearer t' });
  assert.equal(r.ok, true, r.reason ?? '');
});

test('a username with ":" is refused', () => {
  assert.equal(httpOptions.safeParse({ url: 'https://a.test/', basic_auth: { username: 'a:b', password: 'x' } }).success, false);
});
