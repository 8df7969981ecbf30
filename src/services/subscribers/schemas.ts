// Subscriber input and answers. Email addresses are lower-cased; a webhook is
// a URL plus the contact email that confirms it and hears when it keeps failing.
import { z } from 'zod';
import { SUBSCRIBER_TYPES } from '../../domain/notifications.js';
import { isoTime, refList } from '../validation.js';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export const emailAddress = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .refine((s) => EMAIL.test(s) && !s.includes('..'), { message: 'must be an email address, e.g. name@example.com' })
  .transform((s) => s.toLowerCase());

export const webhookUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), { message: 'must be an http:// or https:// URL' })
  .refine((s) => !URL.canParse(s) || (new URL(s).username === '' && new URL(s).password === ''), { message: 'must not carry a user name or password' });

export const subscriberType = z.enum(SUBSCRIBER_TYPES);
export const subscriberState = z.enum(['pending', 'confirmed']);

const componentIds = refList('components').default([]).describe('the components to hear about; empty: everything');

/** The public form and the admin API share these fields; `email` is the contact of a webhook. */
export const subscribeInput = z
  .strictObject({
    type: subscriberType.default('email'),
    email: emailAddress.optional(),
    url: webhookUrl.optional(),
    component_ids: componentIds,
  })
  .superRefine((v, ctx) => {
    if (!v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: v.type === 'webhook' ? 'is required: the contact who confirms the webhook' : 'is required' });
    if (v.type === 'webhook' && !v.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required for a webhook subscriber' });
    if (v.type === 'email' && v.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'only a webhook subscriber has a URL' });
  });
export type SubscribeInput = z.output<typeof subscribeInput>;

export const createSubscriberInput = z
  .strictObject({
    type: subscriberType.default('email'),
    email: emailAddress.optional().describe('the address (email) or the contact email (webhook)'),
    url: webhookUrl.optional().describe('the webhook URL'),
    contact_email: emailAddress.optional().describe('the contact of a webhook; same as `email`'),
    component_ids: componentIds,
    confirmed: z.boolean().default(false).describe('true: already opted in elsewhere (a migration); false: send the double opt-in'),
  })
  .meta({ id: 'SubscriberCreate' });
export type CreateSubscriberInput = z.output<typeof createSubscriberInput>;

export const updateSubscriptionInput = z.strictObject({ component_ids: componentIds });

export const listSubscribersQuery = z.strictObject({
  state: subscriberState.optional(),
  type: subscriberType.optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListSubscribersQuery = z.output<typeof listSubscribersQuery>;

export const subscriber = z
  .object({
    id: z.string(),
    type: subscriberType,
    email: z.string().nullable().describe('the address of an email subscriber, the contact of a webhook'),
    url: z.string().nullable(),
    state: subscriberState,
    source: z.enum(['form', 'api', 'import']),
    component_ids: z.array(z.string()).describe('empty: everything'),
    signing_secret: z.string().nullable().describe('write-only: "••••" when set'),
    confirmed_at: isoTime.nullable(),
    disabled_at: isoTime.nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Subscriber' });
export type Subscriber = z.output<typeof subscriber>;

/** The create answer carries a webhook's signing secret, once. */
export const createdSubscriber = subscriber.meta({ id: 'SubscriberCreated' });

export const importSubscribersInput = z
  .strictObject({ csv: z.string().min(1, 'must not be empty').max(5_000_000, 'must be at most 5,000,000 characters') })
  .meta({ id: 'SubscriberImport' });

export const importReport = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    refused: z.array(z.object({ line: z.number().int(), message: z.string() })).describe('rows not imported, with their line in the file'),
    secrets: z.array(z.object({ id: z.string(), url: z.string(), signing_secret: z.string() })).describe('signing secrets of the webhooks created, shown once'),
  })
  .meta({ id: 'SubscriberImportReport' });
export type ImportReport = z.output<typeof importReport>;
