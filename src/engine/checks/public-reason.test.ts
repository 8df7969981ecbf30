// What a peer sends is bounded and escaped in results, and never reaches
// public incident text: {{reason}} is chosen from the kind of failure.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { publicReason } from '../../domain/monitor-public-reason.js';
import { checkOptions } from '../../services/monitors/check-options.js';
import { downBody, joinedStormBody } from '../../services/engine/texts.js';
import type { MonitorRow } from '../../store/schema.js';
import { runCheck } from './registry.js';
import { serve, testContext, type Running } from './net.test-support.js';

const HOSTILE = '\u001b]0;owned\u0007\u001b[2J<script>alert(1)</script>\u202e' + 'A'.repeat(5000);
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202e]/;

function row(reason: string): MonitorRow {
  return { name: 'Checkout API', options_json: '{"url":"https://api.example.com/"}', state_changed_at: '2024-03-10T16:09:30.000Z', state_reason: reason, incident_body: null } as unknown as MonitorRow;
}

describe('peer material in results and public text', () => {
  let web: Running;
  let banner: Running;
  before(async () => {
    web = await serve(
      http.createServer((req, res) => {
        if (req.url === '/json') return void res.end(JSON.stringify({ status: HOSTILE }));
        if (req.url === '/summary.json') return void res.end(JSON.stringify({ status: { indicator: 'major', description: HOSTILE } }));
        if (req.url === '/down') return void res.writeHead(503).end(HOSTILE);
        res.end(HOSTILE);
      }),
    );
    banner = await serve(net.createServer((socket) => socket.end(HOSTILE)));
  });
  after(async () => {
    await web.close();
    await banner.close();
  });

  async function run(type: 'http' | 'tcp' | 'statuspage', options: Record<string, unknown>) {
    const parsed = checkOptions[type].parse(options);
    return runCheck(type, { id: 'm', options: parsed as never, interval_seconds: 60 }, testContext(2000));
  }

  const cases: [string, 'http' | 'tcp' | 'statuspage', () => Record<string, unknown>, string][] = [
    ['a JSON value', 'http', () => ({ url: `http://127.0.0.1:${web.port}/json`, json_path: '$.status', json_expected: 'ok' }), 'unexpected JSON value'],
    ['a missing keyword', 'http', () => ({ url: `http://127.0.0.1:${web.port}/`, keyword: 'healthy' }), 'keyword missing'],
    ['an HTTP status', 'http', () => ({ url: `http://127.0.0.1:${web.port}/down` }), 'HTTP 503'],
    ['a banner', 'tcp', () => ({ host: '127.0.0.1', port: banner.port, expect: 'SSH-2.0' }), 'unexpected response'],
    ['an upstream description', 'statuspage', () => ({ url: `http://127.0.0.1:${web.port}/summary.json` }), 'upstream reports a major outage'],
  ];

  for (const [what, type, options, phrase] of cases) {
    test(`${what}: the reason and detail hold a short escaped excerpt; the public text says "${phrase}"`, async () => {
      const result = await run(type, options());
      assert.equal(result.ok, false);
      const reason = result.reason ?? '';
      assert.ok(!UNSAFE.test(reason), reason);
      assert.ok(reason.length <= 400, `${reason.length} characters`);
      assert.ok(!reason.includes('A'.repeat(201)), 'at most 200 characters of peer text');
      for (const value of Object.values(result.detail ?? {})) {
        if (typeof value === 'string') assert.ok(!UNSAFE.test(value) && value.length <= 201, value);
      }
      assert.equal(publicReason(reason), phrase);
      const body = downBody(row(reason));
      assert.equal(body, `Our monitoring detected that Checkout API is not responding: ${phrase}. We are investigating.`);
      assert.equal(joinedStormBody(row(reason)), `Checkout API is down too: ${phrase}.`);
    });
  }

  test('reasons of every kind map to fixed public words; unknown ones to a generic phrase', () => {
    const table: [string, string][] = [
      ['connection refused (ECONNREFUSED)', 'connection refused'],
      ['timed out after 10s while connecting', 'timed out'],
      ['could not resolve api.example.com (ENOTFOUND)', 'host name not found'],
      ['TLS: certificate expired on 2024-01-01T00:00:00.000Z (3 days ago)', 'TLS certificate expired'],
      ['TLS: certificate is not valid for a.example (it covers DNS:b.example)', 'TLS certificate does not match the host name'],
      ['TLS: self-signed certificate', 'TLS certificate not trusted'],
      ['refused by outbound policy: address 169.254.169.254 is in the denied range 169.254.0.0/16 (link-local, cloud metadata)', 'the target is not permitted'],
      ['no ping for 3m 12s (expected every 60s + 60s grace)', 'no heartbeat received'],
      ['example.com does not exist (NXDOMAIN)', 'DNS name does not exist'],
      ['upstream component "<b>x</b>" reports major outage', 'upstream component reports major outage'],
      ['something "\u001b[2J" nobody expected', 'the check failed'],
    ];
    for (const [reason, phrase] of table) assert.equal(publicReason(reason), phrase, reason);
  });
});
