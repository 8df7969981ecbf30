// Secrets the instances share through the database (subscription links).
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/** The named secret, made on first use; every instance then reads the same one. */
export async function signingKey(db: Kysely<DB>, name: string, now: string): Promise<string> {
  const found = await db.selectFrom('signing_keys').select('secret').where('name', '=', name).executeTakeFirst();
  if (found) return found.secret;
  await db
    .insertInto('signing_keys')
    .values({ name, secret: randomBytes(32).toString('base64url'), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('signing_keys').select('secret').where('name', '=', name).executeTakeFirstOrThrow();
  return row.secret;
}
