// The very first start creates an admin key, so a new user can reach the API
// without any other tool. It is printed once: only its hash is stored.
import { createFirstAdminKey } from '../services/api-keys/createApiKey.js';
import type { CreatedApiKey } from '../services/api-keys/schemas.js';
import type { ServiceContext } from '../services/context.js';

export const BOOTSTRAP_KEY_NAME = 'admin (created at first start)';

/** Creates an admin key when the database has no key at all (revoked ones count); otherwise null. */
export async function bootstrapAdminKey(ctx: ServiceContext): Promise<CreatedApiKey | null> {
  return createFirstAdminKey(ctx, BOOTSTRAP_KEY_NAME);
}

export function adminKeyBanner(key: string, publicUrl: string): string {
  const rule = '='.repeat(78);
  return [
    rule,
    '  Vigil created an admin API key for this new database:',
    '',
    `      ${key}`,
    '',
    '  It is shown only this once (only its hash is stored): keep it somewhere safe.',
    `  Try it:  curl -H "Authorization: Bearer ${key}" ${publicUrl}/api/v1/components`,
    '  More keys: vigil keys create --scope read|write|admin    Revoke: vigil keys revoke <id>',
    rule,
    '',
  ].join('\n');
}
