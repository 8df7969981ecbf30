// A Statuspage document with text no database can store is refused before
// anything is planned, each occurrence named where it is in the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../domain/errors.js';
import { fixture } from './fixtures.test-support.js';
import { parseStatuspageDocument } from './parse.js';

describe('imported text', () => {
  test('NUL and lone surrogates are located errors', () => {
    const doc = fixture('components') as { components: { name: string; description: string | null }[] };
    doc.components[0]!.name = 'API\u0000';
    doc.components[1]!.description = 'lone \ud800';
    try {
      parseStatuspageDocument(JSON.stringify(doc));
      assert.fail('expected the document to be refused');
    } catch (err) {
      assert.ok(err instanceof AppError && err.code === 'VALIDATION', String(err));
      const { issues } = err.details as { issues: { path: string; message: string }[] };
      assert.deepEqual(issues.map((i) => i.path), ['components[0].name', 'components[1].description']);
      assert.match(err.message, /^components\[0\]\.name: must not contain the NUL character/);
    }
  });
});
