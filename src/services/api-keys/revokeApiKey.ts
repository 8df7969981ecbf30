import { notFound } from '../../domain/errors.js';
import { getApiKey, revokeApiKey as revokeRow } from '../../store/api-keys.js';
import { transact, type ServiceContext } from '../context.js';
import { presentApiKey } from './present.js';
import type { ApiKey } from './schemas.js';

/** Revokes by id; revoking twice is harmless (the first revocation time is kept). */
export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<ApiKey> {
  return transact(ctx, async (tx) => {
    const before = await getApiKey(tx.db, id);
    if (!before) throw notFound('API key', id);
    if (before.revoked_at) return presentApiKey(before);
    await revokeRow(tx.db, id, tx.now);
    const after = presentApiKey({ ...before, revoked_at: tx.now });
    await tx.audit('api_key.revoke', { type: 'api_key', id }, presentApiKey(before), after);
    return after;
  });
}
