import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonPath, readJsonPath } from './json-path.js';

test('parses dotted names, indexes and quoted names', () => {
  assert.deepEqual(parseJsonPath('$'), []);
  assert.deepEqual(parseJsonPath(`$.status.indicator[0]['a b']["c\\"d"]`), ['status', 'indicator', 0, 'a b', 'c"d']);
});

test('names what is wrong with a malformed path', () => {
  assert.throws(() => parseJsonPath('status'), /must start with \$/);
  assert.throws(() => parseJsonPath('$.a..b'), /unexpected "\.\.b" at position 3/);
  assert.throws(() => parseJsonPath('$[x]'), /unexpected/);
});

test('reads a value, or undefined where the path does not exist', () => {
  const doc = { status: { indicator: 'none' }, items: [{ id: 7 }], constructor: 1 };
  assert.equal(readJsonPath(doc, parseJsonPath('$.status.indicator')), 'none');
  assert.equal(readJsonPath(doc, parseJsonPath('$.items[0].id')), 7);
  assert.equal(readJsonPath(doc, parseJsonPath('$.items[1].id')), undefined);
  assert.equal(readJsonPath(doc, parseJsonPath('$.status[0]')), undefined, 'an index on an object');
  assert.equal(readJsonPath(doc, parseJsonPath('$.items.length')), undefined, 'a name on an array');
  assert.equal(readJsonPath({}, parseJsonPath('$.toString')), undefined, 'inherited properties are not values');
});
