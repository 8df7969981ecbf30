import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { statuspageOptions } from '../../services/monitors/check-options.js';
import { statuspageCheck, summaryUrl } from './statuspage.js';
import { serve, testContext } from './net.test-support.js';
import type { Running } from './net.test-support.js';

// The upstream page: each request to summary.json serves the next body in the queue (the last one repeats).
let queue: string[] = [];
let requests: string[] = [];
let upstream: Running;

function summary(indicator: string, description: string, components: Array<{ id: string; name: string; status: string }> = []): string {
  return JSON.stringify({ page: { id: 'up1', name: 'Upstream' }, status: { indicator, description }, components, incidents: [] });
}

const COMPONENTS = [
  { id: 'cmp_api', name: 'API', status: 'operational' },
  { id: 'cmp_web', name: 'Website', status: 'major_outage' },
  { id: 'API', name: 'Legacy', status: 'partial_outage' },
];

before(async () => {
  upstream = await serve(
    http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/hang/api/v2/summary.json') return;
      if (req.url === '/missing/api/v2/summary.json') {
        res.statusCode = 404;
        return void res.end('{}');
      }
      const body = queue.length > 1 ? queue.shift()! : (queue[0] ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(body);
    }),
  );
});

after(async () => {
  await upstream.close();
});

async function check(options: Record<string, unknown>, timeoutMs = 3000) {
  return statuspageCheck.run({ id: 'm1', options: statuspageOptions.parse({ url: `http://127.0.0.1:${upstream.port}/`, ...options }), interval_seconds: 60 }, testContext(timeoutMs));
}

test('summary URL: base URLs get the v2 path, .json URLs are kept', () => {
  assert.equal(summaryUrl('https://status.example.com').href, 'https://status.example.com/api/v2/summary.json');
  assert.equal(summaryUrl('https://example.com/status/').href, 'https://example.com/status/api/v2/summary.json');
  assert.equal(summaryUrl('https://status.example.com/api/v2/status.json').href, 'https://status.example.com/api/v2/status.json');
});

test('the page indicator moves from none to major between requests', async () => {
  requests = [];
  queue = [summary('none', 'All Systems Operational'), summary('minor', 'Minor Service Outage'), summary('major', 'Partial System Outage')];
  const first = await check({});
  assert.equal(first.ok, true, first.reason ?? '');
  assert.equal(first.detail?.upstream_indicator, 'none');
  assert.equal(requests[0], '/api/v2/summary.json');
  const second = await check({});
  assert.equal(second.ok, true, 'minor is below the default down_at (major)');
  const third = await check({});
  assert.equal(third.ok, false);
  assert.equal(third.reason, 'upstream reports major: Partial System Outage');
  assert.equal(third.detail?.upstream_indicator, 'major');
});

test('down_at minor counts a minor outage', async () => {
  queue = [summary('minor', 'Minor Service Outage')];
  const r = await check({ down_at: 'minor' });
  assert.equal(r.reason, 'upstream reports minor: Minor Service Outage');
});

test('a component by id first, then by exact name', async () => {
  queue = [summary('major', 'Partial System Outage', COMPONENTS)];
  const byId = await check({ upstream_component: 'cmp_api' });
  assert.equal(byId.ok, true, 'the page is major but the followed component is operational');
  assert.equal(byId.detail?.upstream_status, 'operational');
  const byName = await check({ upstream_component: 'Website' });
  assert.equal(byName.ok, false);
  assert.equal(byName.reason, 'upstream component "Website" reports major outage');
  assert.equal(byName.detail?.upstream_status, 'major_outage');
  // "API" is both a name and an id: the id wins.
  const idWins = await check({ upstream_component: 'API' });
  assert.equal(idWins.reason, 'upstream component "Legacy" reports partial outage');
  const custom = await check({ upstream_component: 'Website', down_statuses: ['under_maintenance'] });
  assert.equal(custom.ok, true);
});

test('an unknown component fails and names it', async () => {
  queue = [summary('none', 'All Systems Operational', COMPONENTS)];
  const r = await check({ upstream_component: 'Payments' });
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'upstream component "Payments" not found (no component has that id or name)');
});

test('malformed JSON, a summary without status, and an HTTP error fail', async () => {
  queue = ['{"status": {"indicator": "none"'];
  assert.equal((await check({})).reason, 'upstream summary is not valid JSON');
  queue = ['{"page": {}}'];
  assert.equal((await check({})).reason, 'upstream summary has no valid status.indicator');
  const missing = await check({ url: `http://127.0.0.1:${upstream.port}/missing` });
  assert.equal(missing.reason, 'upstream summary answered HTTP 404');
});

test('an upstream that never answers times out', async () => {
  const r = await check({ url: `http://127.0.0.1:${upstream.port}/hang` }, 300);
  assert.equal(r.reason, 'timed out after 300 ms while waiting for the first byte');
});
