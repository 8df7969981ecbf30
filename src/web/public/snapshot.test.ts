// The snapshot and its fast path over real HTTP, with a stub model and test
// routes (no database): encodings, validators, HEAD, CORS, caching headers,
// lazy documents, failures.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { PublicModel } from '../../services/public/model.js';
import { eventually, rawRequest, stubModel, testRoutes } from './serving/fixtures.test-support.js';
import { createPublicSite, type PublicSite } from './serving/site.js';
import { PublicSnapshot } from './snapshot.js';

const CACHE = 'public, max-age=10, stale-while-revalidate=60, stale-if-error=86400';

interface Harness {
  site: PublicSite;
  base: string;
  routes: ReturnType<typeof testRoutes>;
  setModel(model: PublicModel | Error): void;
  loads: () => number;
  logged: string[];
  close(): Promise<void>;
}

async function startSite(options: { start?: boolean } = {}): Promise<Harness> {
  let current: PublicModel | Error = stubModel('Acme');
  let loads = 0;
  const logged: string[] = [];
  const routes = testRoutes();
  const note = (level: string) => (_obj: object, msg: string) => logged.push(`${level}: ${msg}`);
  const site = createPublicSite({
    routes: routes.routes,
    load: async () => {
      loads++;
      if (current instanceof Error) throw current;
      return current;
    },
    changeToken: async () => 'constant',
    timing: { debounceMs: 20, pollMs: 60_000, refreshMs: 60_000, busyShare: 1 },
    logger: { info: note('info'), warn: note('warn'), error: note('error') },
  });
  if (options.start !== false) await site.start();
  const server = http.createServer((req, res) => {
    if (!site.handle(req, res)) res.writeHead(418).end('fallback');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    site,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routes,
    setModel: (m) => (current = m),
    loads: () => loads,
    logged,
    close: async () => {
      await site.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('public snapshot serving', () => {
  let h: Harness;
  before(async () => {
    h = await startSite();
  });
  after(() => h.close());

  test('identity: the raw bytes with a strong ETag, Cache-Control and Vary', async () => {
    const res = await rawRequest(h.base, '/page');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.match(res.body.toString(), /^<!doctype html><title>Acme<\/title>/);
    assert.match(res.headers.etag ?? '', /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal(res.headers['cache-control'], CACHE);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  test('gzip and brotli bodies decode to exactly the raw bytes; br is preferred', async () => {
    const raw = (await rawRequest(h.base, '/page')).body;
    const gz = await rawRequest(h.base, '/page', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.body.length < raw.length);
    assert.deepEqual(gunzipSync(gz.body), raw);
    const br = await rawRequest(h.base, '/page', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.deepEqual(brotliDecompressSync(br.body), raw);
    assert.equal(br.headers.vary, 'Accept-Encoding');
    // Each representation has its own strong ETag, derived from the same hash.
    const hash = /^"(.+)"$/.exec((await rawRequest(h.base, '/page')).headers.etag!)![1];
    assert.equal(gz.headers.etag, `"${hash}-gz"`);
    assert.equal(br.headers.etag, `"${hash}-br"`);
  });

  test('q-values are honoured', async () => {
    const enc = async (accept: string) => (await rawRequest(h.base, '/page', { headers: { 'accept-encoding': accept } })).headers['content-encoding'] ?? 'identity';
    assert.equal(await enc('br;q=0, gzip'), 'gzip');
    assert.equal(await enc('*'), 'br');
    assert.equal(await enc('*;q=0.5, br;q=0'), 'gzip');
    assert.equal(await enc('identity'), 'identity');
    assert.equal(await enc('gzip;q=0, br;q=0'), 'identity');
    assert.equal(await enc('x-gzip'), 'gzip');
  });

  test('If-None-Match answers 304 without a body; any other tag gets the document', async () => {
    const first = await rawRequest(h.base, '/api/v2/test.json');
    const etag = first.headers.etag!;
    const again = await rawRequest(h.base, '/api/v2/test.json', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, etag);
    assert.equal(again.headers['cache-control'], CACHE);
    assert.equal(again.headers['access-control-allow-origin'], '*');
    assert.equal((await rawRequest(h.base, '/api/v2/test.json', { headers: { 'if-none-match': `W/${etag}` } })).status, 304);
    assert.equal((await rawRequest(h.base, '/api/v2/test.json', { headers: { 'if-none-match': `"other", ${etag}` } })).status, 304);
    assert.equal((await rawRequest(h.base, '/api/v2/test.json', { headers: { 'if-none-match': '*' } })).status, 304);
    // A tag of the brotli representation validates the same content asked for with gzip.
    const br = await rawRequest(h.base, '/api/v2/test.json', { headers: { 'accept-encoding': 'br' } });
    const cross = await rawRequest(h.base, '/api/v2/test.json', { headers: { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag! } });
    assert.equal(cross.status, 304);
    assert.equal(cross.headers.etag, etag.replace(/"$/, '-gz"'));
    const stale = await rawRequest(h.base, '/api/v2/test.json', { headers: { 'if-none-match': '"not-this-one"' } });
    assert.equal(stale.status, 200);
    assert.deepEqual(stale.body, first.body);
  });

  test('HEAD sends the same headers as GET and no body', async () => {
    for (const accept of ['', 'br']) {
      const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
      const get = await rawRequest(h.base, '/page', { headers });
      const head = await rawRequest(h.base, '/page', { method: 'HEAD', headers });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      for (const name of ['content-type', 'content-length', 'content-encoding', 'etag', 'cache-control', 'vary']) {
        assert.equal(head.headers[name], get.headers[name], name);
      }
    }
  });

  test('CORS: open on the API routes only, and preflight is answered', async () => {
    assert.equal((await rawRequest(h.base, '/api/v2/test.json')).headers['access-control-allow-origin'], '*');
    const pre = await rawRequest(h.base, '/api/v2/test.json', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-requested-with' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-origin'], '*');
    assert.equal(pre.headers['access-control-allow-methods'], 'GET, HEAD, OPTIONS');
    assert.equal(pre.headers['access-control-allow-headers'], 'x-requested-with');
    assert.equal(pre.headers['access-control-max-age'], '86400');
    const page = await rawRequest(h.base, '/page', { method: 'OPTIONS' });
    assert.equal(page.status, 204);
    assert.equal(page.headers.allow, 'GET, HEAD, OPTIONS');
    assert.equal(page.headers['access-control-allow-origin'], undefined);
  });

  test('other methods on a public path are 405; other paths fall through', async () => {
    const post = await rawRequest(h.base, '/page', { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD, OPTIONS');
    assert.equal((await rawRequest(h.base, '/api/v1/components')).status, 418);
    assert.equal((await rawRequest(h.base, '/pages')).status, 418);
  });

  test('lazy documents render once on first request (concurrent ones share it) and again after a rebuild', async () => {
    h.setModel(stubModel('Acme abc'));
    await h.site.refresh();
    const results = await Promise.all(Array.from({ length: 20 }, () => rawRequest(h.base, '/items/abc', { headers: { 'accept-encoding': 'gzip' } })));
    assert.ok(results.every((r) => r.status === 200));
    assert.equal(h.routes.renders.get('/items/abc'), 1);
    assert.equal(gunzipSync(results[0]!.body).toString().split('\n')[0], 'item abc of Acme abc');
    await rawRequest(h.base, '/items/abc');
    assert.equal(h.routes.renders.get('/items/abc'), 1);

    h.setModel(stubModel('Acme abc v2'));
    await h.site.refresh();
    const fresh = await rawRequest(h.base, '/items/abc');
    assert.equal(fresh.body.toString().split('\n')[0], 'item abc of Acme abc v2');
    assert.equal(h.routes.renders.get('/items/abc'), 2);
  });

  test('a document the renderer does not know is its 404, cacheable but without a validator', async () => {
    const res = await rawRequest(h.base, '/items/zzz');
    assert.equal(res.status, 404);
    assert.equal(res.body.toString(), 'no such item\n');
    assert.equal(res.headers.etag, undefined);
    assert.equal(res.headers['cache-control'], CACHE);
  });

  test('a renderer that throws costs that document a 500, logged, not the process', async () => {
    const res = await rawRequest(h.base, '/boom');
    assert.equal(res.status, 500);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.ok(h.logged.includes('error: a public document failed to render'));
    assert.equal((await rawRequest(h.base, '/page')).status, 200);
  });

  test('a failed rebuild keeps serving the last good snapshot, and says so once', async () => {
    h.setModel(stubModel('Good'));
    await h.site.refresh();
    const good = (await rawRequest(h.base, '/page')).body.toString();
    h.setModel(new Error('database is gone'));
    await h.site.refresh();
    await h.site.refresh();
    const res = await rawRequest(h.base, '/page');
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), good);
    assert.equal(h.logged.filter((l) => l.startsWith('warn: cannot rebuild')).length, 1);
    h.setModel(stubModel('Back'));
    await h.site.refresh();
    assert.match((await rawRequest(h.base, '/page')).body.toString(), /<title>Back<\/title>/);
    assert.ok(h.logged.includes('info: public snapshot is being rebuilt again'));
  });

  test('changes in quick succession share one debounced rebuild', async () => {
    const before = h.loads();
    const asked = h.site.activity.requests;
    for (let i = 0; i < 10; i++) h.site.changed();
    assert.equal(h.site.activity.requests - asked, 10, 'every change asked for a rebuild');
    // Waits for the debounced rebuild and anything it might have queued after itself.
    await h.site.idle();
    assert.equal(h.loads() - before, 1);
  });
});

describe('public snapshot lifecycle', () => {
  test('before the first snapshot public paths answer 503 with Retry-After', async () => {
    const h = await startSite({ start: false });
    try {
      const res = await rawRequest(h.base, '/page');
      assert.equal(res.status, 503);
      assert.equal(res.headers['retry-after'], '5');
      assert.equal(res.headers['cache-control'], 'no-store');
    } finally {
      await h.close();
    }
  });

  test('a rebuild renders nothing; a document is rendered on its first request, once per snapshot', async () => {
    const { routes, renders } = testRoutes();
    const snapshot = new PublicSnapshot({ routes, load: async () => stubModel('Acme'), headers: { cacheControl: CACHE } });
    await snapshot.rebuild();
    await snapshot.rebuild();
    assert.equal(renders.get('/page'), undefined, 'nobody asked for /page yet');
    const page = snapshot.resolve('/page')!;
    const first = snapshot.lookup(page)!;
    assert.equal(snapshot.lookup(page), first);
    assert.equal(renders.get('/page'), 1);
    await snapshot.rebuild();
    snapshot.lookup(page);
    assert.equal(renders.get('/page'), 2);
  });

  test('a compressed form is made on first demand, shared, and kept across rebuilds while the bytes are the same', async () => {
    const routes = testRoutes().routes;
    let name = 'Same';
    const snapshot = new PublicSnapshot({ routes, load: async () => stubModel(name), headers: { cacheControl: CACHE } });
    await snapshot.rebuild();
    const first = snapshot.lookup(snapshot.resolve('/page')!)!;
    const pending = first.encoded('br');
    assert.ok(pending instanceof Promise, 'compressed off the event loop on first demand');
    assert.equal(first.encoded('br'), pending, 'concurrent requests share one compression');
    const br = (await pending)!;
    assert.deepEqual(brotliDecompressSync(br.body), first.identity.body);
    assert.equal(first.encoded('br'), br, 'known at once afterwards');
    await snapshot.rebuild();
    const second = snapshot.lookup(snapshot.resolve('/page')!)!;
    assert.equal(second, first, 'the same bytes keep their entry');
    assert.equal(second.encoded('br'), br, 'and its compressed form');
    name = 'Different';
    await snapshot.rebuild();
    const third = snapshot.lookup(snapshot.resolve('/page')!)!;
    assert.notEqual(third, first);
    assert.ok(third.encoded('br') instanceof Promise, 'new bytes are compressed again');
  });

  test('a rebuild renders again, before the swap, the documents in demand, in the codings they were asked for', async () => {
    const { routes, renders } = testRoutes();
    let name = 'Acme abc one';
    const snapshot = new PublicSnapshot({ routes, load: async () => stubModel(name), headers: { cacheControl: CACHE } });
    await snapshot.rebuild();
    const busy = snapshot.resolve('/page')!;
    const quiet = snapshot.resolve('/items/abc')!;
    for (let i = 0; i < 3; i++) await snapshot.lookup(busy)!.encoded('br');
    snapshot.lookup(quiet);
    assert.deepEqual([renders.get('/page'), renders.get('/items/abc')], [1, 1]);
    name = 'Acme abc two';
    await snapshot.rebuild();
    assert.deepEqual([renders.get('/page'), renders.get('/items/abc')], [2, 1], 'only the busy document was rendered by the rebuild');
    const warm = snapshot.lookup(busy)!;
    assert.match(warm.identity.body.toString(), /<title>Acme abc two<\/title>/);
    const br = warm.encoded('br');
    assert.ok(br !== null && !(br instanceof Promise), 'its brotli form is ready before the first request');
    assert.deepEqual(brotliDecompressSync(br.body), warm.identity.body);
    assert.ok(warm.encoded('gzip') instanceof Promise, 'a coding nobody asked for is not made in advance');
    assert.equal(renders.get('/page'), 2, 'and the request did not render it again');
  });

  test('small and unsuccessful documents are never compressed', async () => {
    const snapshot = new PublicSnapshot({ routes: testRoutes().routes, load: async () => stubModel('Acme'), headers: { cacheControl: CACHE } });
    await snapshot.rebuild();
    const missing = snapshot.lookup(snapshot.resolve('/items/zzz')!)!;
    assert.equal(missing.status, 404);
    assert.equal(missing.encoded('br'), null);
    assert.equal(missing.encoded('gzip'), null);
  });

  test('a slow rebuild that finishes after a newer one is dropped', async () => {
    const releases: ((m: PublicModel) => void)[] = [];
    const snapshot = new PublicSnapshot({
      routes: testRoutes().routes,
      load: () => new Promise<PublicModel>((resolve) => releases.push(resolve)),
      headers: { cacheControl: CACHE },
    });
    const older = snapshot.rebuild();
    const newer = snapshot.rebuild();
    releases[1]!(stubModel('Newer'));
    assert.equal((await newer).committed, true);
    releases[0]!(stubModel('Older'));
    assert.equal((await older).committed, false);
    assert.equal(snapshot.model?.page.name, 'Newer');
  });

  test('slow rebuilds are spaced out so they take at most busyShare of the time', async () => {
    const starts: number[] = [];
    const ends: number[] = [];
    const site = createPublicSite({
      routes: testRoutes().routes,
      load: async () => {
        starts.push(performance.now());
        await new Promise((r) => setTimeout(r, 60));
        ends.push(performance.now());
        return stubModel('slow');
      },
      changeToken: async () => 'constant',
      timing: { debounceMs: 5, pollMs: 60_000, busyShare: 0.25 },
    });
    await site.start();
    try {
      site.changed();
      await site.idle();
      assert.equal(starts.length, 2, 'the first snapshot, then the one the change asked for');
      // The first rebuild took ≥ 60 ms, so the next one waited ≥ 3 × 60 ms after it, not just the 5 ms debounce.
      assert.ok(starts[1]! - ends[0]! >= 170, `waited only ${(starts[1]! - ends[0]!).toFixed(0)} ms`);
    } finally {
      await site.stop();
    }
  });

  test('a changed token is noticed by polling', async () => {
    let token = 'a';
    let polls = 0;
    let loads = 0;
    const site = createPublicSite({
      routes: testRoutes().routes,
      load: async () => {
        loads++;
        return stubModel(`v${loads}`);
      },
      changeToken: async () => {
        polls++;
        return token;
      },
      timing: { debounceMs: 10, pollMs: 30, busyShare: 1 },
    });
    await site.start();
    try {
      const seen = polls;
      await eventually(() => polls >= seen + 3, 10_000, 'three polls');
      await site.idle();
      assert.equal(loads, 1, 'an unchanged token causes no rebuild');
      token = 'b';
      await eventually(() => loads >= 2 && site.snapshot.model?.page.name === `v${loads}`, 10_000, 'the rebuild');
    } finally {
      await site.stop();
    }
  });
});
