import { z } from 'zod';
import { API_KEY_SCOPES } from '../../domain/statuses.js';
import { isoTime, timestamp } from '../validation.js';

export const apiKeyScope = z.enum(API_KEY_SCOPES);

export const createApiKeyInput = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    scope: apiKeyScope.default('read'),
    expires_at: timestamp.nullable().default(null).describe('when the key stops working (must be in the future); null: never'),
  })
  .meta({ id: 'ApiKeyCreate' });
export type CreateApiKeyInput = z.output<typeof createApiKeyInput>;

export const apiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scope: apiKeyScope,
    created_at: isoTime,
    revoked_at: isoTime.nullable(),
    expires_at: isoTime.nullable().describe('null: never expires'),
    last_used_at: isoTime.nullable().describe('when the key last authenticated a request, to the minute; null: never used'),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.output<typeof apiKey>;

/** Only the create response carries the secret, once. */
export const createdApiKey = apiKey.extend({ key: z.string() }).meta({ id: 'ApiKeyCreated' });
export type CreatedApiKey = z.output<typeof createdApiKey>;
