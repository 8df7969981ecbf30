// Discord webhooks: one embed coloured by status (colour as an integer), with a
// link back. Within Discord's documented embed limits (title 256, description
// 4096, 25 fields of 256/1024, footer 2048, 6000 characters in all); mentions
// are switched off so no text from an incident can ping @everyone.
import { linkFor, renderContent, type EventContent } from '../render/content.js';
import { Lru, perEvent } from '../render/lru.js';
import { truncate } from '../render/text.js';
import type { HttpPoster } from './http-post.js';
import { noTarget, targetUrl } from './target-config.js';
import type { Channel, Message, PageFacts } from './types.js';

/** Static budgets that keep the sum under 6000: title 256 + description 2900 + 8 × (64 + 256) + footer 200. */
const FIELDS = 8;

export function discordPayload(content: EventContent, page: PageFacts, link: string, timestamp: string): Record<string, unknown> {
  const embed: Record<string, unknown> = {
    title: truncate(content.title || content.status, 256),
    description: truncate(`**${content.status}**${content.text ? `\n${content.text}` : ''}`, 2900),
    color: Number.parseInt(content.color.slice(1), 16),
    footer: { text: truncate(`${page.name} · ${content.time}`, 200) },
  };
  if (/^https?:\/\//.test(link)) embed['url'] = link;
  if (Number.isFinite(Date.parse(timestamp))) embed['timestamp'] = new Date(timestamp).toISOString();
  if (content.facts.length) {
    embed['fields'] = content.facts.slice(0, FIELDS).map((f) => ({ name: truncate(f.label, 64) || '—', value: truncate(f.value, 256) || '—', inline: f.value.length <= 40 }));
  }
  return { allowed_mentions: { parse: [] }, embeds: [embed] };
}

export function createDiscordChannel(options: { poster: HttpPoster; concurrency: number }): Channel {
  const cache = new Lru<string, { content: EventContent; json: string | null }>(64);
  return {
    type: 'discord',
    // Discord allows about 5 requests per 2 s per webhook.
    limits: { concurrency: options.concurrency, perTargetPerSecond: 2 },
    async send(message: Message) {
      const url = targetUrl(message.recipient);
      if (!url) return noTarget('Discord webhook URL');
      const { event, page, recipient } = message;
      const entry = perEvent(cache, event, page, () => {
        const content = renderContent(event, page);
        return { content, json: content.recipientLink ? null : JSON.stringify(discordPayload(content, page, content.link, event.created_at)) };
      });
      const body = entry.json ?? JSON.stringify(discordPayload(entry.content, page, linkFor(entry.content, recipient), event.created_at));
      return options.poster.post(url, body, { 'Content-Type': 'application/json', 'User-Agent': 'Vigil/1' });
    },
    async close() {},
  };
}
