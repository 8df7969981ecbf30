import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { everyEvent, incidentEvent, page, subscriber, teamChannel } from '../channels/sample-events.test-support.js';
import { linkFor, renderContent, TONE_COLORS } from './content.js';
import { formatTime, truncate } from './text.js';

describe('event content', () => {
  test('every kind of every audience renders a title, status, text, colour and a link into the page', () => {
    for (const ev of everyEvent()) {
      const c = renderContent(ev, page);
      assert.ok(c.title.length > 0, ev.kind);
      assert.ok(c.status.length > 0, ev.kind);
      assert.ok(c.text.length > 0, ev.kind);
      assert.equal(c.subject, `[Acme Status] ${c.title}`);
      assert.match(c.color, /^#[0-9a-f]{6}$/);
      assert.ok(c.link.startsWith(page.url), `${ev.kind}: ${c.link}`);
      assert.doesNotMatch(c.time, /\d{4}-\d\d-\d\dT/, 'times read as wall clock, not ISO');
    }
  });

  test('links follow the page: incidents, maintenances, monitors, the page', () => {
    const byKind = new Map(everyEvent().map((e) => [`${e.audience} ${e.kind}`, renderContent(e, page)]));
    assert.equal(byKind.get('public incident.created')!.link, 'https://status.acme.test/incidents/inc000000001');
    assert.equal(byKind.get('public maintenance.scheduled')!.link, 'https://status.acme.test/maintenances/mnt000000001');
    assert.equal(byKind.get('responders monitor.down')!.link, 'https://status.acme.test/api/v1/monitors/mon000000001');
    assert.equal(byKind.get('public component.status_changed')!.link, 'https://status.acme.test');
    assert.equal(byKind.get('responders monitor.storm')!.link, 'https://status.acme.test/incidents/inc000000001');
  });

  test('the confirmation links to the recipient own confirm link', () => {
    const confirm = everyEvent().find((e) => e.kind === 'subscription.confirm')!;
    const c = renderContent(confirm, page);
    assert.equal(linkFor(c, subscriber({ to: ['bob@example.test'] })), 'https://status.acme.test/subscriptions/confirm?token=c.tok');
    assert.match(c.text, /bob@example\.test/);
    const disabled = renderContent(everyEvent().find((e) => e.kind === 'subscription.disabled')!, page);
    assert.equal(linkFor(disabled, subscriber({})), 'https://status.acme.test/subscriptions/manage?token=m.tok');
    // A team channel has no links of its own: the page.
    assert.equal(linkFor(c, teamChannel({})), page.url);
  });

  test('one incident keeps one subject from creation to resolution; the update shown is the one named', () => {
    const created = renderContent(incidentEvent('incident.created', {}, 'upd000000001'), page);
    const resolved = renderContent(incidentEvent('incident.resolved', { status: 'resolved' }, 'upd000000002'), page);
    assert.equal(created.subject, resolved.subject);
    assert.equal(created.text, 'We are investigating errors on the API.');
    assert.equal(created.status, 'Investigating');
    assert.equal(resolved.color, TONE_COLORS.ok);
    assert.equal(created.color, TONE_COLORS.partial);
  });

  test('times read in the page time zone with its abbreviation', () => {
    assert.equal(formatTime('2026-07-01T10:20:00.000Z', 'Europe/London'), 'Jul 1, 2026 11:20 BST');
    assert.equal(formatTime('2026-12-01T10:20:00.000Z', 'America/Los_Angeles'), 'Dec 1, 2026 02:20 PST');
    assert.equal(renderContent(incidentEvent('incident.updated'), page).time, 'Jul 1, 2026 11:20 BST');
  });

  test('truncation never splits a surrogate pair', () => {
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(truncate('ab😀cd', 4), 'ab…');
    assert.equal(truncate('short', 10), 'short');
  });
});
