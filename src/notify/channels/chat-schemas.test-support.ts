// The documented limits of the chat receivers, as zod schemas the payloads are
// checked against:
// - Slack Block Kit (docs.slack.dev/reference/block-kit): ≤ 50 blocks; header: plain_text ≤ 150;
//   section: text ≤ 3000, ≤ 10 fields of ≤ 2000; context: ≤ 10 elements; actions: ≤ 25 elements;
//   button: plain_text ≤ 75, url ≤ 3000.
// - Discord (discord.com/developers/docs/resources/message#embed-object-embed-limits): ≤ 10 embeds;
//   title ≤ 256, description ≤ 4096, ≤ 25 fields (name ≤ 256, value ≤ 1024), footer ≤ 2048,
//   6000 characters across them; color an integer.
// - Adaptive Cards (adaptivecards.io/explorer) as Teams Workflows webhooks take them: a message with
//   attachments of contentType application/vnd.microsoft.card.adaptive; the card's type and version
//   required; TextBlock.text, FactSet.facts[].title/value and Action.OpenUrl.url required.
import { z } from 'zod';

const plain = (max: number) => z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() }).strict();
const mrkdwn = (max: number) => z.object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max) }).strict();

const slackBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: plain(150), block_id: z.string().max(255).optional() }).strict(),
  z
    .object({ type: z.literal('section'), text: mrkdwn(3000).optional(), fields: z.array(mrkdwn(2000)).min(1).max(10).optional() })
    .strict()
    .refine((s) => s.text || s.fields, 'a section needs text or fields'),
  z.object({ type: z.literal('context'), elements: z.array(mrkdwn(3000)).min(1).max(10) }).strict(),
  z.object({ type: z.literal('actions'), elements: z.array(z.object({ type: z.literal('button'), text: plain(75), url: z.url().max(3000) }).strict()).min(1).max(25) }).strict(),
  z.object({ type: z.literal('divider') }).strict(),
]);

export const slackMessage = z.object({ text: z.string().min(1).max(40_000), blocks: z.array(slackBlock).min(1).max(50) }).strict();

const discordEmbed = z
  .object({
    title: z.string().max(256).optional(),
    description: z.string().max(4096).optional(),
    url: z.url().optional(),
    timestamp: z.iso.datetime().optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    footer: z.object({ text: z.string().min(1).max(2048), icon_url: z.url().optional() }).strict().optional(),
    fields: z.array(z.object({ name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean().optional() }).strict()).max(25).optional(),
  })
  .strict()
  .refine(
    (e) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) <= 6000,
    'an embed holds at most 6000 characters',
  );

export const discordMessage = z
  .object({
    content: z.string().max(2000).optional(),
    username: z.string().min(1).max(80).optional(),
    embeds: z.array(discordEmbed).min(1).max(10),
    allowed_mentions: z.object({ parse: z.array(z.enum(['roles', 'users', 'everyone'])) }).strict(),
  })
  .strict();

const cardElement = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TextBlock'), text: z.string().min(1), wrap: z.boolean().optional(), size: z.enum(['Small', 'Default', 'Medium', 'Large', 'ExtraLarge']).optional(), weight: z.enum(['Lighter', 'Default', 'Bolder']).optional(), color: z.enum(['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention']).optional(), isSubtle: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('FactSet'), facts: z.array(z.object({ title: z.string(), value: z.string() }).strict()).min(1) }).strict(),
]);

export const teamsMessage = z
  .object({
    type: z.literal('message'),
    attachments: z
      .array(
        z
          .object({
            contentType: z.literal('application/vnd.microsoft.card.adaptive'),
            contentUrl: z.null().optional(),
            content: z
              .object({
                $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
                type: z.literal('AdaptiveCard'),
                version: z.string().regex(/^1\.[0-5]$/),
                msteams: z.object({ width: z.literal('Full') }).optional(),
                body: z.array(cardElement).min(1),
                actions: z.array(z.object({ type: z.literal('Action.OpenUrl'), title: z.string().min(1), url: z.url() }).strict()).max(6).optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .length(1),
  })
  .strict();
