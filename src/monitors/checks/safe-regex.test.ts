import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeRegexTest } from './safe-regex.js';

test('ordinary patterns match and miss', () => {
  assert.deepEqual(safeRegexTest('status:\\s*ok', 'status: ok'), { ok: true, matched: true });
  assert.deepEqual(safeRegexTest('^down$', 'up'), { ok: true, matched: false });
  assert.deepEqual(safeRegexTest('OK', 'ok', { flags: 'i' }), { ok: true, matched: true });
});

test('catastrophic backtracking is interrupted, and matching still works afterwards', () => {
  const started = Date.now();
  const r = safeRegexTest('^(a+)+$', 'a'.repeat(40) + 'b', { timeoutMs: 100 });
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /gave up after 100 ms/);
  assert.ok(Date.now() - started < 5000, 'returned promptly');
  assert.deepEqual(safeRegexTest('b$', 'a'.repeat(40) + 'b'), { ok: true, matched: true });
});

test('an invalid pattern is an error, not a throw', () => {
  const r = safeRegexTest('(', 'x');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /^invalid regular expression: /);
});

test('a 10 MB body is searched well within the budget', () => {
  const body = 'x'.repeat(10 * 1024 * 1024) + 'needle';
  assert.deepEqual(safeRegexTest('needle$', body), { ok: true, matched: true });
});
