import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { RegexPool } from '../regex/pool.js';

const regex = new RegexPool();
after(() => regex.close());

test('ordinary patterns match and miss', async () => {
  assert.deepEqual(await regex.test('status:\\s*ok', 'status: ok'), { ok: true, matched: true });
  assert.deepEqual(await regex.test('^down$', 'up'), { ok: true, matched: false });
  assert.deepEqual(await regex.test('OK', 'ok', { flags: 'i' }), { ok: true, matched: true });
  // JavaScript semantics users already wrote: lookbehind, backreferences, named groups, Unicode properties.
  assert.deepEqual(await regex.test('(?<=v)\\d+', 'v42'), { ok: true, matched: true });
  assert.deepEqual(await regex.test('^(?<w>\\w+) \\k<w>$', 'ok ok'), { ok: true, matched: true });
  assert.deepEqual(await regex.test('^\\p{Lu}', 'Élan', { flags: 'u' }), { ok: true, matched: true });
});

test('catastrophic backtracking is interrupted, and matching still works afterwards', async () => {
  const started = Date.now();
  const r = await regex.test('^(a+)+$', 'a'.repeat(40) + 'b', { timeoutMs: 100 });
  assert.equal(r.ok, false);
  assert.equal(r.ok ? '' : r.code, 'timeout');
  assert.match(r.ok ? '' : r.error, /gave up after 100 ms/);
  assert.ok(Date.now() - started < 5000, 'returned promptly');
  assert.deepEqual(await regex.test('b$', 'a'.repeat(40) + 'b'), { ok: true, matched: true });
});

test('the event loop keeps turning while a pattern backtracks', async () => {
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 5);
  try {
    const r = await regex.test('^(a+)+$', 'a'.repeat(40) + 'b', { timeoutMs: 400 });
    assert.equal(r.ok ? '' : r.code, 'timeout');
  } finally {
    clearInterval(ticker);
  }
  // In-thread matching would have held the loop for the whole 400 ms: not a single tick. A free loop
  // ticks about 80 times; 10 leaves room for a busy machine.
  assert.ok(ticks >= 10, `timers fired ${ticks} times during the match`);
});

test('an invalid pattern is an error, not a throw', async () => {
  const r = await regex.test('(', 'x');
  assert.equal(r.ok, false);
  assert.equal(r.ok ? '' : r.code, 'invalid');
  assert.match(r.ok ? '' : r.error, /^invalid regular expression: /);
  const flags = await regex.test('x', 'x', { flags: 'qq' });
  assert.match(flags.ok ? '' : flags.error, /^invalid regular expression: /);
});

test('a 10 MB body (the most an http check reads) is searched to its end', async () => {
  const body = 'x'.repeat(10 * 1024 * 1024) + 'needle';
  // What is checked is that the whole body reaches the worker and is matched; how fast is a benchmark's
  // question, and a wall-clock budget fails on a busy machine for reasons that have nothing to do with it.
  assert.deepEqual(await regex.test('needle$', body, { timeoutMs: 10_000 }), { ok: true, matched: true });
});
