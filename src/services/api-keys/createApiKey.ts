import { validationError } from '../../domain/errors.js';
import { newId } from '../../lib/ids.js';
import { countApiKeys, insertApiKey } from '../../store/api-keys.js';
import type { ApiKeyRow } from '../../store/schema.js';
import { transact, type ServiceContext, type Tx } from '../context.js';
import { parseInput } from '../validation.js';
import { presentApiKey } from './present.js';
import { hasAnyApiKey } from './queries.js';
import { createApiKeyInput, type CreateApiKeyInput, type CreatedApiKey } from './schemas.js';
import { generateKeySecret } from './secret.js';

/** Creates a key and returns its secret; only the hash is stored, so this is the one time it is seen. */
export async function createApiKey(ctx: ServiceContext, raw: unknown): Promise<CreatedApiKey> {
  const input = parseInput(createApiKeyInput, raw);
  if (input.expires_at !== null && Date.parse(input.expires_at) <= ctx.clock.now().getTime()) {
    throw validationError([{ path: 'expires_at', message: 'must be in the future' }]);
  }
  return transact(ctx, (tx) => insertKey(tx, input));
}

/**
 * Creates an admin key only if the database has no key at all. Serializable,
 * so when several instances start at once on one PostgreSQL exactly one wins;
 * the others see its key and return null.
 */
export async function createFirstAdminKey(ctx: ServiceContext, name: string): Promise<CreatedApiKey | null> {
  const input = parseInput(createApiKeyInput, { name, scope: 'admin' });
  try {
    return await transact(ctx, async (tx) => ((await countApiKeys(tx.db)) > 0 ? null : insertKey(tx, input)), { isolation: 'serializable' });
  } catch (err) {
    if (await hasAnyApiKey(ctx)) return null;
    throw err;
  }
}

async function insertKey(tx: Tx, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const secret = generateKeySecret();
  const row: ApiKeyRow = {
    id: newId(),
    name: input.name,
    prefix: secret.prefix,
    hash: secret.hash,
    scope: input.scope,
    created_at: tx.now,
    revoked_at: null,
    expires_at: input.expires_at,
    last_used_at: null,
  };
  await insertApiKey(tx.db, row);
  const shown = presentApiKey(row);
  await tx.audit('api_key.create', { type: 'api_key', id: row.id }, null, shown);
  return { ...shown, key: secret.key };
}
