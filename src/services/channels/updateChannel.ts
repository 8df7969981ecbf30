import { conflict, notFound, validationError } from '../../domain/errors.js';
import type { ChannelType } from '../../domain/notifications.js';
import { channelSecretFields, placeholderPaths, restoreSecrets } from '../../domain/secrets.js';
import { getChannel, getChannelByKey, updateChannel as updateRow } from '../../store/channels.js';
import type { ChannelRow, ChannelTable } from '../../store/schema.js';
import { read, transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { configOf, presentChannel, presentChannelConfig, type ChannelView } from './present.js';
import { updateChannelInput, type Channel, type ChannelConfig } from './schemas.js';
import { parseChannelConfig, rejectRefusedUrl, resolveRoutes, type ChannelWriteDeps } from './writes.js';
import type { Updateable } from 'kysely';

/**
 * Changes a channel. A config is given whole; "••••" in a secret field keeps the stored value, so
 * a client can send back what it read. A changed URL is vetted again; the type cannot change.
 */
export async function updateChannel(ctx: ServiceContext, id: string, raw: unknown, deps: ChannelWriteDeps & ChannelView): Promise<Channel> {
  const input = parseInput(updateChannelInput, raw);
  const stored = await read(ctx, (db) => getChannel(db, id));
  if (!stored) throw notFound('channel', id);
  const config = input.config === undefined ? undefined : restoredConfig(stored, input.config);
  if (config && 'url' in config && config.url !== configOf(stored).url) await rejectRefusedUrl(deps.strictOutbound, config);
  return transact(ctx, async (tx) => {
    const before = await getChannel(tx.db, id);
    if (!before) throw notFound('channel', id);
    if (before.config_json !== stored.config_json) throw conflict('the channel changed while this update was checked; try again');
    if (input.key) {
      const other = await getChannelByKey(tx.db, input.key);
      if (other && other.id !== id) throw conflict(`a channel with key "${input.key}" already exists`, { field: 'key' });
    }
    const patch: Updateable<ChannelTable> = { updated_at: tx.now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.key !== undefined) patch.key = input.key;
    if (config !== undefined) patch.config_json = JSON.stringify(config);
    if (input.routes !== undefined) patch.routes_json = JSON.stringify(await resolveRoutes(tx, input.routes));
    if (input.enabled !== undefined) {
      patch.enabled = input.enabled ? 1 : 0;
      // Turned on again by hand: it starts over, as if it had never failed.
      if (input.enabled) Object.assign(patch, { disabled_at: null, disabled_reason: null, failing_since: null });
    }
    await updateRow(tx.db, id, patch);
    const after = (await getChannel(tx.db, id))!;
    await tx.audit('channel.update', { type: 'channel', id }, presentChannelConfig(before), presentChannelConfig(after));
    return presentChannel(after, deps);
  });
}

function restoredConfig(stored: ChannelRow, given: Record<string, unknown>): ChannelConfig {
  const fields = channelSecretFields(stored.type);
  const restored = restoreSecrets(given, configOf(stored), fields);
  const missing = placeholderPaths(restored, fields);
  if (missing.length > 0) throw validationError(missing.map((p) => ({ path: `config.${p}`, message: 'is "••••" but no value is stored: give the value' })));
  return parseChannelConfig(stored.type as ChannelType, restored);
}
