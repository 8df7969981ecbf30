import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptedEncodings, etagMatches, rawHeader } from './negotiate.js';

describe('request headers for the fast path', () => {
  test('rawHeader finds a header whatever its case, and joins repeated ones as req.headers does', () => {
    const req = { rawHeaders: ['Host', 'x', 'Accept-Encoding', 'gzip', 'IF-NONE-MATCH', '"a"', 'accept-encoding', 'br;q=0.5'] };
    assert.equal(rawHeader(req, 'accept-encoding'), 'gzip, br;q=0.5');
    assert.equal(rawHeader(req, 'if-none-match'), '"a"');
    assert.equal(rawHeader(req, 'accept'), undefined);
    assert.deepEqual(acceptedEncodings(rawHeader(req, 'accept-encoding')), { br: true, gzip: true });
  });

  test('If-None-Match compares weakly, across codings', () => {
    assert.equal(etagMatches('W/"h-br", "x"', 'h'), true);
    assert.equal(etagMatches('"h-gz"', 'h'), true);
    assert.equal(etagMatches('"hh"', 'h'), false);
    assert.equal(etagMatches(undefined, 'h'), false);
  });
});
