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
  vigil keys create --scope read|write|admin [--name <name>]
  vigil keys list [--json]
  vigil keys revoke <id>

create   Creates an API key and prints ONLY the key on stdout, so a script can
         capture it (KEY=$(vigil keys create --scope write)); details go to
         stderr. The key is shown this once: only its hash is stored.
         read: GET requests; write: also changes; admin: also API keys.
list     Shows every key (id, name, prefix, scope, created, revoked). The
         prefix is the key's first characters, to tell keys apart.
revoke   Revokes the key with this id at once; revoking twice is harmless.
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
  const { values } = parseCommandLine('keys', args, { scope: { type: 'string' }, name: { type: 'string' } });
  const scope = values.scope as string | undefined;
  if (scope === undefined) throw new UsageError(`keys create needs --scope ${API_KEY_SCOPES.join('|')}`, 'keys');
  if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) {
    throw new UsageError(`--scope must be one of ${API_KEY_SCOPES.join(', ')}, got "${scope}"`, 'keys');
  }
  const created = await withCliContext(io, (ctx) =>
    createApiKey(ctx, { name: (values.name as string | undefined) ?? `${ctx.actor.name} (cli)`, scope: scope as ApiKeyScope }),
  );
  io.stdout.write(`${created.key}\n`);
  io.stderr.write(`created ${created.scope} key ${created.id} "${created.name}" (prefix ${created.prefix}); it is shown only this once\n`);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('keys', args, { json: { type: 'boolean' } });
  const keys = await withCliContext(io, listApiKeys);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
  } else if (keys.length === 0) {
    io.stderr.write('no API keys yet (create one with: vigil keys create --scope admin)\n');
  } else {
    io.stdout.write(table(keys));
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

function table(keys: ApiKey[]): string {
  const rows = [
    ['ID', 'NAME', 'PREFIX', 'SCOPE', 'CREATED', 'REVOKED'],
    ...keys.map((k) => [k.id, k.name, k.prefix, k.scope, k.created_at, k.revoked_at ?? '-']),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')).join('\n') + '\n';
}
