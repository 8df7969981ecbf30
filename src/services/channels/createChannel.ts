import { conflict } from '../../domain/errors.js';
import { newId } from '../../lib/ids.js';
import { getChannelByKey, insertChannel } from '../../store/channels.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { presentChannel, presentChannelConfig, type ChannelView } from './present.js';
import { createChannelInput, type Channel } from './schemas.js';
import { parseChannelConfig, rejectRefusedUrl, resolveRoutes, type ChannelWriteDeps } from './writes.js';

/** Adds one of the team's channels; its URL is vetted before the transaction (resolving a name must not hold a connection). */
export async function createChannel(ctx: ServiceContext, raw: unknown, deps: ChannelWriteDeps & ChannelView): Promise<Channel> {
  const input = parseInput(createChannelInput, raw);
  const config = parseChannelConfig(input.type, input.config);
  await rejectRefusedUrl(deps.strictOutbound, config);
  return transact(ctx, async (tx) => {
    if (input.key && (await getChannelByKey(tx.db, input.key))) throw conflict(`a channel with key "${input.key}" already exists`, { field: 'key' });
    const routes = await resolveRoutes(tx, input.routes);
    const row = {
      id: newId(),
      key: input.key ?? null,
      name: input.name,
      type: input.type,
      config_json: JSON.stringify(config),
      routes_json: JSON.stringify(routes),
      enabled: input.enabled ? 1 : 0,
      failing_since: null,
      disabled_at: null,
      disabled_reason: null,
      created_at: tx.now,
      updated_at: tx.now,
    };
    await insertChannel(tx.db, row);
    await tx.audit('channel.create', { type: 'channel', id: row.id }, null, presentChannelConfig(row));
    return presentChannel(row, deps);
  });
}
