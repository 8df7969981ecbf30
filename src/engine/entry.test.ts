import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storedDetail } from './entry.js';

test('stored detail leaves out false and empty values and keeps whole-millisecond timings', () => {
  assert.equal(
    storedDetail({ status_code: 200, truncated: false, final_url: null, timings: { connect_ms: 0.61, first_byte_ms: 1.49 } }),
    '{"status_code":200,"timings":{"connect_ms":1,"first_byte_ms":1}}',
  );
  assert.equal(storedDetail({ truncated: false }), null);
});
