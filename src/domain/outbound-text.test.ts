import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeControls, peerExcerpt } from './outbound-text.js';

describe('peer text', () => {
  test('controls, bidi overrides and lone surrogates are escaped; other text is unchanged', () => {
    assert.equal(escapeControls('ok \u001b[2J\u202e\ud800 é 🙂'), 'ok \\x1b[2J\\u202e\\ud800 é 🙂');
  });

  test('an excerpt is cut at max characters as written, never inside an escape or a pair', () => {
    assert.equal(peerExcerpt('abc', 3), 'abc');
    assert.equal(peerExcerpt('abcd', 3), 'abc…');
    assert.equal(peerExcerpt('ab\u001b', 4), 'ab…');
    assert.equal(peerExcerpt('a🙂🙂', 3), 'a🙂…');
    assert.equal(peerExcerpt('\ud800\ud800', 12), '\\ud800\\ud800');
  });

  test('a megabyte of peer text gives the same excerpt as its first few hundred characters', () => {
    const head = 'x\u0007'.repeat(150);
    assert.equal(peerExcerpt(head + 'y'.repeat(1024 * 1024)), peerExcerpt(head + 'y'.repeat(10)));
    assert.equal(peerExcerpt(head + 'y'.repeat(1024 * 1024)).length, 201);
  });
});
