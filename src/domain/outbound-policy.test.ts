import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyHost, judgeAddress, judgeName, MONITOR_DENY, parseIp, parsePolicyList, parseRule, STRICT_DENY, type OutboundPolicy } from './outbound-policy.js';

const strict: OutboundPolicy = { deny: STRICT_DENY, allow: [] };
const monitors: OutboundPolicy = { deny: MONITOR_DENY, allow: [] };

function refusedBy(policy: OutboundPolicy, address: string): string | null {
  const ip = parseIp(address);
  assert.ok(ip, `${address} parses`);
  return judgeAddress(policy, ip)?.rule ?? null;
}

describe('outbound policy: parsing hosts', () => {
  test('every numeric IPv4 form getaddrinfo and URL parsers accept means the same address', () => {
    for (const form of ['127.0.0.1', '2130706433', '0x7f000001', '0X7F000001', '0177.0.0.1', '0177.0.0.01', '127.1', '127.0.1', '0x7f.1', '0x7f.0.0.0x1', '127.0.0.1.']) {
      assert.equal(parseIp(form)?.text, '127.0.0.1', form);
    }
    assert.equal(parseIp('0')?.text, '0.0.0.0');
    assert.equal(parseIp('4294967295')?.text, '255.255.255.255');
    for (const notIp of ['4294967296', '256.0.0.1', '1.2.3.4.5', '08.1.1.1', '1..2', 'example.com', '127.0.0.1x', '']) {
      assert.equal(parseIp(notIp), null, notIp);
    }
  });

  test('IPv6: brackets, zones, compression, an IPv4 tail, canonical text', () => {
    assert.equal(parseIp('[::1]')?.text, '::1');
    assert.equal(parseIp('fe80::1%eth0')?.text, 'fe80::1');
    assert.equal(parseIp('FD00:0EC2:0000:0000:0000:0000:0000:0254')?.text, 'fd00:ec2::254');
    assert.equal(parseIp('::ffff:127.0.0.1')?.text, '::ffff:7f00:1');
    assert.equal(parseIp('[::ffff:169.254.169.254]')?.text, '::ffff:a9fe:a9fe');
    assert.equal(parseIp('1:0:0:2:0:0:0:3')?.text, '1:0:0:2::3');
    for (const bad of [':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '::ffff:300.1.1.1', '12345::']) assert.equal(parseIp(bad), null, bad);
  });

  test('a host is an IP literal in any form, or a name in lower case without its trailing dot', () => {
    assert.deepEqual(classifyHost('Metadata.Google.Internal.'), { kind: 'name', name: 'metadata.google.internal' });
    const literal = classifyHost('0x7f000001');
    assert.equal(literal.kind === 'ip' && literal.ip.text, '127.0.0.1');
  });
});

describe('outbound policy: the strict default (webhooks, import)', () => {
  test('every denied range, named by its rule', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', '127.0.0.0/8'],
      ['127.255.255.254', '127.0.0.0/8'],
      ['10.1.2.3', '10.0.0.0/8'],
      ['172.16.0.1', '172.16.0.0/12'],
      ['172.31.255.255', '172.16.0.0/12'],
      ['192.168.1.1', '192.168.0.0/16'],
      ['100.64.0.1', '100.64.0.0/10'],
      ['100.127.255.255', '100.64.0.0/10'],
      ['169.254.169.254', '169.254.0.0/16'],
      ['169.254.1.1', '169.254.0.0/16'],
      ['0.0.0.0', '0.0.0.0/8'],
      ['0.1.2.3', '0.0.0.0/8'],
      ['224.0.0.1', '224.0.0.0/4'],
      ['239.255.255.250', '224.0.0.0/4'],
      ['255.255.255.255', '240.0.0.0/4'],
      ['192.0.2.10', '192.0.2.0/24'],
      ['198.51.100.10', '198.51.100.0/24'],
      ['203.0.113.10', '203.0.113.0/24'],
      ['100.100.100.200', '100.100.100.200/32'],
      ['192.0.0.192', '192.0.0.192/32'],
      ['::1', '::1/128'],
      ['::', '::/128'],
      ['fe80::1', 'fe80::/10'],
      ['fd00:ec2::254', 'fd00:ec2::254/128'],
      ['fc00::1', 'fc00::/7'],
      ['fdff::1', 'fc00::/7'],
      ['ff02::1', 'ff00::/8'],
      ['2001:db8::1', '2001:db8::/32'],
    ];
    for (const [address, rule] of cases) assert.equal(refusedBy(strict, address), rule, address);
  });

  test('public addresses pass', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(refusedBy(strict, address), null, address);
    }
  });

  test('IPv4-mapped and NAT64 IPv6 are judged by the IPv4 address they reach', () => {
    assert.equal(judgeAddress(strict, parseIp('::ffff:169.254.169.254')!)?.message, 'address ::ffff:a9fe:a9fe (169.254.169.254) is in the denied range 169.254.0.0/16 (link-local, cloud metadata)');
    assert.equal(refusedBy(strict, '::ffff:7f00:1'), '127.0.0.0/8');
    assert.equal(refusedBy(strict, '64:ff9b::a9fe:a9fe'), '169.254.0.0/16');
    assert.equal(refusedBy(monitors, '::ffff:169.254.169.254'), '169.254.0.0/16');
  });

  test('the refusal is a sentence naming the address and the rule', () => {
    assert.equal(judgeAddress(strict, parseIp('169.254.169.254')!)?.message, 'address 169.254.169.254 is in the denied range 169.254.0.0/16 (link-local, cloud metadata)');
    assert.equal(judgeAddress(strict, parseIp('0x7f000001')!)?.message, 'address 127.0.0.1 is in the denied range 127.0.0.0/8 (loopback)');
    assert.equal(judgeAddress(strict, parseIp('127.0.0.1')!, 'localhost')?.message, 'localhost resolves to 127.0.0.1, which is in the denied range 127.0.0.0/8 (loopback)');
  });

  test('metadata host names are denied by name', () => {
    for (const name of ['metadata.google.internal', 'METADATA.google.internal.', 'metadata']) {
      const verdict = judgeName(strict, name);
      assert.equal(verdict.verdict, 'denied', name);
    }
    assert.deepEqual(judgeName(strict, 'metadata.google.internal'), {
      verdict: 'denied',
      refusal: { rule: 'metadata.google.internal', label: 'cloud metadata', message: 'host name metadata.google.internal is denied (cloud metadata)' },
    });
    assert.equal(judgeName(strict, 'status.example.com').verdict, 'check-addresses');
  });
});

