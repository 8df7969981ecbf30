import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monitorSecretFields, placeholderPaths, REDACTED, redactSecrets, redactUrlPassword, restoreSecrets, withoutUserinfo, type SecretField } from './secrets.js';

const FIELDS: SecretField[] = [{ path: ['headers', '*'] }, { path: ['auth', 'password'] }, { path: ['url'], kind: 'url-password' }];

test('redactSecrets replaces every secret and leaves null, absent and other fields alone', () => {
  const value = { headers: { A: '1', B: '2' }, auth: { username: 'u', password: 'p' }, url: 'https://u:p%40ss@h.test/x?y=1', other: 'keep' };
  assert.deepEqual(redactSecrets(value, FIELDS), {
    headers: { A: REDACTED, B: REDACTED }, auth: { username: 'u', password: REDACTED }, url: `https://u:${REDACTED}@h.test/x?y=1`, other: 'keep',
  });
  assert.equal(value.headers.A, '1', 'the input is not changed');
  assert.deepEqual(redactSecrets({ headers: {}, auth: null, url: 'https://h.test/' }, FIELDS), { headers: {}, auth: null, url: 'https://h.test/' });
});

test('restoreSecrets puts stored values behind placeholders only', () => {
  const stored = { headers: { A: '1', B: '2' }, auth: { username: 'u', password: 'p' }, url: 'https://u:pw@h.test/' };
  const incoming = { headers: { A: REDACTED, B: 'new', C: REDACTED }, auth: { username: 'v', password: REDACTED }, url: `https://v:${REDACTED}@other.test/` };
  const restored = restoreSecrets(incoming, stored, FIELDS);
  assert.deepEqual(restored, { headers: { A: '1', B: 'new', C: REDACTED }, auth: { username: 'v', password: 'p' }, url: 'https://v:pw@other.test/' });
  assert.deepEqual(placeholderPaths(restored, FIELDS), ['headers.C']);
});

test('URL passwords: only a user:password@ part is touched', () => {
  assert.equal(redactUrlPassword('https://h.test/a@b'), 'https://h.test/a@b');
  assert.equal(redactUrlPassword('https://user@h.test/'), 'https://user@h.test/');
  assert.equal(redactUrlPassword('http://u:@h.test/'), `http://u:${REDACTED}@h.test/`);
});

test('each monitor type names its secrets', () => {
  assert.deepEqual(monitorSecretFields('tcp'), [{ path: ['send'] }]);
  assert.deepEqual(monitorSecretFields('dns'), []);
  assert.ok(monitorSecretFields('http').some((f) => f.path.join('.') === 'headers.*'));
});

test('withoutUserinfo drops user and password from a URL', () => {
  assert.equal(withoutUserinfo('https://bot:pw@h.test/x?y=1'), 'https://h.test/x?y=1');
  assert.equal(withoutUserinfo('https://h.test/a@b'), 'https://h.test/a@b');
});
