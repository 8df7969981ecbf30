// A subscriber's signed links: confirm (double opt-in), manage and one-click
// unsubscribe. Used by the subscription pages and by the worker (every
// message to a subscriber carries its manage and unsubscribe links).
import type { Kysely } from 'kysely';
import { signToken, tokenSubject, verifyToken, type TokenPurpose } from '../../lib/signed-token.js';
import { signingKey } from '../../store/signing-keys.js';
import type { DB, SubscriberRow } from '../../store/schema.js';
import { getSubscriber } from '../../store/subscribers.js';

export const LINK_KEY = 'subscription-links';

/** How long each kind of link works. Unsubscribe links stay valid long: old mails must still let people leave. */
export const LINK_LIFETIME_MS: Record<TokenPurpose, number> = {
  confirm: 2 * 24 * 3600_000,
  manage: 30 * 24 * 3600_000,
  unsubscribe: 365 * 24 * 3600_000,
};

export const LINK_PATHS: Record<TokenPurpose, string> = {
  confirm: '/subscriptions/confirm',
  manage: '/subscriptions/manage',
  unsubscribe: '/subscriptions/unsubscribe',
};

export interface LinkSubject {
  id: string;
  link_nonce: string;
}

export function linkSecret(db: Kysely<DB>, now: Date): Promise<string> {
  return signingKey(db, LINK_KEY, now.toISOString());
}

/** `baseUrl` is the page's public URL without a trailing slash. */
export function subscriberLink(secret: string, baseUrl: string, subscriber: LinkSubject, purpose: TokenPurpose, now: Date): string {
  const token = signToken(secret, { purpose, subject: subscriber.id, nonce: subscriber.link_nonce, expiresAt: now.getTime() + LINK_LIFETIME_MS[purpose] });
  return `${baseUrl}${LINK_PATHS[purpose]}?token=${encodeURIComponent(token)}`;
}

/** What a link a subscriber followed turned out to be. */
export type LinkCheck =
  | { status: 'ok'; subscriber: SubscriberRow }
  /** Malformed, tampered with, for another purpose, or signed with a nonce since replaced. */
  | { status: 'invalid' }
  | { status: 'expired' }
  /** The subscriber no longer exists (unsubscribed or deleted). */
  | { status: 'gone' };

/** Loads the subscriber a token names and checks the token against its current nonce, for one purpose. */
export async function checkLink(db: Kysely<DB>, token: string, purpose: TokenPurpose, now: Date): Promise<LinkCheck> {
  const subject = tokenSubject(token);
  if (subject === null) return { status: 'invalid' };
  const subscriber = await getSubscriber(db, subject);
  if (!subscriber) return { status: 'gone' };
  const verdict = verifyToken(await linkSecret(db, now), token, { purpose, nonce: subscriber.link_nonce, nowMs: now.getTime() });
  return verdict === 'ok' ? { status: 'ok', subscriber } : { status: verdict };
}
