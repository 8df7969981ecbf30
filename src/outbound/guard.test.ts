import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config/env.js';
import { parsePolicyList, STRICT_DENY } from '../domain/outbound-policy.js';
import { createOutboundGuard, OutboundRefusedError, type ResolveAll } from './guard.js';
import { createOutboundGuards } from './guards.js';

const strict = { deny: STRICT_DENY, allow: [] };

/** A resolver stand-in: answers from the table and counts the questions. */
function table(answers: Record<string, string[]>): ResolveAll & { asked: string[] } {
  const asked: string[] = [];
  const fn = async (name: string) => {
    asked.push(name);
    const list = answers[name];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(fn, { asked });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OutboundRefusedError, String(err));
    return err.message;
  }
  return assert.fail('expected a refusal');
}

describe('outbound guard', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.headers.host}`);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a name is refused when ANY address it resolves to is denied', async () => {
    const guard = createOutboundGuard(strict, { resolveAll: table({ 'mixed.test': ['93.184.216.34', '169.254.169.254'] }) });
    assert.equal(await refusal(guard.resolve('mixed.test')), 'mixed.test resolves to 169.254.169.254, which is in the denied range 169.254.0.0/16 (link-local, cloud metadata)');
  });

  test('real localhost is refused under a policy that denies loopback', async () => {
    const guard = createOutboundGuard(strict);
    assert.match(await refusal(guard.resolve('localhost')), /^localhost resolves to (127\.0\.0\.1|::1), which is in the denied range (127\.0\.0\.0\/8|::1\/128) \(loopback\)$/);
  });

  test('literals in numeric and IPv4-mapped forms are refused before any lookup', async () => {
    const resolver = table({});
    const guard = createOutboundGuard(strict, { resolveAll: resolver });
    assert.throws(() => guard.target('2130706433'), /address 127\.0\.0\.1 is in the denied range 127\.0\.0\.0\/8 \(loopback\)/);
    assert.throws(() => guard.target('[::ffff:169.254.169.254]'), /169\.254\.0\.0\/16/);
    assert.throws(() => guard.target('metadata.google.internal'), /host name metadata\.google\.internal is denied \(cloud metadata\)/);
    assert.deepEqual(resolver.asked, []);
  });

  test('the socket connects to the address that was checked: one lookup, so rebinding cannot switch it', async () => {
    // First answer permitted (loopback allowed for this test), every later answer denied.
    let calls = 0;
    const rebinding: ResolveAll = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '169.254.169.254', family: 4 }]);
    const guard = createOutboundGuard({ deny: STRICT_DENY, allow: parsePolicyList('127.0.0.1', []).rules }, { resolveAll: rebinding });
    const target = guard.target('rebind.test');
    const remote = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: target.host, port, lookup: target.lookup }, () => {
        resolve(socket.remoteAddress ?? '');
        socket.destroy();
      });
      socket.on('error', reject);
    });
    assert.equal(remote, '127.0.0.1');
    assert.equal(calls, 1);
  });

  test('a refusal from the lookup reaches the socket as its error, and nothing connects', async () => {
    const guard = createOutboundGuard(strict, { resolveAll: table({ 'internal.test': ['127.0.0.1'] }) });
    const target = guard.target('internal.test');
    const before = seen.length;
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const socket = connect({ host: target.host, port, lookup: target.lookup }, () => resolve(new Error('connected')));
      socket.on('error', resolve);
    });
    assert.equal(err.code, 'ERR_OUTBOUND_REFUSED');
    assert.equal(err.message, 'internal.test resolves to 127.0.0.1, which is in the denied range 127.0.0.0/8 (loopback)');
    assert.equal(seen.length, before);
  });

  test('vet: a refusal names the rule; a name that does not resolve now is accepted', async () => {
    const guard = createOutboundGuard(strict, { resolveAll: table({ 'meta.test': ['fd00:ec2::254'] }) });
    assert.equal((await guard.vet('meta.test'))?.message, 'meta.test resolves to fd00:ec2::254, which is in the denied range fd00:ec2::254/128 (cloud metadata)');
    assert.equal(await guard.vet('nowhere.test'), null);
    assert.equal((await guard.vet('0x7f000001'))?.rule, '127.0.0.0/8');
  });

  test('configuration: strict and monitor defaults, replaced or extended lists, allow for both', () => {
    const defaults = createOutboundGuards(loadConfig({}).outbound);
    assert.throws(() => defaults.strict.target('10.0.0.1'), /RFC 1918/);
    assert.equal(defaults.monitors.target('10.0.0.1').host, '10.0.0.1');
    assert.throws(() => defaults.monitors.target('169.254.169.254'), /cloud metadata/);

    const config = loadConfig({ VIGIL_MONITOR_OUTBOUND_DENY: 'default, 10.0.0.0/8', VIGIL_OUTBOUND_ALLOW: '127.0.0.1', VIGIL_IMPORT_MAX_BYTES: '2048' });
    const guards = createOutboundGuards(config.outbound);
    assert.throws(() => guards.monitors.target('10.1.1.1'), /10\.0\.0\.0\/8/);
    assert.throws(() => guards.monitors.target('169.254.169.254'), /cloud metadata/);
    assert.equal(guards.strict.target('127.0.0.1').host, '127.0.0.1');
    assert.equal(guards.monitors.target('127.0.0.1').host, '127.0.0.1');
    assert.equal(config.outbound.importMaxBytes, 2048);
    assert.equal(loadConfig({}).outbound.importMaxBytes, 50 * 1024 * 1024);
    assert.throws(() => loadConfig({ VIGIL_OUTBOUND_DENY: '10.0.0.0/40' }), /VIGIL_OUTBOUND_DENY: "10\.0\.0\.0\/40": the prefix must be at most 32/);
  });
});
