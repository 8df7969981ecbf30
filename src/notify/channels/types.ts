// The one small interface every channel (email, webhook, Slack, Discord,
// Teams) implements. A channel renders and sends one message to one recipient
// and reports what happened; the worker decides about retries and state.
import type { ChannelType, NotificationEvent } from '../../domain/notifications.js';

/** The page as messages show it, read at delivery time. */
export interface PageFacts {
  id: string;
  name: string;
  /** The public URL links start with, without a trailing slash. */
  url: string;
  logo_url: string | null;
  accent_color: string | null;
  time_zone: string;
}

export interface Recipient {
  kind: 'subscriber' | 'channel';
  id: string;
  /**
   * The target: for a channel its stored config (email `{to: string[]}`, webhook `{url, secret?}`,
   * Slack/Discord/Teams `{url}`); for a subscriber `{to: [address]}` or `{url, secret}`.
   */
  config: Record<string, unknown>;
  /** A subscriber's signed links (services/subscribers/links.ts); null for the team's channels. */
  links: { confirm: string; unsubscribe: string; manage: string } | null;
}

export interface Attempt {
  delivery_id: number;
  /** The same on every attempt of one delivery: receivers drop duplicates by it. */
  idempotency_key: string;
  /** 1 for the first try. */
  attempt: number;
}

export interface Message {
  event: NotificationEvent;
  page: PageFacts;
  recipient: Recipient;
  attempt: Attempt;
}

export type SendOutcome =
  | { ok: true }
  /** permanent: retrying cannot help (4xx other than 408/429, a refused address); retry_after_ms from Retry-After. */
  | { ok: false; permanent: boolean; retry_after_ms: number | null; error: string };

export interface ChannelLimits {
  /** Messages in flight at once through this channel type. */
  concurrency: number;
  /** At most this many messages per second to one target (Slack: 1 per webhook); null: no limit. */
  perTargetPerSecond: number | null;
}

export interface Channel {
  readonly type: ChannelType;
  readonly limits: ChannelLimits;
  /** Never throws for a receiver's failure: every outcome is returned. */
  send(message: Message): Promise<SendOutcome>;
  close(): Promise<void>;
}
