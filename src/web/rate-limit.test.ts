import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FixedWindowCounter } from './rate-limit.js';

describe('FixedWindowCounter', () => {
  test('counts per key within a window and says how long until it ends', () => {
    let now = 1_000_000;
    const counter = new FixedWindowCounter({ max: 2, windowMs: 60_000, maxKeys: 100 }, () => now);
    assert.equal(counter.hit('a').over, false);
    assert.equal(counter.hit('a').over, false);
    now += 10_500;
    const third = counter.hit('a');
    assert.deepEqual([third.over, third.retryAfterSeconds], [true, 50]);
    assert.equal(counter.hit('b').over, false, 'another key');
    now += 49_500;
    assert.equal(counter.hit('a').over, false, 'a new window');
  });

  test('keeps at most maxKeys windows: expired ones go first, then the oldest', () => {
    let now = 0;
    const counter = new FixedWindowCounter({ max: 1, windowMs: 1000, maxKeys: 3 }, () => now);
    counter.hit('old-1');
    counter.hit('old-2');
    now = 2000;
    counter.hit('live-1');
    counter.hit('live-2');
    assert.equal(counter.size, 2, 'once full, every expired window is dropped');
    counter.hit('live-3');
    counter.hit('live-4');
    assert.equal(counter.size, 3, 'then the oldest live one');
    assert.equal(counter.hit('live-2').over, true, 'live-2 kept its window');
    assert.equal(counter.hit('live-1').over, false, 'live-1 was dropped: a fresh window');
    for (let i = 0; i < 10_000; i++) counter.hit(`flood-${i}`);
    assert.equal(counter.size, 3, 'a flood of new keys cannot grow memory');
    assert.equal(counter.hit('flood-9999').over, true, 'the newest are kept');
  });

  test('aligned windows: whole seconds', () => {
    let now = 5_250;
    const counter = new FixedWindowCounter({ max: 1, windowMs: 1000, maxKeys: 10 }, () => now, undefined, (t) => t - (t % 1000));
    assert.equal(counter.hit('t').over, false);
    now = 5_999;
    assert.equal(counter.hit('t').over, true);
    now = 6_000;
    assert.equal(counter.hit('t').over, false);
  });
});
