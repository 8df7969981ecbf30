// `vigil keys create|list|revoke`: API key management from the command line,
// for the first key of a new install and for scripts.
import { API_KEY_SCOPES, type ApiKeyScope } from '../../domain/statuses.js';
import { createApiKey } from '../../services/api-keys/createApiKey.js';
import { listApiKeys } from '../../services/api-keys/queries.js';
import { revokeApiKey } from '../../services/api-keys/revokeApiKey.js';
import type { ApiKey } from '../../services/api-keys/schemas.js';
import { withCliContext } from '../database.js';
import type { CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage.js';

export const keysUsage = `Usage:
  vigil keys create --scope read|write|admin [--name <name>] [--expires-in <30d|12h|90m|2w> | --expires-at <time>]
  vigil keys list [--json]
  vigil keys revoke <id>

create   Creates an API key and prints ONLY the key on stdout, so a script can
         capture it (KEY=$(vigil keys create --scope write)); details go to
         stderr. The key is shown this once: only its hash is stored.
         read: GET requests; write: also changes; admin: also API keys.
         --expires-in / --expires-at: the key stops working then (401 saying
         it expired); without either it never expires.
list     Shows every key (id, name, prefix, scope, created, last used, expires,
         revoked). The prefix is the key's first characters, to tell keys
         apart; last used is kept to the minute.
revoke   Revokes the key with this id at once; revoking twice is harmless.
         The last active admin key cannot be revoked: create another first.
`;

export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return create(rest, io);
    case 'list':
      return list(rest, io);
    case 'revoke':
      return revoke(rest, io);
    case undefined:
      throw new UsageError('keys needs a subcommand: create, list or revoke', 'keys');
    default:
      throw new UsageError(`unknown keys subcommand "${sub}" (use create, list or revoke)`, 'keys');
  }
}

async function create(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('keys', args, {
    scope: { type: 'string' },
    name: { type: 'string' },
    'expires-in': { type: 'string' },
    'expires-at': { type: 'string' },
  });
  const scope = values.scope as string | undefined;
  if (scope === undefined) throw new UsageError(`keys create needs --scope ${API_KEY_SCOPES.join('|')}`, 'keys');
  if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) {
    throw new UsageError(`--scope must be one of ${API_KEY_SCOPES.join(', ')}, got "${scope}"`, 'keys');
  }
  const expiresIn = values['expires-in'] as string | undefined;
  const expiresAt = values['expires-at'] as string | undefined;
  if (expiresIn !== undefined && expiresAt !== undefined) throw new UsageError('give --expires-in or --expires-at, not both', 'keys');
  const lifetime = expiresIn === undefined ? null : parseLifetime(expiresIn);
  const created = await withCliContext(io, (ctx) =>
    createApiKey(ctx, {
      name: (values.name as string | undefined) ?? `${ctx.actor.name} (cli)`,
      scope: scope as ApiKeyScope,
      expires_at: lifetime !== null ? new Date(ctx.clock.now().getTime() + lifetime).toISOString() : (expiresAt ?? null),
    }),
  );
  io.stdout.write(`${created.key}\n`);
  const expiry = created.expires_at ? `, expires ${created.expires_at}` : '';
  io.stderr.write(`created ${created.scope} key ${created.id} "${created.name}" (prefix ${created.prefix}${expiry}); it is shown only this once\n`);
  return 0;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `90m`, `12h`, `30d`, `2w` → milliseconds. */
export function parseLifetime(text: string): number {
  const m = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!]! : 0;
  if (ms <= 0) throw new UsageError(`--expires-in must be a number and a unit (m, h, d or w), like 30d; got "${text}"`, 'keys');
  return ms;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('keys', args, { json: { type: 'boolean' } });
  const { keys, now } = await withCliContext(io, async (ctx) => ({ keys: await listApiKeys(ctx), now: ctx.clock.now().toISOString() }));
  if (values.json) {
    io.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
  } else if (keys.length === 0) {
    io.stderr.write('no API keys yet (create one with: vigil keys create --scope admin)\n');
  } else {
    io.stdout.write(table(keys, now));
  }
  return 0;
}

async function revoke(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandLine('keys', args, {}, true);
  if (positionals.length !== 1) throw new UsageError('keys revoke needs exactly one key id (see vigil keys list)', 'keys');
  const key = await withCliContext(io, (ctx) => revokeApiKey(ctx, positionals[0]!));
  io.stdout.write(`revoked ${key.id} "${key.name}" (${key.revoked_at})\n`);
  return 0;
}

function table(keys: ApiKey[], now: string): string {
  const expiry = (k: ApiKey) => (k.expires_at === null ? '-' : k.expires_at <= now ? `${k.expires_at} (expired)` : k.expires_at);
  const rows = [
    ['ID', 'NAME', 'PREFIX', 'SCOPE', 'CREATED', 'LAST USED', 'EXPIRES', 'REVOKED'],
    ...keys.map((k) => [k.id, k.name, k.prefix, k.scope, k.created_at, k.last_used_at ?? '-', expiry(k), k.revoked_at ?? '-']),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')).join('\n') + '\n';
}
