// The channels of one process, made once by the composition root: email (when
// SMTP is configured) and the four HTTP channels sharing one guarded poster.
import type { Logger } from 'pino';
import type { ChannelType } from '../../domain/notifications.js';
import type { Clock } from '../../lib/clock.js';
import type { OutboundGuard } from '../../outbound/guard.js';
import { createDiscordChannel } from './discord.js';
import { createEmailChannel } from './email.js';
import { createHttpPoster, type HttpPostOptions } from './http-post.js';
import { createSlackChannel } from './slack.js';
import { createTeamsChannel } from './teams.js';
import type { Channel } from './types.js';
import { createWebhookChannel } from './webhook.js';

export interface SmtpSettings {
  url: string;
  from: string;
  pool: number;
  /** Trusted roots for the SMTP server's certificate (a private CA); default: the system's. */
  ca?: string[];
}

export interface ChannelsOptions {
  smtp: SmtpSettings | null;
  /** The strict guard: every HTTP target is checked at delivery. */
  outbound: OutboundGuard;
  clock: Clock;
  logger?: Logger;
  /** HTTP deliveries in flight per channel type (config.notify.httpConcurrency). */
  httpConcurrency?: number;
  /** `meta.documentation` of webhook payloads. */
  webhookDocumentationUrl?: string | null;
  /** Timeouts, answer size and trusted roots of the HTTP poster (defaults: 5 s, 10 s, 4 KB). */
  http?: Omit<HttpPostOptions, 'outbound' | 'clock'>;
}

export interface Channels {
  /** Null for email without SMTP: those messages wait in the outbox. */
  get(type: ChannelType): Channel | null;
  close(): Promise<void>;
}

export function createChannels(options: ChannelsOptions): Channels {
  const concurrency = options.httpConcurrency ?? 50;
  const poster = createHttpPoster({ ...options.http, outbound: options.outbound, clock: options.clock });
  const channels = new Map<ChannelType, Channel>([
    ['webhook', createWebhookChannel({ poster, clock: options.clock, concurrency, documentationUrl: options.webhookDocumentationUrl ?? null })],
    ['slack', createSlackChannel({ poster, concurrency })],
    ['discord', createDiscordChannel({ poster, concurrency })],
    ['teams', createTeamsChannel({ poster, concurrency })],
  ]);
  if (options.smtp) {
    channels.set('email', createEmailChannel({ ...options.smtp, clock: options.clock, ...(options.logger ? { logger: options.logger } : {}) }));
  } else {
    options.logger?.info('VIGIL_SMTP_URL is not set: email notifications wait in the outbox until SMTP is configured');
  }
  return {
    get: (type) => channels.get(type) ?? null,
    async close() {
      await Promise.all([...channels.values()].map((c) => c.close()));
      poster.close();
    },
  };
}
