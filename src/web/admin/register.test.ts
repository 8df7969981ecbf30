import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../test/databases.test-support.js';
import { useTestApi } from '../../test/api-harness.test-support.js';
import { adminClient, signedInAs } from './admin.test-support.js';

for (const dialect of DIALECTS) {
  describe(`web app frame (${dialect})`, () => {
    const api = useTestApi(dialect);

    test('a signed-out GET goes to sign-in, keeping where it was going', async () => {
      const res = await adminClient(api).get('/admin/incidents?x=1');
      assert.equal(res.status, 303);
      assert.equal(res.location, `/admin/sign-in?next=${encodeURIComponent('/admin/incidents?x=1')}`);
    });

    test('a signed-in page carries the strict CSP, no-store and its own assets only', async () => {
      const browser = await signedInAs(api, 'responder');
      const res = await browser.get('/admin');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'none'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const srcs = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(srcs.every((s) => s.startsWith('/') || s.startsWith('#')), srcs.join(' '));
      assert.doesNotMatch(res.text, /<script>(?!<\/script>)|style="/);
      const css = srcs.find((s) => s.includes('admin.css'))!;
      const asset = await browser.get(css, { 'accept-encoding': 'gzip' });
      assert.equal(asset.status, 200);
      assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    });

    test('a POST without the session CSRF token, or from another site, is refused and changes nothing', async () => {
      const browser = await signedInAs(api, 'owner');
      const before = await api.rowCounts(['sessions', 'audit_log']);
      const noToken = await browser.post('/admin/sign-out', { _csrf: 'forged' });
      assert.equal(noToken.status, 403);
      assert.match(noToken.text, /did not come from Vigil/);
      const crossSite = await browser.post('/admin/sign-out', {}, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      assert.equal(crossSite.status, 403);
      assert.deepEqual(await api.rowCounts(['sessions', 'audit_log']), before);
    });

    test('an unknown page inside the web app is a 404 page, still in the frame', async () => {
      const browser = await signedInAs(api, 'viewer');
      const res = await browser.get('/admin/nothing-here');
      assert.equal(res.status, 404);
      assert.match(res.text, /<nav class="nav"/);
    });
  });
}
