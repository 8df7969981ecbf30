// Microsoft Teams through a Workflows webhook ("post to a channel when a webhook
// request is received"): a message with one Adaptive Card 1.4 attachment, its
// status coloured, the facts as a FactSet and an Action.OpenUrl back to the page.
import { linkFor, renderContent, type EventContent, type Tone } from '../render/content.js';
import { Lru, perEvent } from '../render/lru.js';
import { truncate } from '../render/text.js';
import type { HttpPoster } from './http-post.js';
import { noTarget, targetUrl } from './target-config.js';
import type { Channel, Message, PageFacts } from './types.js';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

const COLORS: Record<Tone, string> = { major: 'Attention', partial: 'Warning', degraded: 'Warning', maintenance: 'Accent', ok: 'Good', info: 'Default' };

export function teamsPayload(content: EventContent, page: PageFacts, link: string): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: truncate(page.name, 200), size: 'Small', isSubtle: true, wrap: true },
    { type: 'TextBlock', text: truncate(content.title || content.status, 400), size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: truncate(content.status, 200), color: COLORS[content.tone], weight: 'Bolder', wrap: true },
  ];
  if (content.text) body.push({ type: 'TextBlock', text: truncate(content.text, 4000), wrap: true });
  if (content.facts.length) body.push({ type: 'FactSet', facts: content.facts.slice(0, 12).map((f) => ({ title: truncate(f.label, 100), value: truncate(f.value, 1000) })) });
  body.push({ type: 'TextBlock', text: content.time, size: 'Small', isSubtle: true, wrap: true });
  const card = {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    actions: [{ type: 'Action.OpenUrl', title: truncate(content.linkLabel, 100), url: link }],
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

export function createTeamsChannel(options: { poster: HttpPoster; concurrency: number }): Channel {
  const cache = new Lru<string, { content: EventContent; json: string | null }>(64);
  return {
    type: 'teams',
    // Workflows webhooks throttle bursts per flow; a couple a second keeps well clear.
    limits: { concurrency: options.concurrency, perTargetPerSecond: 2 },
    async send(message: Message) {
      const url = targetUrl(message.recipient);
      if (!url) return noTarget('Teams webhook URL');
      const { event, page, recipient } = message;
      const entry = perEvent(cache, event, page, () => {
        const content = renderContent(event, page);
        return { content, json: content.recipientLink ? null : JSON.stringify(teamsPayload(content, page, content.link)) };
      });
      const body = entry.json ?? JSON.stringify(teamsPayload(entry.content, page, linkFor(entry.content, recipient)));
      return options.poster.post(url, body, { 'Content-Type': 'application/json', 'User-Agent': 'Vigil/1' });
    },
    async close() {},
  };
}
