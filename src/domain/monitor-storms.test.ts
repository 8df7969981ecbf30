import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_STORM_POLICY,
  describeSharedCause,
  detectStorm,
  networkOf,
  sharedCause,
  type DownTransition,
} from './monitor-storms.js';

const NOW = Date.UTC(2024, 2, 10, 16, 9, 0);
const SEC = 1000;

function down(i: number, over: Partial<DownTransition> = {}): DownTransition {
  return { monitor_id: `mon${i}`, name: `Monitor ${i}`, at: NOW - i * SEC, host: `h${i}.example.com`, address: `192.0.${i}.10`, upstream: null, ...over };
}
const many = (n: number, over: (i: number) => Partial<DownTransition> = () => ({})) =>
  Array.from({ length: n }, (_, i) => down(i, over(i)));

test('defaults: 5 monitors within 2 minutes', () => {
  assert.deepEqual({ ...DEFAULT_STORM_POLICY }, { threshold: 5, window_ms: 120_000 });
});

test('fewer monitors than the threshold are not a storm', () => {
  assert.equal(detectStorm(many(4), DEFAULT_STORM_POLICY, NOW), null);
  assert.equal(detectStorm([], DEFAULT_STORM_POLICY, NOW), null);
});

test('five monitors DOWN within the window are a storm, ordered by when they went down', () => {
  const storm = detectStorm(many(5), DEFAULT_STORM_POLICY, NOW);
  assert.ok(storm);
  assert.deepEqual(storm.members, ['mon4', 'mon3', 'mon2', 'mon1', 'mon0']);
  assert.equal(storm.since, NOW - 4 * SEC);
  assert.equal(storm.shared_cause, null, 'different hosts and networks, no upstream');
});

test('only the window ending now counts; transitions after now are ignored', () => {
  const downs = [
    ...many(4),
    down(10, { at: NOW - 120 * SEC }), // exactly at the window's start: in
    down(11, { at: NOW - 121 * SEC }), // before it: out
    down(12, { at: NOW + SEC }), // in the future: out
  ];
  const storm = detectStorm(downs, DEFAULT_STORM_POLICY, NOW);
  assert.ok(storm);
  assert.deepEqual(storm.members.sort(), ['mon0', 'mon1', 'mon10', 'mon2', 'mon3']);
  assert.equal(storm.since, NOW - 120 * SEC);
  // Two seconds later the earliest has slid out and the one that was in the future is in.
  const later = detectStorm(downs, DEFAULT_STORM_POLICY, NOW + 2 * SEC);
  assert.deepEqual(later?.members, ['mon3', 'mon2', 'mon1', 'mon0', 'mon12']);
});

test('a monitor that went DOWN twice counts once, from its first DOWN', () => {
  const downs = [...many(4), down(0, { at: NOW - 90 * SEC })];
  assert.equal(detectStorm(downs, DEFAULT_STORM_POLICY, NOW), null);
  const storm = detectStorm([...downs, down(7)], DEFAULT_STORM_POLICY, NOW);
  assert.ok(storm);
  assert.equal(storm.members.length, 5);
  assert.equal(storm.members[0], 'mon0');
  assert.equal(storm.since, NOW - 90 * SEC);
});

test('a custom policy', () => {
  assert.ok(detectStorm(many(2), { threshold: 2, window_ms: 10 * SEC }, NOW));
  assert.equal(detectStorm(many(3), { threshold: 3, window_ms: SEC }, NOW), null);
});

test('all on one host: host, case and trailing dot ignored', () => {
  const storm = detectStorm(many(6, (i) => ({ host: i % 2 ? 'API.internal.' : 'api.internal' })), DEFAULT_STORM_POLICY, NOW);
  assert.deepEqual(storm?.shared_cause, { kind: 'host', value: 'api.internal', matched: 6, total: 6 });
  assert.equal(describeSharedCause(storm!.shared_cause!), 'all on host api.internal');
});

