// Helpers for the subscription suites: signed links made as the worker makes
// them, form posts as a browser sends them, and the rows behind a subscriber.
import type { TokenPurpose } from '../../lib/signed-token.js';
import { linkSecret, subscriberLink } from '../../services/subscribers/links.js';
import type { TestApi } from '../../test/api-harness.test-support.js';

/** A relative link (`/subscriptions/confirm?token=…`) for the subscriber's current nonce, signed now. */
export async function linkFor(api: TestApi, subscriberId: string, purpose: TokenPurpose, now: Date): Promise<string> {
  const row = await api.database.db.selectFrom('subscribers').select(['id', 'link_nonce']).where('id', '=', subscriberId).executeTakeFirstOrThrow();
  return subscriberLink(await linkSecret(api.database.db, now), '', row, purpose, now);
}

export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** POSTs url-encoded fields (repeat a key with an array) as an HTML form does. */
export async function postForm(api: TestApi, path: string, fields: Record<string, string | string[]>): Promise<PageResponse> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const res = await fetch(api.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export async function getPage(api: TestApi, path: string): Promise<PageResponse> {
  const res = await fetch(api.baseUrl + path, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export async function subscriberRow(api: TestApi, type: string, address: string) {
  return api.database.db.selectFrom('subscribers').selectAll().where('type', '=', type).where('address', '=', address).executeTakeFirst();
}

export async function componentsOf(api: TestApi, subscriberId: string): Promise<string[]> {
  const rows = await api.database.db.selectFrom('subscriber_components').select('component_id').where('subscriber_id', '=', subscriberId).orderBy('component_id').execute();
  return rows.map((r) => r.component_id);
}

/** The double opt-in messages written to the outbox for a subscriber. */
export async function confirmEvents(api: TestApi, subscriberId: string) {
  return api.database.db.selectFrom('notification_events').selectAll().where('kind', '=', 'subscription.confirm').where('subject_id', '=', subscriberId).execute();
}
