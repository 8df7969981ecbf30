// Test support for the serving layer (not a test file itself): a minimal
// PublicModel, routes whose output is easy to predict, and a raw HTTP client
// that shows the bytes on the wire (fetch would decode them).
import http from 'node:http';
import type { PublicModel } from '../../../services/public/model.js';
import type { PublicRoute } from '../types.js';

export function stubModel(name: string, generatedAt = '2026-01-01T00:00:00.000Z'): PublicModel {
  return {
    generated_at: generatedAt,
    page: { id: 'page00000001', name, url: 'https://status.example.com', time_zone: 'Etc/UTC', updated_at: generatedAt, logo_url: null, accent_color: null },
    status: { indicator: 'none', description: 'All Systems Operational' },
    groups: [],
    components: [],
    incidents: [],
    maintenances: [],
    uptime: {},
  };
}

export interface TestRoutes {
  routes: PublicRoute[];
  /** How often `/page` and each `/items/<id>` were rendered. */
  renders: Map<string, number>;
}

/**
 * `/api/v2/test.json` (CORS), `/page` (HTML, large enough to compress), `/items/<id>` (404 unless
 * the page name contains the id; renders counted), `/boom` (the renderer throws).
 */
export function testRoutes(): TestRoutes {
  const renders = new Map<string, number>();
  const count = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1);
  const page = (m: PublicModel) => `<!doctype html><title>${m.page.name}</title>\n${`<p>${m.page.name} is fine at ${m.generated_at}</p>\n`.repeat(200)}`;
  return {
    renders,
    routes: [
      {
        match: (url) => (url.pathname === '/api/v2/test.json' ? url.pathname : null),
        render: (m) => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ page: m.page, padding: 'x'.repeat(500) }) }),
        cors: true,
      },
      {
        match: (url) => (url.pathname === '/page' ? '/page' : null),
        render: (m) => {
          count('/page');
          return { status: 200, contentType: 'text/html; charset=utf-8', body: page(m) };
        },
      },
      {
        match: (url) => /^\/items\/[a-z0-9]+$/.exec(url.pathname)?.[0] ?? null,
        render: (m, url) => {
          count(url.pathname);
          const id = url.pathname.slice('/items/'.length);
          return m.page.name.includes(id)
            ? { status: 200, contentType: 'text/plain; charset=utf-8', body: `item ${id} of ${m.page.name}\n`.repeat(40) }
            : { status: 404, contentType: 'text/plain; charset=utf-8', body: 'no such item\n' };
        },
      },
      {
        match: (url) => (url.pathname === '/boom' ? '/boom' : null),
        render: () => {
          throw new Error('renderer bug');
        },
      },
    ],
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly the given headers; the body is returned as received (not decoded). */
export function rawRequest(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Polls `check` until it returns true or the time runs out. Deadlines must exceed the designed refresh
 * latency: a rebuild may wait up to 5 s after the previous one (ADR 0008), more on a loaded machine.
 */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
