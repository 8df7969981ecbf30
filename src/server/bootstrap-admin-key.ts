// The very first start creates an admin key, so a new user can reach the API
// without any other tool. It is printed once: only its hash is stored. So it
// is made only when nothing else can fail the start before the operator sees
// it (start.ts calls this after the web role listens).
import type { Logger } from 'pino';
import { createFirstAdminKey } from '../services/api-keys/createApiKey.js';
import type { CreatedApiKey } from '../services/api-keys/schemas.js';
import type { ServiceContext } from '../services/context.js';
import { reason, StartupError } from './errors.js';

export const BOOTSTRAP_KEY_NAME = 'admin (created at first start)';

/** Creates an admin key when the database has no key at all (revoked ones count); otherwise null. */
export async function bootstrapAdminKey(ctx: ServiceContext): Promise<CreatedApiKey | null> {
  return createFirstAdminKey(ctx, BOOTSTRAP_KEY_NAME);
}

export interface FirstKeyOutput {
  logger: Logger;
  stdout: { write(chunk: string): unknown };
  publicUrl: string;
  /** The database as described to the operator, for the error line. */
  where: string;
}

/** Creates the first admin key when the database has none and prints its banner at once. */
export async function createAndPrintFirstAdminKey(ctx: ServiceContext, out: FirstKeyOutput): Promise<void> {
  let created: CreatedApiKey | null;
  try {
    created = await bootstrapAdminKey(ctx);
  } catch (err) {
    throw new StartupError(`cannot create the first admin API key in the database at ${out.where}: ${reason(err)}`);
  }
  if (!created) return;
  out.logger.info({ key_id: created.id, prefix: created.prefix }, 'created the first admin API key');
  out.stdout.write(adminKeyBanner(created.key, out.publicUrl));
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
