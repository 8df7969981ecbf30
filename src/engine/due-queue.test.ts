import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DueQueue } from './due-queue.js';

test('pops entries in due order whatever order they were pushed in', () => {
  const q = new DueQueue();
  const times = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 1009);
  times.forEach((dueAt, i) => q.push({ dueAt, id: `m${i}`, generation: 0 }));
  const popped: number[] = [];
  while (q.size > 0) popped.push(q.pop()!.dueAt);
  assert.deepEqual(popped, [...times].sort((a, b) => a - b));
  assert.equal(q.pop(), undefined);
});
