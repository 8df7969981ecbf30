// The benchmark's audience: confirmed email and webhook subscribers to every
// component. Through the admin API's import (Statuspage's CSV layout: email
// rows with "skip confirmation", webhook rows with a contact) when the server
// has it; otherwise written straight into the subscribers table in the shape
// the subscription services give them (confirmed, own link nonce, a signing
// secret for webhooks), without audit rows. Setup either way, not measured.
import { randomBytes } from 'node:crypto';
import { newId } from '../../src/lib/ids.js';
import { openDatabase } from '../../src/store/database.js';
import type { SubscriberTable } from '../../src/store/schema.js';

export type ImportCall = (csv: string) => Promise<{ status: number; json: any }>;

/** Says which way the subscribers went in. */
export async function seedSubscribers(url: string, emails: readonly string[], webhookUrls: readonly string[], importCsv: ImportCall): Promise<string> {
  const csv = [...emails.map((a) => `email,${a},yes,`), ...webhookUrls.map((u) => `webhook,${u},owner@example.com,`)].join('\n');
  const answer = await importCsv(csv);
  if (answer.status === 404) {
    await insertConfirmedSubscribers(url, emails, webhookUrls);
    return 'inserted into the subscribers table (no import endpoint)';
  }
  const created = Number(answer.json?.created);
  if (answer.status >= 300 || created !== emails.length + webhookUrls.length) {
    throw new Error(`the subscriber import answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 500)}`);
  }
  return `imported through POST /api/v1/subscribers/import (${created} created)`;
}

export async function insertConfirmedSubscribers(url: string, emails: readonly string[], webhookUrls: readonly string[]): Promise<void> {
  const database = openDatabase(url, { poolSize: 2 });
  const now = new Date().toISOString();
  const row = (type: 'email' | 'webhook', address: string): SubscriberTable => ({
    id: newId(),
    type,
    address,
    contact_email: type === 'webhook' ? 'owner@example.com' : null,
    state: 'confirmed',
    signing_secret: type === 'webhook' ? randomBytes(24).toString('base64url') : null,
    link_nonce: randomBytes(12).toString('base64url'),
    source: 'import',
    failing_since: null,
    disabled_at: null,
    confirmed_at: now,
    created_at: now,
    updated_at: now,
  });
  const rows = [...emails.map((a) => row('email', a)), ...webhookUrls.map((u) => row('webhook', u))];
  try {
    await database.db.transaction().execute(async (tx) => {
      // 13 columns × 500 rows stays under SQLite's and PostgreSQL's bound-parameter limits.
      for (let i = 0; i < rows.length; i += 500) await tx.insertInto('subscribers').values(rows.slice(i, i + 500)).execute();
    });
  } finally {
    await database.close();
  }
}
