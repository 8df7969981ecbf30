import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Takes or renews the lease `name` for `holder` until `expiresAt` (epoch ms). Succeeds when the
 * lease is free, expired at `now`, or already ours; one statement, so two instances cannot both win.
 */
export async function acquireLease(db: Kysely<DB>, name: string, holder: string, now: number, expiresAt: number): Promise<boolean> {
  await db
    .insertInto('leases')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<', now)])),
    )
    .execute();
  const row = await db.selectFrom('leases').select('holder').where('name', '=', name).executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseLease(db: Kysely<DB>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}
