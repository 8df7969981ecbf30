import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PublicModel } from '../../../services/public/model.js';
import { fxComponent, fxGroup, fxIncident, fxMaintenance, fxModel, fxUpdate } from './fixtures.test-support.js';
import { executableMarkup, visibleText } from './html-text.test-support.js';
import { pageRoutes } from './index.js';
import { subscribeBox } from './subscribe-form.js';

function get(model: PublicModel, path: string) {
  const url = new URL(path, 'http://status.test');
  const route = pageRoutes.find((r) => r.match(url) !== null);
  assert.ok(route, `a page route answers ${path}`);
  return route.render(model, url);
}

describe('XSS: hostile names and bodies render inert', () => {
  const payloads = [
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    '[click me](javascript:alert(1))',
    '<a href="javascript:alert(1)">link</a>',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<iframe src="https://evil.test"></iframe>',
  ];
  const evil = payloads.join(' ');
  const comp = fxComponent({ name: `API ${evil}`, description: evil, status: 'major_outage' });
  const group = fxGroup({ name: `Group ${evil}`, description: evil, component_ids: [comp.id] });
  comp.group_id = group.id;
  const updates = payloads.map((p, i) => fxUpdate('investigating', p, `2021-04-01T1${i}:00:00Z`));
  const incident = fxIncident({ name: `Outage ${evil}`, component_ids: [comp.id], updates: updates.reverse() });
  const maintenance = fxMaintenance({ name: `Work ${evil}`, updates: [fxUpdate('scheduled', evil, '2021-03-30T10:00:00Z')] });
  const model = fxModel({ name: `Acme ${evil}`, components: [comp], groups: [group], incidents: [incident], maintenances: [maintenance] });

  for (const path of ['/', `/incidents/${incident.id}`, `/maintenances/${maintenance.id}`, '/history', '/incidents/unknown']) {
    test(`${path} has no executable markup, and shows the text as written`, () => {
      const { body } = get(model, path);
      // The home page's own subscribe form is the one form allowed; anything else that looks like one is not.
      assert.deepEqual(executableMarkup(body.replace(subscribeBox().value, '')), []);
      assert.ok(!/<script/i.test(body));
      assert.ok(body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'the payload is shown escaped');
    });
  }

  test('the checker itself spots executable markup, and ignores escaped text in quoted values', () => {
    for (const bad of ['<script>x</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '<a href=" JaVa&#x53;cript:x">', '<a href="data:text/html,x">', '<div onclick="x">', '<svg>']) {
      assert.equal(executableMarkup(bad).length, 1, bad);
    }
    assert.deepEqual(executableMarkup('<p title="&quot; onerror=alert(1)">x</p><a href="https://ok.test/javascript:">'), []);
  });

  test('links keep their text but lose dangerous targets', () => {
    const { body } = get(model, `/incidents/${incident.id}`);
    assert.match(body, /<a rel="nofollow noopener noreferrer">click me<\/a>/);
    assert.match(body, /<a rel="nofollow noopener noreferrer">data<\/a>/);
    assert.match(visibleText(body), /<img src=x onerror=alert\(1\)>/, 'raw HTML in a body is shown as text');
  });
});
