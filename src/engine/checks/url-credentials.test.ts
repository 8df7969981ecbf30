// A monitor URL may carry `user:password@`. A relative redirect keeps them in the
// resolved URL, so results (reason, detail.final_url) must show URLs without them:
// those reach the API, the log and incident text.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { httpOptions } from '../../services/monitors/check-options.js';
import { httpCheck } from './http.js';
import { serve, testContext, type Running } from './net.test-support.js';

let server: Running;
before(async () => {
  server = await serve(
    http.createServer((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/done' }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else res.end('ok');
    }),
  );
});
after(() => server.close());

const run = (path: string) =>
  httpCheck.run({ id: 'm1', options: httpOptions.parse({ url: `http://bot:hunter2@127.0.0.1:${server.port}${path}` }), interval_seconds: 60 }, testContext());

test('a followed redirect reports its final URL without the credentials', async () => {
  const r = await run('/start');
  assert.equal(r.ok, true, r.reason ?? '');
  assert.equal(r.detail?.final_url, `http://127.0.0.1:${server.port}/done`);
  assert.doesNotMatch(JSON.stringify(r), /hunter2/);
});

test('a redirect loop names the URLs without the credentials', async () => {
  const r = await run('/loop');
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /redirect loop/);
  assert.doesNotMatch(JSON.stringify(r), /hunter2/);
});
