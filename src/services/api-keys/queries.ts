import { AppError } from '../../domain/errors.js';
import type { ApiKeyScope } from '../../domain/statuses.js';
import { countApiKeys, findApiKeyByHash, listApiKeys as listRows } from '../../store/api-keys.js';
import { read, type ServiceContext } from '../context.js';
import { presentApiKey } from './present.js';
import type { ApiKey } from './schemas.js';
import { hashKey } from './secret.js';

const RANK: Record<ApiKeyScope, number> = { read: 0, write: 1, admin: 2 };

export function scopeAllows(held: ApiKeyScope, needed: ApiKeyScope): boolean {
  return RANK[held] >= RANK[needed];
}

export function listApiKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  return read(ctx, async (db) => (await listRows(db)).map(presentApiKey));
}

export function hasAnyApiKey(ctx: ServiceContext): Promise<boolean> {
  return read(ctx, async (db) => (await countApiKeys(db)) > 0);
}

/** The key behind a bearer token, or UNAUTHENTICATED. Unknown and revoked keys get the same answer. */
export async function authenticate(ctx: ServiceContext, token: string): Promise<ApiKey> {
  const row = await read(ctx, (db) => findApiKeyByHash(db, hashKey(token)));
  if (!row || row.revoked_at) throw new AppError('UNAUTHENTICATED', 'the API key is not valid or has been revoked');
  return presentApiKey(row);
}