test('a clear majority (≥ 80%) names the host; less does not', () => {
  const nine = sharedCause(many(10, (i) => ({ host: i < 9 ? 'db.internal' : 'other', address: null })));
  assert.deepEqual(nine, { kind: 'host', value: 'db.internal', matched: 9, total: 10 });
  assert.equal(describeSharedCause(nine!), '9 of 10 on host db.internal');
  assert.deepEqual(sharedCause(many(5, (i) => ({ host: i < 4 ? 'db' : null, address: null })))?.kind, 'host', '4 of 5 is 80%');
  assert.equal(sharedCause(many(10, (i) => ({ host: i < 7 ? 'db' : null, address: null }))), null, '7 of 10 is not enough');
});

test('same /24 network when the hosts differ', () => {
  const cause = sharedCause(many(5, (i) => ({ address: `10.1.2.${i + 1}` })));
  assert.deepEqual(cause, { kind: 'network', value: '10.1.2.0/24', matched: 5, total: 5 });
  assert.equal(describeSharedCause(cause!), 'all in network 10.1.2.0/24');
  const v6 = sharedCause(many(5, (i) => ({ address: `2001:db8:0:7::${i + 1}` })));
  assert.deepEqual(v6, { kind: 'network', value: '2001:db8:0:7::/64', matched: 5, total: 5 });
});

test('host beats network, network beats upstream, upstream explains the rest', () => {
  const onHost = many(5, (i) => ({ host: 'api.internal', address: `10.1.2.${i}`, upstream: i === 0 ? 'status.example.com' : null }));
  assert.equal(sharedCause(onHost)?.kind, 'host');
  const inNetwork = many(5, (i) => ({ address: `10.1.2.${i}`, upstream: i === 0 ? 'status.example.com' : null }));
  assert.equal(sharedCause(inNetwork)?.kind, 'network');
  const spread = many(12, (i) => ({ upstream: i === 3 ? 'Status.Example.com' : null }));
  const cause = sharedCause(spread);
  assert.deepEqual(cause, { kind: 'upstream', value: 'status.example.com' });
  assert.equal(describeSharedCause(cause!), 'upstream provider status.example.com reports an outage');
  const twoUpstreams = many(6, (i) => ({ upstream: i === 1 ? 'a.example' : i >= 4 ? 'b.example' : null }));
  assert.equal(sharedCause(twoUpstreams)?.value, 'b.example', 'the upstream most members watch');
});

test('a single member or unknown hosts name no host or network', () => {
  assert.equal(sharedCause([]), null);
  assert.equal(sharedCause([down(1)]), null);
  assert.equal(sharedCause(many(5, () => ({ host: null, address: null }))), null);
  assert.equal(sharedCause(many(5, () => ({ host: '  ', address: 'not-an-ip' }))), null);
});

test('networkOf', () => {
  assert.equal(networkOf('10.1.2.3'), '10.1.2.0/24');
  assert.equal(networkOf('255.255.255.255'), '255.255.255.0/24');
  assert.equal(networkOf('2001:0DB8:0001:0002:0003:0004:0005:0006'), '2001:db8:1:2::/64');
  assert.equal(networkOf('[2001:db8::1]'), '2001:db8::/64');
  assert.equal(networkOf('fe80::1%eth0'), 'fe80::/64');
  assert.equal(networkOf('::1'), '::/64');
  assert.equal(networkOf('::ffff:10.1.2.3'), '10.1.2.0/24', 'IPv4-mapped');
  assert.equal(networkOf('64:ff9b::10.1.2.3'), '64:ff9b::/64');
  assert.equal(networkOf('1:0:0:2:3:4:5:6'), '1:0:0:2::/64', 'only the longest zero run is compressed');
  for (const bad of [null, '', 'example.com', '1.2.3', '1.2.3.256', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7']) {
    assert.equal(networkOf(bad), null, String(bad));
  }
});
