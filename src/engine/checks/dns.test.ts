import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dnsOptions } from '../../services/monitors/check-options.js';
import { freePort } from '../../lib/free-port.js';
import { dnsCheck } from './dns.js';
import { startDnsServer } from './dns-server.test-support.js';
import type { DnsServer } from './dns-server.test-support.js';
import { testContext } from './net.test-support.js';

let server: DnsServer;

before(async () => {
  server = await startDnsServer(
    {
      'example.test': {
        A: ['192.0.2.10', '192.0.2.11'],
        AAAA: ['2001:db8::1'],
        TXT: ['v=spf1 -all', ['google-site-', 'verification=abc']],
        MX: [
          { priority: 10, exchange: 'mail.example.test' },
          { priority: 20, exchange: 'backup.example.test' },
        ],
      },
      'www.example.test': { CNAME: 'example.test' },
      'empty.example.test': {},
    },
    { silent: ['slow.example.test'] },
  );
});

after(async () => {
  await server.close();
});

async function check(options: Record<string, unknown>, timeoutMs = 2000) {
  return dnsCheck.run({ id: 'm1', options: dnsOptions.parse({ resolver: server.address, ...options }), interval_seconds: 60 }, testContext(timeoutMs));
}

test('A records: answers are listed and expected ones found', async () => {
  const r = await check({ host: 'example.test', expected: ['192.0.2.11'] });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.deepEqual(r.detail?.answers, ['192.0.2.10', '192.0.2.11']);
  assert.ok(typeof r.latency_ms === 'number');
});

test('AAAA compares canonical addresses', async () => {
  const r = await check({ host: 'example.test', record_type: 'AAAA', expected: ['2001:DB8:0::1'] });
  assert.equal(r.ok, true, r.reason ?? '');
});

test('TXT: multi-string records are joined', async () => {
  const r = await check({ host: 'example.test', record_type: 'TXT', expected: ['v=spf1 -all', 'google-site-verification=abc'] });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.deepEqual(r.detail?.answers, ['v=spf1 -all', 'google-site-verification=abc']);
});

test('MX: "priority exchange" or just the exchange, any case, trailing dot', async () => {
  const r = await check({ host: 'Example.Test.', record_type: 'MX', expected: ['10 mail.example.test', 'BACKUP.example.test.'] });
  assert.equal(r.ok, true, r.reason ?? '');
  assert.deepEqual(r.detail?.answers, ['10 mail.example.test', '20 backup.example.test']);
  const wrongPriority = await check({ host: 'example.test', record_type: 'MX', expected: ['20 mail.example.test'] });
  assert.equal(wrongPriority.ok, false);
});

test('CNAME', async () => {
  const r = await check({ host: 'www.example.test', record_type: 'CNAME', expected: ['example.test.'] });
  assert.equal(r.ok, true, r.reason ?? '');
});

test('an expected answer that is missing fails and lists what came back', async () => {
  const r = await check({ host: 'example.test', expected: ['192.0.2.10', '192.0.2.99'] });
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'expected A "192.0.2.99" not among the answers (192.0.2.10, 192.0.2.11)');
});

test('NXDOMAIN and NODATA', async () => {
  const nx = await check({ host: 'missing.example.test' });
  assert.equal(nx.reason, 'missing.example.test does not exist (NXDOMAIN)');
  const nodata = await check({ host: 'empty.example.test', record_type: 'TXT' });
  assert.equal(nodata.reason, 'no TXT records for empty.example.test');
});

test('a resolver that never answers times out within the check timeout', async () => {
  const started = Date.now();
  const r = await check({ host: 'slow.example.test' }, 600);
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'DNS query timed out after 600 ms');
  assert.ok(Date.now() - started < 3000);
});

test('a resolver port with nobody listening fails', async () => {
  const r = await check({ host: 'example.test', resolver: `127.0.0.1:${await freePort()}` }, 600);
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /DNS query timed out|could not reach the resolver/);
});
