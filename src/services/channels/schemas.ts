// The team's channels: a type, its config (validated per type once the type is
// known, so issues name `config.<field>`), and routing rules naming responder
// event kinds, monitors and components (by id or vigil.yaml key) and severities.
import { z } from 'zod';
import { CHANNEL_TYPES, RESPONDER_EVENT_KINDS } from '../../domain/notifications.js';
import { INCIDENT_IMPACTS } from '../../domain/statuses.js';
import { emailAddress } from '../subscribers/schemas.js';
import { isoTime, name, refList, stableKey } from '../validation.js';

export const channelType = z.enum(CHANNEL_TYPES);

const httpUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), { message: 'must be an http:// or https:// URL' })
  .refine((s) => !URL.canParse(s) || (new URL(s).username === '' && new URL(s).password === ''), { message: 'must not carry a user name or password' });

/** Each type's config; URLs and the webhook secret are write-only (domain/secrets.ts). */
export const channelConfigSchemas = {
  email: z.strictObject({ to: z.array(emailAddress).min(1, 'must list at least one address').max(50, 'must list at most 50 addresses') }),
  webhook: z.strictObject({
    url: httpUrl,
    secret: z.string().min(16, 'must be at least 16 characters').max(256, 'must be at most 256 characters').nullable().optional()
      .describe('signs each delivery (HMAC-SHA256); none: deliveries are not signed'),
  }),
  slack: z.strictObject({ url: httpUrl.describe('the incoming webhook URL (https://hooks.slack.com/services/…)') }),
  discord: z.strictObject({ url: httpUrl.describe('the webhook URL (https://discord.com/api/webhooks/…)') }),
  teams: z.strictObject({ url: httpUrl.describe('the workflow webhook URL') }),
} as const;

export type ChannelConfig = z.output<(typeof channelConfigSchemas)[keyof typeof channelConfigSchemas]>;

export const severity = z.enum(INCIDENT_IMPACTS);

export const routeRule = z
  .strictObject({
    events: z.array(z.enum(RESPONDER_EVENT_KINDS)).min(1).optional().describe('responder event kinds; omitted: every kind'),
    monitors: refList('monitors').min(1).optional().describe('monitors by id or vigil.yaml key; omitted: any (and events without a monitor)'),
    components: refList('components').min(1).optional().describe('components by id or vigil.yaml key; omitted: any'),
    severities: z.array(severity).min(1).optional().describe('incident impacts (a monitor\'s incident_impact); omitted: any'),
  })
  .meta({ id: 'ChannelRoute' });

const routes = z
  .array(routeRule)
  .max(50, 'at most 50 rules')
  .describe('an event goes to the channel when any rule matches it (every list a rule gives must contain the event\'s value); empty: every responder event');

const config = z.record(z.string(), z.unknown()).describe('email {to: [addresses]}; webhook {url, secret?}; slack, discord, teams {url}');

export const createChannelInput = z
  .strictObject({
    name,
    type: channelType,
    key: stableKey.nullable().optional(),
    config,
    routes: routes.default([]),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'ChannelCreate' });
export type CreateChannelInput = z.output<typeof createChannelInput>;

export const updateChannelInput = z
  .strictObject({
    name,
    key: stableKey.nullable(),
    config: config.describe('the whole config; "••••" in a secret field keeps the stored value'),
    routes,
    enabled: z.boolean().describe('true also re-enables a channel turned off after failing too long'),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field')
  .meta({ id: 'ChannelUpdate' });
export type UpdateChannelInput = z.output<typeof updateChannelInput>;

export const channel = z
  .object({
    id: z.string(),
    key: z.string().nullable(),
    name: z.string(),
    type: channelType,
    config: z.record(z.string(), z.unknown()).describe('secrets (URLs, the webhook secret) shown as "••••"'),
    routes: z.array(routeRule),
    enabled: z.boolean(),
    failing_since: isoTime.nullable(),
    disabled_at: isoTime.nullable(),
    disabled_reason: z.string().nullable(),
    smtp: z.enum(['configured', 'not configured']).optional().describe('email channels: without SMTP (VIGIL_SMTP_URL) messages wait in the outbox'),
    warnings: z.array(z.string()).describe('things that look wrong but are allowed, e.g. a Slack URL on another host'),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Channel' });
export type Channel = z.output<typeof channel>;

export const channelTestResult = z
  .object({ ok: z.boolean(), error: z.string().nullable().describe('the receiver\'s or the transport\'s answer when it failed') })
  .meta({ id: 'ChannelTestResult' });
