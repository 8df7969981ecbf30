// vigil.yaml monitors go through the monitor outbound policy like the admin
// API: a refused target is reported against its line and nothing is written.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigFileError } from './config-file.js';
import { withConfigDatabase } from '../../test/config-apply.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';

const FILE = `monitors:
  - key: site
    name: Site
    type: http
    url: http://127.0.0.1:9/
  - key: imds
    name: Metadata
    type: http
    url: http://[::ffff:169.254.169.254]/latest/
  - key: gce
    name: GCE
    type: tcp
    host: metadata.google.internal
    port: 80
`;

for (const dialect of DIALECTS) {
  describe(`vigil.yaml monitor targets on ${dialect}`, () => {
    test('refused targets are problems on their lines; nothing is written, in a dry run or not', async () => {
      await withConfigDatabase(dialect, async ({ apply, dump }) => {
        const before = await dump();
        for (const dryRun of [true, false]) {
          try {
            await apply(FILE, { dryRun });
            assert.fail('expected the apply to be refused');
          } catch (err) {
            assert.ok(err instanceof ConfigFileError, String(err));
            assert.deepEqual(err.lines(), [
              'vigil.yaml:9: monitors[1].url: refused by the outbound policy: address ::ffff:a9fe:a9fe (169.254.169.254) is in the denied range 169.254.0.0/16 (link-local, cloud metadata)',
              'vigil.yaml:13: monitors[2].host: refused by the outbound policy: host name metadata.google.internal is denied (cloud metadata)',
            ]);
          }
        }
        assert.deepEqual(await dump(), before);
        // The permitted monitor alone applies.
        const report = await apply(FILE.split('  - key: imds')[0]!);
        assert.equal(report.counts.created, 1);
      });
    });
  });
}
