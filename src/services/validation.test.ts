import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { AppError, MAX_LISTED_ISSUES } from '../domain/errors.js';
import { calendarDate, refMap, parseInput, timestamp, unsafeTextIssues } from './validation.js';

function issuesOf(fn: () => unknown): { issues: { path: string; message: string }[]; total: number; truncated: boolean } {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError && err.code === 'VALIDATION', String(err));
    return err.details as never;
  }
  assert.fail('expected a VALIDATION error');
}

describe('unsafe text', () => {
  test('NUL and lone surrogates are found anywhere, with the dotted path; pairs are fine', () => {
    const body = { name: 'ok 😀', description: 'a\u0000b', sections: [{ title: 'x' }, { title: 'y\ud800' }], map: { 'k\u0000': 1, good: '\udc00' } };
    assert.deepEqual(
      unsafeTextIssues(body).map((i) => i.path),
      ['description', 'sections.1.title', 'map.k\\u0000', 'map.good'],
    );
    assert.deepEqual(unsafeTextIssues({ ok: ['😀', 'é', { n: 1, b: true, z: null }] }), []);
    assert.match(unsafeTextIssues('\u0000')[0]!.message, /NUL/);
    assert.match(unsafeTextIssues('\udfff')[0]!.message, /surrogate/);
  });

  test('a deeply nested body does not exhaust the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(unsafeTextIssues(deep).length, 1);
  });

  test('parseInput refuses it in any field, even one the schema would accept', () => {
    const schema = z.object({ name: z.string(), extra: z.unknown() });
    const details = issuesOf(() => parseInput(schema, { name: 'a\u0000', extra: { deep: ['\ud83d'] } }));
    assert.deepEqual(details.issues.map((i) => i.path), ['name', 'extra.deep.0']);
  });
});

describe('validation error lists', () => {
  test('list the first 50 issues and count the rest', () => {
    const schema = z.array(z.number());
    const details = issuesOf(() => parseInput(schema, Array.from({ length: 3000 }, () => 'x')));
    assert.equal(details.issues.length, MAX_LISTED_ISSUES);
    assert.equal(details.total, 3000);
    assert.equal(details.truncated, true);
    const few = issuesOf(() => parseInput(schema, ['x']));
    assert.deepEqual({ total: few.total, truncated: few.truncated, n: few.issues.length }, { total: 1, truncated: false, n: 1 });
  });
});

describe('dates and maps', () => {
  test('years outside 1970–9999 are refused, judged in UTC', () => {
    for (const bad of ['0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '1970-01-01T00:30:00+01:00', '9999-12-31T23:00:00-02:00']) {
      assert.equal(timestamp.safeParse(bad).success, false, bad);
    }
    assert.equal(timestamp.parse('1970-01-01T00:00:00Z'), '1970-01-01T00:00:00.000Z');
    assert.equal(timestamp.parse('9999-12-31T23:59:59Z'), '9999-12-31T23:59:59.000Z');
    assert.equal(calendarDate.safeParse('1969-12-31').success, false);
    assert.equal(calendarDate.safeParse('1970-01-01').success, true);
  });

  test('an id map over 1000 entries is one issue on the field', () => {
    const schema = z.object({ components: refMap(z.literal('x'), 'components') });
    const big = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`c${i}`, 'x']));
    const details = issuesOf(() => parseInput(schema, { components: big }));
    assert.deepEqual(details.issues, [{ path: 'components', message: 'must name at most 1000 components' }]);
  });
});
