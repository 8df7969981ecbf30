// Slack incoming webhooks with Block Kit: a header, the status and text, the
// facts, a context line and a button back to the page; `text` is the
// notification fallback. Lengths stay inside Slack's documented limits
// (header 150, section text 3000, field 2000, button text 75, url 3000, 50 blocks).
import { linkFor, type EventContent, type Tone } from '../render/content.js';
import { Lru, perEvent } from '../render/lru.js';
import { renderContent } from '../render/content.js';
import { truncate } from '../render/text.js';
import type { HttpPoster } from './http-post.js';
import { noTarget, targetUrl } from './target-config.js';
import type { Channel, Message, PageFacts } from './types.js';

/** Slack's three control characters in mrkdwn; escaping them also stops <!channel>-style mentions. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cut escaped text without leaving half an entity behind. */
function cutEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${truncate(text, max).slice(0, -1).replace(/&[a-z]*$/, '')}…`;
}

const EMOJI: Record<Tone, string> = { major: ':red_circle:', partial: ':large_orange_circle:', degraded: ':large_yellow_circle:', maintenance: ':large_blue_circle:', ok: ':large_green_circle:', info: ':white_circle:' };

export function slackPayload(content: EventContent, page: PageFacts, link: string): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(content.title || content.status, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: cutEscaped(`${EMOJI[content.tone]} *${slackEscape(content.status)}*${content.text ? `\n${slackEscape(content.text)}` : ''}`, 3000) } },
  ];
  if (content.facts.length) {
    blocks.push({ type: 'section', fields: content.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: cutEscaped(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, 2000) })) });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cutEscaped(`${slackEscape(page.name)} · ${slackEscape(content.time)}`, 3000) }] });
  if (link.length <= 3000) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: truncate(content.linkLabel, 75) }, url: link }] });
  }
  return { text: cutEscaped(slackEscape(`${content.subject}: ${content.status}${content.text ? ` — ${content.text}` : ''}`), 3000), blocks };
}

export function createSlackChannel(options: { poster: HttpPoster; concurrency: number }): Channel {
  const cache = new Lru<string, { content: EventContent; json: string | null }>(64);
  return {
    type: 'slack',
    limits: { concurrency: options.concurrency, perTargetPerSecond: 1 },
    async send(message: Message) {
      const url = targetUrl(message.recipient);
      if (!url) return noTarget('Slack webhook URL');
      const { event, page, recipient } = message;
      const entry = perEvent(cache, event, page, () => {
        const content = renderContent(event, page);
        return { content, json: content.recipientLink ? null : JSON.stringify(slackPayload(content, page, content.link)) };
      });
      const body = entry.json ?? JSON.stringify(slackPayload(entry.content, page, linkFor(entry.content, recipient)));
      return options.poster.post(url, body, { 'Content-Type': 'application/json', 'User-Agent': 'Vigil/1' });
    },
    async close() {},
  };
}
