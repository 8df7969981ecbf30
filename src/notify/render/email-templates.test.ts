import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { incidentEvent, page, subscriber, teamChannel } from '../channels/sample-events.test-support.js';
import { renderContent } from './content.js';
import { emailBodies, prepareEmail, safeColor } from './email-templates.js';

describe('email templates', () => {
  test('hostile text is escaped in HTML; no remote asset but the page logo', () => {
    const hostile = { ...page, name: '<script>alert(1)</script>', accent_color: 'red;background:url(https://evil.test/x)', logo_url: 'javascript:alert(1)' };
    const ev = incidentEvent('incident.created', { name: '"><img src=https://evil.test/p>' });
    if (ev.payload.type === 'incident') ev.payload.incident.updates[0]!.body = '<b onmouseover=x>hi</b> & bye';
    const { html, text } = emailBodies(prepareEmail(renderContent(ev, hostile), hostile), subscriber({}));
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img src=https://evil.test'));
    assert.ok(!html.includes('<b onmouseover'));
    assert.ok(!html.includes('javascript:'));
    assert.ok(!html.includes('evil.test/x'));
    assert.match(html, /&lt;b onmouseover=x&gt;hi&lt;\/b&gt; &amp; bye/);
    assert.match(text, /<b onmouseover=x>hi<\/b> & bye/, 'plain text stays plain');
    const remote = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(remote.every((u) => u!.startsWith('https://status.acme.test')), remote.join(' '));
  });

  test('logo, accent colour and subscriber links; team messages carry no unsubscribe', () => {
    const prepared = prepareEmail(renderContent(incidentEvent('incident.updated'), page), page);
    const sub = emailBodies(prepared, subscriber({}));
    assert.match(sub.html, /<img src="https:\/\/status\.acme\.test\/logo\.png"/);
    assert.match(sub.html, /#aa3377/);
    assert.match(sub.html, /subscriptions\/unsubscribe\?token=u\.tok/);
    assert.match(sub.text, /Unsubscribe: https:\/\/status\.acme\.test\/subscriptions\/unsubscribe\?token=u\.tok/);
    const team = emailBodies(prepared, teamChannel({}));
    assert.ok(!team.html.includes('unsubscribe'));
    assert.equal(safeColor('#abc'), '#abc');
    assert.equal(safeColor('blue'), '#3e7bfa');
  });
});
