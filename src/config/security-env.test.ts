import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './env.js';

function problem(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

describe('security settings', () => {
  test('VIGIL_TRUST_PROXY: false, true, a hop count, or addresses and CIDRs', () => {
    const trust = (value: string) => loadConfig({ VIGIL_TRUST_PROXY: value }).security.trustProxy;
    assert.equal(trust('false'), false);
    assert.equal(trust('0'), false);
    assert.equal(trust('TRUE'), true);
    assert.equal(trust('2'), 2);
    assert.deepEqual(trust('10.0.0.0/8, 192.168.1.10,fd00::/8'), ['10.0.0.0/8', '192.168.1.10', 'fd00::/8']);
    assert.deepEqual(trust('loopback,uniquelocal'), ['loopback', 'uniquelocal']);
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', 'proxy.internal', '10.0.0.1/8/1']) {
      assert.match(problem({ VIGIL_TRUST_PROXY: bad }), /VIGIL_TRUST_PROXY.*hop count/, bad);
    }
  });

  test('VIGIL_FRAME_ANCESTORS: none by default, or self and origins; quotes optional', () => {
    const fa = (value: string) => loadConfig({ VIGIL_FRAME_ANCESTORS: value }).security.frameAncestors;
    assert.equal(loadConfig({}).security.frameAncestors, "'none'");
    assert.equal(fa('none'), "'none'");
    assert.equal(fa("self https://intranet.example.com  https://*.example.org:8443"), "'self' https://intranet.example.com https://*.example.org:8443");
    for (const bad of ["'none' https://a.example", 'https://a.example; script-src *', 'javascript:', "'unsafe-inline'", 'https://a.example/"']) {
      assert.match(problem({ VIGIL_FRAME_ANCESTORS: bad }), /VIGIL_FRAME_ANCESTORS/, bad);
    }
  });

  test('VIGIL_METRICS_TOKEN and VIGIL_METRICS_PORT', () => {
    const config = loadConfig({ VIGIL_METRICS_TOKEN: 'a-long-enough-token', VIGIL_METRICS_PORT: '9464' });
    assert.deepEqual([config.security.metricsToken, config.security.metricsPort], ['a-long-enough-token', 9464]);
    const short = problem({ VIGIL_METRICS_TOKEN: 'short-secret' });
    assert.match(short, /VIGIL_METRICS_TOKEN.*at least 16/);
    assert.doesNotMatch(short, /short-secret/, 'the token is not echoed');
    assert.match(problem({ VIGIL_METRICS_PORT: '3000' }), /VIGIL_METRICS_PORT.*differ from PORT/);
    assert.match(problem({ VIGIL_METRICS_PORT: '70000' }), /VIGIL_METRICS_PORT/);
  });
});
