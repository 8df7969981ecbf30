// Writes the planned channels inside the apply's transaction, with the same
// audit rows as the admin API; and vets their URLs with the strict outbound
// policy before anything is written (a refusal names the file's line).
import { getChannel, insertChannel, listChannels, updateChannel } from '../../store/channels.js';
import type { ChannelRow } from '../../store/schema.js';
import { configOf, presentChannelConfig } from '../channels/present.js';
import { vetChannelUrl } from '../channels/writes.js';
import { channelConfigSchemas } from '../channels/schemas.js';
import { read, type ServiceContext, type Tx } from '../context.js';
import type { TargetVetter } from '../monitors/vet-targets.js';
import { ConfigFileError, type LoadedConfig } from './config-file.js';
import type { ChannelValues } from './plan-channels.js';
import type { Upsert } from './plan-parts.js';

export async function applyChannels(tx: Tx, channels: Upsert<ChannelValues, ChannelRow>[]): Promise<void> {
  for (const c of channels) {
    const { key, name, type, config, routes, enabled } = c.values;
    const fields = { name, config_json: JSON.stringify(config), routes_json: JSON.stringify(routes), enabled: enabled ? 1 : 0, updated_at: tx.now };
    if (c.op === 'create') {
      await insertChannel(tx.db, { id: c.id, key, type, ...fields, failing_since: null, disabled_at: null, disabled_reason: null, created_at: tx.now });
      await tx.audit('channel.create', { type: 'channel', id: c.id }, null, presentChannelConfig((await getChannel(tx.db, c.id))!));
    } else if (c.op === 'update') {
      // Enabled again by the file: it starts over, as when turned on through the API.
      const reset = enabled && c.existing!.enabled === 0 ? { disabled_at: null, disabled_reason: null, failing_since: null } : {};
      await updateChannel(tx.db, c.id, { ...fields, ...reset });
      await tx.audit('channel.update', { type: 'channel', id: c.id }, presentChannelConfig(c.existing!), presentChannelConfig((await getChannel(tx.db, c.id))!));
    }
  }
}

/** New or changed channel URLs, vetted before the transaction (resolving a name must not hold a connection). */
export async function rejectRefusedChannelUrls(ctx: ServiceContext, loaded: LoadedConfig, vetter: TargetVetter): Promise<void> {
  const channels = loaded.config.channels;
  if (!channels || channels.length === 0) return;
  const stored = new Map((await read(ctx, listChannels)).filter((c) => c.key !== null).map((c) => [c.key!, c]));
  const issues = (
    await Promise.all(
      channels.map((c, i) => {
        const parsed = channelConfigSchemas[c.type].safeParse(c.config);
        // A bad config (or "••••", the stored URL) is reported by the planner, not here.
        if (!parsed.success) return [];
        const existing = stored.get(c.key);
        if (existing && 'url' in parsed.data && configOf(existing).url === parsed.data.url) return [];
        return vetChannelUrl(vetter, parsed.data, `channels[${i}].config.url`);
      }),
    )
  ).flat();
  if (issues.length > 0) throw new ConfigFileError(loaded.file, issues.map((issue) => loaded.problem(issue.path, issue.message)));
}
