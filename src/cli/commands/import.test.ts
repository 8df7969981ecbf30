import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { dumpAll, fixture, fixtureText } from '../../services/import/fixtures.test-support.js';
import type { Database } from '../../store/database.js';
import { DIALECTS, openTestDatabase } from '../../test/databases.test-support.js';
import { main } from '../main.js';
import { VigilProcess } from '../../test/vigil-process.test-support.js';

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

    async function vigilWith(env: Record<string, string>, ...args: string[]) {
      const out = sink();
      const err = sink();
      const code = await main(args, { stdout: out.stream, stderr: err.stream, env: { VIGIL_DATABASE_URL: url, VIGIL_OUTBOUND_ALLOW: '127.0.0.1', ...env } });
      return { code, stdout: out.lines(), stderr: err.lines() };
    }
    // The suite's loopback pages are permitted explicitly: the strict import policy denies loopback.
    const vigil = (...args: string[]) => vigilWith({}, ...args);
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

    test('fields of the file that Vigil does not keep are printed as ignored, by path with counts', async () => {
      const doc = fixture('summary');
      doc.incidents[0].postmortem_body = null;
      doc.components[0].icon = 'globe';
      doc.components[1].icon = 'api';
      const path = file('summary-extra.json', JSON.stringify(doc));
      assert.deepEqual((await vigil('import', 'statuspage', path)).stdout, [
        'ignored: components[*].icon (2×)',
        'ignored: incidents[*].postmortem_body (1×)',
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

/** A loopback server answering every request with `handler`. */
async function loopback(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Peak resident memory of a live process, in MB (VmHWM); null once it is gone. */
function peakRssMb(pid: number): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

describe('vigil import statuspage: outbound policy and bounds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-import-bounds-'));
  const env = { VIGIL_DATABASE_URL: join(dir, 'vigil.db') };
  async function run(extra: Record<string, string>, ...args: string[]) {
    const out = sink();
    const err = sink();
    const code = await main(args, { stdout: out.stream, stderr: err.stream, env: { ...env, ...extra } });
    return { code, stdout: out.lines(), stderr: err.lines() };
  }

  test('a URL in a denied range is refused by the strict policy before any request', async () => {
    const requests: string[] = [];
    const page = await loopback((req, res) => (requests.push(req.url ?? ''), res.end('{}')));
    try {
      assert.deepEqual(await run({}, 'import', 'statuspage', page.base), {
        code: 1,
        stdout: [],
        stderr: [`vigil import: cannot fetch ${page.base}/api/v2/summary.json: refused by outbound policy: address 127.0.0.1 is in the denied range 127.0.0.0/8 (loopback)`],
      });
      assert.deepEqual(await run({}, 'import', 'statuspage', 'http://0x7f000001:9/'), {
        code: 1,
        stdout: [],
        stderr: ['vigil import: cannot fetch http://127.0.0.1:9/api/v2/summary.json: refused by outbound policy: address 127.0.0.1 is in the denied range 127.0.0.0/8 (loopback)'],
      });
      assert.match((await run({}, 'import', 'statuspage', 'http://[::ffff:169.254.169.254]/')).stderr[0] ?? '', /refused by outbound policy: address ::ffff:a9fe:a9fe \(169\.254\.169\.254\) is in the denied range 169\.254\.0\.0\/16/);
      assert.deepEqual(requests, []);
    } finally {
      page.server.close();
    }
  });

  test('each redirect is checked, and more than 5 are refused', async () => {
    const requests: string[] = [];
    const page = await loopback((req, res) => {
      requests.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/to-localhost') return void res.writeHead(302, { location: url.searchParams.get('to')! }).end();
      const n = Number(url.searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `/chain?n=${n + 1}` }).end();
    });
    try {
      // Only 127.0.0.1 is permitted: a redirect to another loopback address is refused at that hop.
      const allow = { VIGIL_OUTBOUND_ALLOW: '127.0.0.1' };
      const port = new URL(page.base).port;
      const refused = await run(allow, 'import', 'statuspage', `${page.base}/to-localhost?to=${encodeURIComponent(`http://127.0.0.2:${port}/x.json`)}`);
      assert.deepEqual(refused.stderr, [`vigil import: cannot fetch http://127.0.0.2:${port}/x.json: refused by outbound policy: address 127.0.0.2 is in the denied range 127.0.0.0/8 (loopback)`]);
      requests.length = 0;
      const chain = await run(allow, 'import', 'statuspage', `${page.base}/chain.json`);
      assert.deepEqual(chain, { code: 1, stdout: [], stderr: [`vigil import: GET ${page.base}/chain.json: more than 5 redirects`] });
      assert.equal(requests.length, 6);
    } finally {
      page.server.close();
    }
  });

  test('an endless chunked body is cut at the cap with a one-line error; the process stays small', async () => {
    let sent = 0;
    let peakAtCut: number | null = null;
    let child: VigilProcess | undefined;
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const page = await loopback((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // no Content-Length: chunked
      res.write('{"page":');
      const pump = (): void => {
        while (!res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      req.socket.on('close', () => (peakAtCut = child?.child.pid ? peakRssMb(child.child.pid) : null));
      pump();
    });
    try {
      child = new VigilProcess(['import', 'statuspage', `${page.base}/api/v2/summary.json`], { ...env, VIGIL_OUTBOUND_ALLOW: '127.0.0.1' });
      let peak = 0;
      const poll = setInterval(() => (peak = Math.max(peak, peakRssMb(child!.child.pid!) ?? 0)), 20);
      const result = await child.exited;
      clearInterval(poll);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, `vigil import: GET ${page.base}/api/v2/summary.json: the document is larger than the limit of 52428800 bytes\n`);
      assert.ok(sent >= 50 * 1024 * 1024, `the server sent ${sent} bytes`);
      const rss = Math.max(peak, peakAtCut ?? 0);
      // The child runs from the sources through tsx (~120 MB before it reads a byte), so the bound is
      // on what the import adds over the same command reading nothing: the 50 MB cap plus slack.
      const idle = new VigilProcess(['import', 'statuspage', join(dir, 'missing.json')], env);
      let baseline = 0;
      const idlePoll = setInterval(() => (baseline = Math.max(baseline, peakRssMb(idle.child.pid!) ?? 0)), 20);
      await idle.exited;
      clearInterval(idlePoll);
      assert.ok(rss > 0 && rss - baseline < 100 && rss < 250, `peak RSS ${Math.round(rss)} MB, ${Math.round(baseline)} MB without a body`);
    } finally {
      page.server.closeAllConnections();
      page.server.close();
    }
  });

  test('a declared Content-Length over the cap is refused without reading the body', async () => {
    const page = await loopback((_req, res) => res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).end());
    try {
      const r = await run({ VIGIL_OUTBOUND_ALLOW: '127.0.0.1', VIGIL_IMPORT_MAX_BYTES: '4096' }, 'import', 'statuspage', `${page.base}/x.json`);
      assert.deepEqual(r.stderr, [`vigil import: GET ${page.base}/x.json: the document is 10485760 bytes, more than the limit of 4096`]);
    } finally {
      page.server.closeAllConnections();
      page.server.close();
    }
  });

  test('names from the document are printed with control characters escaped', async () => {
    const doc = fixture('summary');
    doc.page.name = 'Acme\u001b]0;pwned\u0007\u001b[2J Cloud\u202e';
    const path = join(dir, 'hostile.json');
    writeFileSync(path, JSON.stringify(doc));
    const r = await run({}, 'import', 'statuspage', path);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.equal(r.stdout[0], '~ page (Acme\\x1b]0;pwned\\x07\\x1b[2J Cloud\\u202e): name, public_url, time_zone, page_id, updated_at');
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    assert.ok(r.stdout.every((line) => !/[\u0000-\u001f\u007f-\u009f\u202e]/.test(line)));
  });
});
