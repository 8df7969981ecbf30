// Every check type connects through the outbound guard: refused literals,
// names resolving to denied addresses and redirects to them fail the run
// with "refused by outbound policy: …", and nothing reaches the target.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { parsePolicyList, STRICT_DENY, MONITOR_DENY } from '../../domain/outbound-policy.js';
import { createOutboundGuard, type ResolveAll } from '../../outbound/guard.js';
import { dnsOptions, httpOptions, statuspageOptions, tcpOptions, tlsOptions } from '../../services/monitors/check-options.js';
import { dnsCheck } from './dns.js';
import { httpCheck } from './http.js';
import { statuspageCheck } from './statuspage.js';
import { tcpCheck } from './tcp.js';
import { tlsCheck } from './tls.js';
import { serve, testContext, type Running } from './net.test-support.js';

const names: Record<string, string> = { 'ok.test': '127.0.0.1', 'next.test': '127.0.0.2', 'meta.test': '169.254.169.254' };
const resolveAll: ResolveAll = async (name) => {
  const address = names[name];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};
// Strict, with exactly one loopback address permitted: the suite's first server.
const onlyFirst = createOutboundGuard({ deny: STRICT_DENY, allow: parsePolicyList('127.0.0.1', []).rules }, { resolveAll });
const monitorDefault = createOutboundGuard({ deny: MONITOR_DENY, allow: [] }, { resolveAll });
const ctx = (outbound = onlyFirst) => ({ ...testContext(2000), outbound });

describe('checks under the outbound policy', () => {
  let first: Running;
  let second: Running;
  const reached: string[] = [];
  before(async () => {
    first = await serve(
      http.createServer((req, res) => {
        reached.push(`first ${req.url} host=${req.headers.host}`);
        const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
        if (to) return void res.writeHead(302, { location: to }).end();
        res.end('ok');
      }),
    );
    // A second loopback address: denied, because only 127.0.0.1 is allowed.
    const server = http.createServer((req, res) => {
      reached.push(`second ${req.url}`);
      res.end('secret');
    });
    second = await new Promise<Running>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.2', () => {
        const port = (server.address() as { port: number }).port;
        resolve({ port, sockets: new Set(), close: () => new Promise<void>((done) => server.close(() => done())) });
      });
    });
  });
  after(async () => {
    await first.close();
    await second.close();
  });

  const runHttp = (url: string, outbound = onlyFirst) => httpCheck.run({ id: 'm', options: httpOptions.parse({ url }), interval_seconds: 60 }, ctx(outbound));

  test('a redirect to a denied address is refused at that hop; the target is never reached', async () => {
    reached.length = 0;
    const r = await runHttp(`http://127.0.0.1:${first.port}/?to=${encodeURIComponent(`http://127.0.0.2:${second.port}/steal`)}`);
    assert.equal(r.ok, false);
    assert.equal(r.reason, 'refused by outbound policy: address 127.0.0.2 is in the denied range 127.0.0.0/8 (loopback)');
    assert.deepEqual(reached.map((l) => l.split(' ')[0]), ['first']);
  });

  test('a redirect to a name that resolves to a denied address is refused too', async () => {
    reached.length = 0;
    const r = await runHttp(`http://127.0.0.1:${first.port}/?to=${encodeURIComponent(`http://next.test:${second.port}/steal`)}`);
    assert.equal(r.reason, 'refused by outbound policy: next.test resolves to 127.0.0.2, which is in the denied range 127.0.0.0/8 (loopback)');
    assert.deepEqual(reached.map((l) => l.split(' ')[0]), ['first']);
  });

  test('a permitted name connects to the checked address and keeps its Host header', async () => {
    reached.length = 0;
    const r = await runHttp(`http://ok.test:${first.port}/hello`);
    assert.equal(r.ok, true, r.reason ?? '');
    assert.deepEqual(reached, [`first /hello host=ok.test:${first.port}`]);
  });

  test('literal and named targets of every check type are refused with the rule', async () => {
    const meta = 'refused by outbound policy: address 169.254.169.254 is in the denied range 169.254.0.0/16 (link-local, cloud metadata)';
    assert.equal((await runHttp('http://[::ffff:169.254.169.254]/latest/meta-data/', monitorDefault)).reason,
      'refused by outbound policy: address ::ffff:a9fe:a9fe (169.254.169.254) is in the denied range 169.254.0.0/16 (link-local, cloud metadata)');
    assert.equal((await runHttp('http://0x7f000002:1/')).reason, 'refused by outbound policy: address 127.0.0.2 is in the denied range 127.0.0.0/8 (loopback)');
    const tcp = await tcpCheck.run({ id: 'm', options: tcpOptions.parse({ host: 'meta.test', port: 80 }), interval_seconds: 60 }, ctx(monitorDefault));
    assert.equal(tcp.reason, 'refused by outbound policy: meta.test resolves to 169.254.169.254, which is in the denied range 169.254.0.0/16 (link-local, cloud metadata)');
    const tcpNumeric = await tcpCheck.run({ id: 'm', options: tcpOptions.parse({ host: '0xa9fea9fe', port: 80 }), interval_seconds: 60 }, ctx(monitorDefault));
    assert.equal(tcpNumeric.reason, meta);
    const tls = await tlsCheck.run({ id: 'm', options: tlsOptions.parse({ host: '::ffff:169.254.169.254' }), interval_seconds: 60 }, ctx(monitorDefault));
    assert.match(tls.reason ?? '', /^refused by outbound policy: address ::ffff:a9fe:a9fe \(169\.254\.169\.254\) is in the denied range 169\.254\.0\.0\/16/);
    const dns = await dnsCheck.run({ id: 'm', options: dnsOptions.parse({ host: 'example.com', resolver: '169.254.169.254' }), interval_seconds: 60 }, ctx(monitorDefault));
    assert.equal(dns.reason, `refused by outbound policy: resolver ${meta.replace('refused by outbound policy: ', '')}`);
    const page = await statuspageCheck.run({ id: 'm', options: statuspageOptions.parse({ url: 'http://metadata.google.internal/' }), interval_seconds: 60 }, ctx(monitorDefault));
    assert.equal(page.reason, 'refused by outbound policy: host name metadata.google.internal is denied (cloud metadata)');
  });
});
