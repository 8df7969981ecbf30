// Slack, Discord and Teams: every kind renders a payload inside the documented
// schema (also with very long text), and reaches a real receiver on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { z } from 'zod';
import { parsePolicyList, STRICT_DENY } from '../../domain/outbound-policy.js';
import { ManualClock } from '../../lib/clock.js';
import { createOutboundGuard } from '../../outbound/guard.js';
import { renderContent } from '../render/content.js';
import { discordMessage, slackMessage, teamsMessage } from './chat-schemas.test-support.js';
import { discordPayload } from './discord.js';
import { startReceiver, type HttpReceiver } from './http-receiver.test-support.js';
import { createChannels, type Channels } from './registry.js';
import { api, everyEvent, incidentEvent, message, page, subscriber, teamChannel } from './sample-events.test-support.js';
import { slackPayload } from './slack.js';
import { teamsPayload } from './teams.js';

const guard = createOutboundGuard({ deny: STRICT_DENY, allow: parsePolicyList('127.0.0.1/32', []).rules });

function valid(schema: z.ZodType, value: unknown, what: string): void {
  const result = schema.safeParse(value);
  assert.ok(result.success, `${what}: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))}`);
}

/** A 600-character name, a 19,000-character hostile update and 40 long component names. */
const long = () => {
  const ev = incidentEvent('incident.updated', { name: 'N'.repeat(600), components: Array.from({ length: 40 }, (_, i) => ({ ...api, id: `c${i}`, name: `Component ${i} `.repeat(30) })) });
  if (ev.payload.type === 'incident') ev.payload.incident.updates[0]!.body = '<!channel> & @everyone '.repeat(800);
  return ev;
};

describe('chat payloads against the documented schemas', () => {
  test('every kind, and very long text, fits Slack, Discord and Teams', () => {
    for (const ev of [...everyEvent(), long()]) {
      const c = renderContent(ev, page);
      valid(slackMessage, slackPayload(c, page, c.link), `slack ${ev.kind}`);
      valid(discordMessage, discordPayload(c, page, c.link, ev.created_at), `discord ${ev.kind}`);
      valid(teamsMessage, teamsPayload(c, page, c.link), `teams ${ev.kind}`);
    }
  });

  test('Slack text cannot mention or link on its own; Discord mentions are off; the colour follows the status', () => {
    const c = renderContent(long(), page);
    const slack = JSON.stringify(slackPayload(c, page, c.link));
    assert.ok(!slack.includes('<!channel>'));
    assert.ok(slack.includes('&lt;!channel&gt;'));
    const discord = discordPayload(c, page, c.link, '2026-07-01T10:20:00.000Z') as { allowed_mentions: unknown; embeds: { color: number }[] };
    assert.deepEqual(discord.allowed_mentions, { parse: [] });
    assert.equal(discord.embeds[0]!.color, 0xf76b15, 'a major-impact incident is orange');
    const resolved = renderContent(incidentEvent('incident.resolved', { status: 'resolved' }), page);
    assert.equal((discordPayload(resolved, page, resolved.link, '2026-07-01T10:20:00.000Z') as any).embeds[0].color, 0x2fa44f);
  });
});

describe('chat channels deliver to a real receiver', () => {
  let receiver: HttpReceiver;
  let channels: Channels;
  before(async () => {
    receiver = await startReceiver(() => ({ status: 200, body: 'ok' }));
    channels = createChannels({ smtp: null, outbound: guard, clock: new ManualClock('2026-07-01T10:20:00.000Z') });
  });
  after(async () => {
    await channels.close();
    await receiver.close();
  });

  for (const [type, schema] of [['slack', slackMessage], ['discord', discordMessage], ['teams', teamsMessage]] as const) {
    test(`${type}: the POST carries a valid payload with a link back to the incident`, async () => {
      receiver.requests.length = 0;
      const channel = channels.get(type)!;
      const outcome = await channel.send(message(incidentEvent('incident.updated'), teamChannel({ url: receiver.url(`/${type}/T1/secret`) })));
      assert.deepEqual(outcome, { ok: true });
      const [req] = await receiver.waitFor(1);
      assert.equal(req!.headers['content-type'], 'application/json');
      const body = JSON.parse(req!.body);
      valid(schema, body, type);
      assert.ok(req!.body.includes('https://status.acme.test/incidents/inc000000001'));
    });
  }

  test('a confirmation to a Slack subscriber links to its own confirm link', async () => {
    receiver.requests.length = 0;
    const confirm = everyEvent().find((e) => e.kind === 'subscription.confirm')!;
    await channels.get('slack')!.send(message(confirm, subscriber({ url: receiver.url('/slack/x') })));
    const [req] = await receiver.waitFor(1);
    assert.ok(req!.body.includes('subscriptions/confirm?token=c.tok'));
  });

  test('limits: Slack one a second per webhook, Discord and Teams two', () => {
    assert.deepEqual(channels.get('slack')!.limits, { concurrency: 50, perTargetPerSecond: 1 });
    assert.equal(channels.get('discord')!.limits.perTargetPerSecond, 2);
    assert.equal(channels.get('teams')!.limits.perTargetPerSecond, 2);
    assert.deepEqual(channels.get('webhook')!.limits, { concurrency: 50, perTargetPerSecond: null });
    assert.equal(channels.get('email'), null, 'no SMTP, no email channel');
  });
});