describe('outbound policy: the monitor default', () => {
  test('allows loopback, private, CGNAT and unique-local; denies metadata, link-local, unspecified, multicast, broadcast', () => {
    for (const address of ['127.0.0.1', '10.0.0.5', '172.20.1.1', '192.168.1.1', '100.64.0.1', '::1', 'fd12::1', '192.0.2.1']) {
      assert.equal(refusedBy(monitors, address), null, address);
    }
    const denied: [string, string][] = [
      ['169.254.169.254', '169.254.0.0/16'],
      ['fd00:ec2::254', 'fd00:ec2::254/128'],
      ['100.100.100.200', '100.100.100.200/32'],
      ['0.0.0.0', '0.0.0.0/8'],
      ['::', '::/128'],
      ['fe80::1', 'fe80::/10'],
      ['224.0.0.251', '224.0.0.0/4'],
      ['ff02::fb', 'ff00::/8'],
      ['255.255.255.255', '240.0.0.0/4'],
    ];
    for (const [address, rule] of denied) assert.equal(refusedBy(monitors, address), rule, address);
    assert.equal(judgeName(monitors, 'metadata.google.internal').verdict, 'denied');
  });
});

describe('outbound policy: settings', () => {
  test('allow rules win over deny rules, by range or by name', () => {
    const policy: OutboundPolicy = { deny: STRICT_DENY, allow: parsePolicyList('127.0.0.1, status.internal', []).rules };
    assert.equal(refusedBy(policy, '127.0.0.1'), null);
    assert.equal(refusedBy(policy, '::ffff:127.0.0.1'), null);
    assert.equal(refusedBy(policy, '127.0.0.2'), '127.0.0.0/8');
    assert.equal(judgeName(policy, 'Status.Internal').verdict, 'allowed');
  });

  test('lists: CIDRs, addresses, names, *.domains, `default`, `strict`, `none`; problems are reported', () => {
    const list = parsePolicyList('default, 10.0.0.0/8, 10.9.8.7/8, 2001:db8::1, *.corp.example, ', MONITOR_DENY);
    assert.deepEqual(list.problems, []);
    assert.deepEqual(list.rules.slice(MONITOR_DENY.length).map((r) => r.text), ['10.0.0.0/8', '10.0.0.0/8', '2001:db8::1', '*.corp.example']);
    const policy: OutboundPolicy = { deny: list.rules, allow: [] };
    assert.equal(refusedBy(policy, '10.2.3.4'), '10.0.0.0/8');
    assert.equal(judgeName(policy, 'db.corp.example').verdict, 'denied');
    assert.equal(judgeName(policy, 'corp.example').verdict, 'denied');
    assert.equal(judgeName(policy, 'notcorp.example').verdict, 'check-addresses');
    assert.equal(parsePolicyList('strict', MONITOR_DENY).rules.length, STRICT_DENY.length);
    assert.deepEqual(parsePolicyList('none', MONITOR_DENY).rules, []);
    assert.deepEqual(parsePolicyList('10.0.0.0/33, what?/8, bad name!', []).problems, [
      '"10.0.0.0/33": the prefix must be at most 32',
      '"what?/8" is not a CIDR range such as 10.0.0.0/8 or fd00::/8',
      '"bad name!" is not a CIDR range, an IP address or a host name',
    ]);
    // ::/0 is every IPv6 address, and only those.
    const everyV6: OutboundPolicy = { deny: [parseRule('::/0') as Exclude<ReturnType<typeof parseRule>, string>], allow: [] };
    assert.equal(judgeAddress(everyV6, parseIp('2606:4700::1')!)?.rule, '::/0');
    assert.equal(judgeAddress(everyV6, parseIp('93.184.216.34')!), null);
  });
});
