import { AppError } from '../../domain/errors.js';
import { MS_PER_MINUTE } from '../../domain/time.js';
import type { ApiKeyScope } from '../../domain/statuses.js';
import { countApiKeys, findApiKeyByHash, listApiKeys as listRows, touchApiKey } from '../../store/api-keys.js';
import { read, transact, type ServiceContext } from '../context.js';
import { presentApiKey } from './present.js';
import type { ApiKey } from './schemas.js';
import { hashKey } from './secret.js';

const RANK: Record<ApiKeyScope, number> = { read: 0, write: 1, admin: 2 };

/** last_used_at moves at most this often per key: a read stays a read on every other request. */
export const LAST_USED_RESOLUTION_MS = MS_PER_MINUTE;

export function scopeAllows(held: ApiKeyScope, needed: ApiKeyScope): boolean {
  return RANK[held] >= RANK[needed];
}

export function listApiKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  return read(ctx, async (db) => (await listRows(db)).map(presentApiKey));
}

export function hasAnyApiKey(ctx: ServiceContext): Promise<boolean> {
  return read(ctx, async (db) => (await countApiKeys(db)) > 0);
}

/**
 * The key behind a bearer token, or UNAUTHENTICATED. Unknown and revoked keys
 * get the same answer; an expired key is told so (its holder needs a new one,
 * not a retry). A successful use stamps last_used_at, at most once a minute.
 */
export async function authenticate(ctx: ServiceContext, token: string): Promise<ApiKey> {
  const row = await read(ctx, (db) => findApiKeyByHash(db, hashKey(token)));
  if (!row || row.revoked_at) throw new AppError('UNAUTHENTICATED', 'the API key is not valid or has been revoked');
  const now = ctx.clock.now();
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) {
    throw new AppError('UNAUTHENTICATED', `the API key expired at ${row.expires_at}; create a new one (vigil keys create, or POST /api/v1/api-keys with an admin key)`);
  }
  const since = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (row.last_used_at === null || row.last_used_at <= since) {
    const stamp = now.toISOString();
    if (await touchKey(ctx, row.id, stamp, since)) return presentApiKey({ ...row, last_used_at: stamp });
  }
  return presentApiKey(row);
}

/**
 * Best effort: a request must not fail because its usage stamp could not be
 * written (a busy or read-only database still serves reads). Usage is data,
 * not a change someone made, so it writes no audit row.
 */
async function touchKey(ctx: ServiceContext, id: string, now: string, since: string): Promise<boolean> {
  try {
    return await transact(ctx, (tx) => touchApiKey(tx.db, id, now, since), { audit: false });
  } catch {
    return false;
  }
}
