import { conflict, notFound } from '../../domain/errors.js';
import { getApiKey, lockActiveAdminKeys, revokeApiKey as revokeRow } from '../../store/api-keys.js';
import { transact, type ServiceContext } from '../context.js';
import { presentApiKey } from './present.js';
import type { ApiKey } from './schemas.js';

export const LAST_ADMIN_KEY_MESSAGE =
  'this is the last active admin key: revoking it would leave no key that can manage keys. ' +
  'Create another admin key first (vigil keys create --scope admin, or POST /api/v1/api-keys with "scope": "admin"), then revoke this one';

/**
 * Revokes by id; revoking twice is harmless (the first revocation time is
 * kept). The last active admin key is refused, so the API never locks itself out.
 */
export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<ApiKey> {
  return transact(ctx, async (tx) => {
    const before = await getApiKey(tx.db, id);
    if (!before) throw notFound('API key', id);
    if (before.revoked_at) return presentApiKey(before);
    // An expired admin key no longer counts, so revoking it leaves nothing worse.
    const active = before.expires_at === null || before.expires_at > tx.now;
    if (before.scope === 'admin' && active) {
      const others = (await lockActiveAdminKeys(tx.db, tx.now)).filter((k) => k.id !== id);
      if (others.length === 0) throw conflict(LAST_ADMIN_KEY_MESSAGE);
    }
    await revokeRow(tx.db, id, tx.now);
    const after = presentApiKey({ ...before, revoked_at: tx.now });
    await tx.audit('api_key.revoke', { type: 'api_key', id }, presentApiKey(before), after);
    return after;
  });
}
