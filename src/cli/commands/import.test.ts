import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { dumpAll, fixture, fixtureText } from '../../services/import/fixtures.test-support.js';
import type { Database } from '../../store/database.js';
import { DIALECTS, openTestDatabase } from '../../test/databases.js';
import { main } from '../main.js';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, lines: () => text.split('\n').filter((l) => l !== '') };
}

/** A Statuspage stand-in on loopback: serves the fixture documents under /api/v2/. */
async function statuspage(): Promise<{ server: Server; base: string; requests: string[] }> {
  const requests: string[] = [];
  const documents: Record<string, string> = {
    '/api/v2/summary.json': fixtureText('summary'),
    '/api/v2/incidents.json': fixtureText('incidents'),
  };
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.accept}`);
    const body = documents[req.url ?? ''];
    if (!body) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

for (const dialect of DIALECTS) {
  describe(`vigil import statuspage (CLI) on ${dialect}`, () => {
    let database: Database;
    let url: string;
    let close: () => Promise<void>;
    let page: Awaited<ReturnType<typeof statuspage>>;
    const dir = mkdtempSync(join(tmpdir(), 'vigil-import-'));

    before(async () => {
      ({ database, close, testDb: { url } } = await openTestDatabase(dialect));
      page = await statuspage();
    });
    after(async () => {
      await new Promise((resolve) => page.server.close(resolve));
      await close();
    });

    async function vigil(...args: string[]) {
      const out = sink();
      const err = sink();
      const code = await main(args, { stdout: out.stream, stderr: err.stream, env: { VIGIL_DATABASE_URL: url } });
      return { code, stdout: out.lines(), stderr: err.lines() };
    }
    function file(name: string, content: string): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    }

    test('imports a file, then finds nothing to change in it', async () => {
      const path = file('summary.json', fixtureText('summary'));
      assert.deepEqual(await vigil('import', 'statuspage', path), {
        code: 0,
        stdout: [
          '~ page (Acme Cloud): name, public_url, time_zone, page_id, updated_at',
          `imported ${path}: 12 components (3 groups), 1 incident (7 updates), 2 maintenances — 15 created, 0 updated, 0 unchanged`,
        ],
        stderr: [],
      });
      const audit = await database.db.selectFrom('audit_log').select(['actor_type', 'actor_name']).distinct().execute();
      assert.deepEqual(audit, [{ actor_type: 'import', actor_name: path }]);
      assert.deepEqual((await vigil('import', 'statuspage', path)).stdout, [
        `imported ${path}: 12 components (3 groups), 1 incident (7 updates), 2 maintenances — 0 created, 0 updated, 15 unchanged`,
      ]);
    });

    test('fetches from a live page: its address means its summary.json; a document URL is used as given', async () => {
      const root = await vigil('import', 'statuspage', page.base);
      assert.deepEqual(root, {
        code: 0,
        stdout: [`imported ${page.base}/api/v2/summary.json: 12 components (3 groups), 1 incident (7 updates), 2 maintenances — 0 created, 0 updated, 15 unchanged`],
        stderr: [],
      });
      const incidents = await vigil('import', 'statuspage', `${page.base}/api/v2/incidents.json`);
      assert.deepEqual(incidents.stdout, [`imported ${page.base}/api/v2/incidents.json: 4 incidents (17 updates) — 3 created, 0 updated, 1 unchanged`]);
      assert.deepEqual(page.requests, ['GET /api/v2/summary.json application/json', 'GET /api/v2/incidents.json application/json']);
      const actors = await database.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'incident.create').execute();
      assert.ok(actors.length >= 3 && actors.slice(-3).every((a) => a.actor_name === `${page.base}/api/v2/incidents.json`));
    });

    test('a bad document prints every problem with where it is, exits 1 and writes nothing', async () => {
      const doc = fixture('summary');
      doc.incidents[0].incident_updates[3].status = 'fixing';
      doc.components[1].group_id = null;
      const path = file('broken.json', JSON.stringify(doc));
      const before = await dumpAll(database.db);
      assert.deepEqual(await vigil('import', 'statuspage', path), {
        code: 1,
        stdout: [],
        stderr: [
          `vigil import: ${path}: incidents[0].incident_updates[3].status: Invalid option: expected one of "investigating"|"identified"|"monitoring"|"resolved"|"postmortem"`,
          'vigil import: nothing was imported',
        ],
      });
      doc.incidents[0].incident_updates[3].status = 'identified';
      assert.deepEqual((await vigil('import', 'statuspage', file('broken2.json', JSON.stringify(doc)))).stderr, [
        `vigil import: ${join(dir, 'broken2.json')}: components[4].components[0]: "ap1x7k2m9q4w" (components[1]) has group_id null, not this group`,
        'vigil import: nothing was imported',
      ]);
      assert.deepEqual(await dumpAll(database.db), before);
    });

    test('an unreadable source exits 1 with the reason', async () => {
      const missing = join(dir, 'missing.json');
      assert.deepEqual(await vigil('import', 'statuspage', missing), { code: 1, stdout: [], stderr: [`vigil import: cannot read ${missing}: no such file`] });
      assert.deepEqual(await vigil('import', 'statuspage', `${page.base}/api/v2/nothing.json`), {
        code: 1,
        stdout: [],
        stderr: [`vigil import: GET ${page.base}/api/v2/nothing.json answered HTTP 404 Not Found`],
      });
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      assert.deepEqual(await vigil('import', 'statuspage', `http://127.0.0.1:${port}/`), {
        code: 1,
        stdout: [],
        stderr: [`vigil import: cannot fetch http://127.0.0.1:${port}/api/v2/summary.json: ECONNREFUSED`],
      });
    });

    test('usage mistakes exit 2; --help prints the usage', async () => {
      const cases: [string[], string][] = [
        [['import'], 'vigil: missing what to import from (vigil import statuspage <file|url>) (see vigil import --help)'],
        [['import', 'pagerduty', 'x.json'], 'vigil: unknown import source "pagerduty" (expected: statuspage) (see vigil import --help)'],
        [['import', 'statuspage'], 'vigil: missing the file or URL to import (see vigil import --help)'],
        [['import', 'statuspage', 'a.json', 'b.json'], 'vigil: expected one file or URL, got 2 (see vigil import --help)'],
        [['import', 'statuspage', '--force', 'a.json'], 'vigil: unknown option --force (see vigil import --help)'],
      ];
      for (const [args, message] of cases) assert.deepEqual(await vigil(...args), { code: 2, stdout: [], stderr: [message] }, args.join(' '));
      const help = await vigil('import', '--help');
      assert.equal(help.code, 0);
      assert.equal(help.stdout[0], 'Usage: vigil import statuspage <file|url>');
      assert.match((await vigil('--help')).stdout.join('\n'), /^ {2}import +import a page from Statuspage/m);
    });
  });
}
