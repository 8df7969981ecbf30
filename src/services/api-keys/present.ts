import type { ApiKeyScope } from '../../domain/statuses.js';
import type { ApiKeyRow } from '../../store/schema.js';
import type { ApiKey } from './schemas.js';

export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope as ApiKeyScope,
    created_at: row.created_at,
    revoked_at: row.revoked_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
  };
}

