import { z } from 'zod';
import { createApiKey } from '../../../services/api-keys/createApiKey.js';
import { listApiKeys } from '../../../services/api-keys/queries.js';
import { revokeApiKey } from '../../../services/api-keys/revokeApiKey.js';
import { apiKey, createApiKeyInput, createdApiKey } from '../../../services/api-keys/schemas.js';
import { idParams, route } from '../../route.js';

const tag = 'API keys';

export const apiKeyRoutes = [
  route({ method: 'GET', path: '/api-keys', tag, scope: 'admin', summary: 'List API keys (never their secrets)',
    response: z.array(apiKey),
    handler: ({ ctx }) => listApiKeys(ctx) }),
  route({ method: 'POST', path: '/api-keys', tag, scope: 'admin', summary: 'Create a key; the response shows its secret, once',
    body: createApiKeyInput, response: createdApiKey,
    handler: ({ ctx, body }) => createApiKey(ctx, body) }),
  route({ method: 'DELETE', path: '/api-keys/:id', tag, scope: 'admin', summary: 'Revoke a key; it stops working at once',
    params: idParams, response: apiKey, status: 200,
    handler: ({ ctx, params }) => revokeApiKey(ctx, params.id) }),
];
