import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_DOWN_BODY,
  DEFAULT_DOWN_TITLE,
  DEFAULT_RECOVERED_BODY,
  DEFAULT_RESOLVED_BODY,
  incidentTextVars,
  renderTemplate,
  STORM_LIST_CAP,
  stormBody,
  stormTitle,
} from './monitor-incident-text.js';

const SINCE = Date.UTC(2024, 2, 10, 16, 9, 30);
const vars = incidentTextVars({
  monitor: { name: 'Checkout API', target: 'https://api.example.com/health' },
  reason: 'connection refused.',
  since: SINCE,
  now: SINCE + (2 * 60 + 49) * 60_000,
});

test('the placeholders Vigil fills', () => {
  assert.deepEqual(vars, {
    'monitor.name': 'Checkout API',
    'monitor.target': 'https://api.example.com/health',
    reason: 'connection refused',
    since: '2024-03-10 16:09 UTC',
    duration: '2h 49m',
  });
  const t = '{{monitor.name}} ({{monitor.target}}) failed at {{since}} after {{duration}}: {{reason}}';
  assert.equal(renderTemplate(t, vars), 'Checkout API (https://api.example.com/health) failed at 2024-03-10 16:09 UTC after 2h 49m: connection refused');
});

test('default texts', () => {
  assert.equal(renderTemplate(DEFAULT_DOWN_TITLE, vars), 'Checkout API is down');
  assert.equal(
    renderTemplate(DEFAULT_DOWN_BODY, vars),
    'Our monitoring detected that Checkout API is not responding: connection refused. We are investigating.',
  );
  assert.equal(renderTemplate(DEFAULT_RECOVERED_BODY, vars), 'Checkout API has recovered after 2h 49m; we are monitoring.');
  assert.equal(renderTemplate(DEFAULT_RESOLVED_BODY, vars), 'Checkout API is working normally again. This incident has been resolved.');
});

test('unknown or undefined placeholders are left as written; spaces inside braces are allowed', () => {
  assert.equal(renderTemplate('{{ monitor.name }} {{nope}} {{ other.thing }} {{}} {{reason', vars), 'Checkout API {{nope}} {{ other.thing }} {{}} {{reason');
  assert.equal(renderTemplate('{{a}}', { a: undefined }), '{{a}}');
  assert.equal(renderTemplate('{{a}}', { a: '' }), '');
  assert.equal(renderTemplate('{{constructor}} {{toString}}', {}), '{{constructor}} {{toString}}', 'no prototype lookups');
});

test('substitution is one pass and never runs code', () => {
  const v = { 'monitor.name': '{{reason}} ${process.exit()}', reason: 'boom' };
  assert.equal(renderTemplate('{{monitor.name}} / {{reason}}', v), '{{reason}} ${process.exit()} / boom');
  assert.equal(renderTemplate('{{reason}}', { reason: '$& $1 $$' }), '$& $1 $$', 'replacement patterns are literal');
  assert.equal(renderTemplate('${1+1} {{ 1+1 }} {{monitor.name.constructor}}', vars), '${1+1} {{ 1+1 }} {{monitor.name.constructor}}');
});

test('vars: blank reasons, missing target, multi-line values, short outages', () => {
  const v = incidentTextVars({ monitor: { name: 'Web\n  site', target: null }, reason: '  \n', since: SINCE, now: SINCE + 20_000 });
  assert.equal(v['monitor.name'], 'Web site');
  assert.equal(v['monitor.target'], '');
  assert.equal(v.reason, 'no details available');
  assert.equal(v.duration, 'under 1m');
  assert.equal(incidentTextVars({ monitor: { name: 'x', target: null }, reason: null, since: SINCE, now: SINCE - 5 }).duration, 'under 1m');
  assert.equal(incidentTextVars({ monitor: { name: 'x', target: null }, reason: 'expected status 200-399, got 503', since: SINCE, now: SINCE }).reason, 'HTTP 503');
});

test('storm titles name the shared cause', () => {
  assert.equal(stormTitle(40, null), '40 monitors are down');
  assert.equal(stormTitle(1, null), '1 monitor is down');
  assert.equal(stormTitle(12, { kind: 'host', value: 'api.internal', matched: 12, total: 12 }), '12 monitors are down on host api.internal');
  assert.equal(stormTitle(7, { kind: 'network', value: '10.1.2.0/24', matched: 6, total: 7 }), '7 monitors are down in network 10.1.2.0/24');
  assert.equal(stormTitle(5, { kind: 'upstream', value: 'status.example.com' }), '5 monitors are down: upstream outage at status.example.com');
});

test('storm body lists the monitors and the likely cause', () => {
  const body = stormBody(['API', 'Web', 'DNS'], { kind: 'network', value: '10.1.2.0/24', matched: 3, total: 3 });
  assert.equal(
    body,
    [
      'Our monitoring detected that 3 monitors went down at about the same time (likely shared cause: all in network 10.1.2.0/24). We are investigating.',
      '',
      'Affected monitors:',
      '- API',
      '- Web',
      '- DNS',
    ].join('\n'),
  );
  assert.match(stormBody(['A'], null), /^Our monitoring detected that 1 monitor went down at about the same time\. We are investigating\./);
});

test('storm body caps the list with "and N more"', () => {
  const names = Array.from({ length: 73 }, (_, i) => `Monitor ${i + 1}`);
  const lines = stormBody(names, null).split('\n');
  const items = lines.filter((l) => l.startsWith('- '));
  assert.equal(items.length, STORM_LIST_CAP + 1);
  assert.equal(items[0], '- Monitor 1');
  assert.equal(items[STORM_LIST_CAP - 1], `- Monitor ${STORM_LIST_CAP}`);
  assert.equal(items.at(-1), `- and ${73 - STORM_LIST_CAP} more`);
  assert.ok(lines[0]!.includes('73 monitors'));
  const exactly = stormBody(names.slice(0, STORM_LIST_CAP), null);
  assert.ok(!exactly.includes('more'));
});
