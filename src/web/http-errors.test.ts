// Request-level failures every route shares: parsing, size, media type, unknown routes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApi } from '../test/api-harness.test-support.js';

describe('HTTP error handling', () => {
  const api = useTestApi('sqlite', { bodyLimit: 4096 });

  const countComponents = async () => (await api.request('GET', '/api/v1/components')).body.length;

  test('malformed JSON is 400 BAD_REQUEST without parser internals', async () => {
    const res = await api.request('POST', '/api/v1/components', { rawBody: '{"name": "x",' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'BAD_REQUEST');
    assert.equal(res.body.error.message, 'the request body is not valid JSON');
  });

  test('a body over the limit is 413 and writes nothing', async () => {
    const before = await countComponents();
    const res = await api.request('POST', '/api/v1/components', { body: { name: 'x', description: 'y'.repeat(10_000) } });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(await countComponents(), before);
  });

  test('a non-JSON body is 415', async () => {
    const res = await api.request('POST', '/api/v1/components', { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 415);
    assert.equal(res.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
    const plain = await api.request('POST', '/api/v1/components', { rawBody: 'x', headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.status, 415);
  });

  test('a missing body is a validation error on the body', async () => {
    const res = await api.request('POST', '/api/v1/components');
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'VALIDATION');
  });

  test('a JSON array where an object belongs is rejected', async () => {
    const res = await api.request('POST', '/api/v1/components', { body: [{ name: 'x' }] });
    assert.equal(res.status, 422);
  });

  test('prototype pollution keys are refused', async () => {
    const res = await api.request('POST', '/api/v1/components', { rawBody: '{"name":"x","__proto__":{"admin":true}}' });
    assert.equal(res.status, 400);
    assert.equal(({} as any).admin, undefined);
  });

  test('unknown routes are 404 in the error shape', async () => {
    const res = await api.request('GET', '/api/v1/nope');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'NOT_FOUND');
  });

  test('bad query parameters are 400 naming the parameter', async () => {
    const created = await api.request('POST', '/api/v1/components', { body: { name: 'Q' } });
    const res = await api.request('GET', `/api/v1/components/${created.body.id}/uptime?days=0`);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details.issues[0].path, 'query.days');
  });

  test('errors never carry stack traces', async () => {
    const res = await api.request('POST', '/api/v1/components', { rawBody: '{bad' });
    assert.doesNotMatch(JSON.stringify(res.body), /at .*\.(ts|js):\d+/);
  });

  test('health endpoints answer without a key', async () => {
    assert.equal((await api.request('GET', '/healthz', { key: null })).status, 200);
    const ready = await api.request('GET', '/readyz', { key: null });
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
  });
});
