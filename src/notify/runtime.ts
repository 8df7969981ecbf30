// What the web role uses from the notification side: a channel test sent at
// once through the real channel (outside the outbox), whether SMTP is set up,
// and a nudge for this process's worker after something was queued.
import type { Kysely } from 'kysely';
import type { ChannelType, NotificationEvent } from '../domain/notifications.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { ChannelTestResult, NotificationRuntime } from '../services/notifications/runtime.js';
import type { ChannelRow, DB } from '../store/schema.js';
import { getSettingsRow } from '../store/settings.js';
import type { ChannelSource } from './worker.js';

export interface RuntimeOptions {
  db: Kysely<DB>;
  clock: Clock;
  channels: ChannelSource;
  smtpConfigured: boolean;
  publicUrl: string;
  /** This process's worker, when it runs the worker role. */
  wake?: () => void;
}

export function createNotificationRuntime(o: RuntimeOptions): NotificationRuntime {
  return {
    smtpConfigured: o.smtpConfigured,
    wake: o.wake,
    async testChannel(row: ChannelRow): Promise<ChannelTestResult> {
      const channel = o.channels.get(row.type as ChannelType);
      if (!channel) return { ok: false, error: row.type === 'email' ? 'email is not configured (set VIGIL_SMTP_URL)' : `${row.type} channels cannot send here` };
      let config: Record<string, unknown>;
      try {
        config = JSON.parse(row.config_json) as Record<string, unknown>;
      } catch {
        return { ok: false, error: 'the channel settings are unreadable' };
      }
      const s = await getSettingsRow(o.db);
      const now = o.clock.now();
      const event: NotificationEvent = {
        id: 0,
        kind: 'channel.test',
        audience: 'direct',
        created_at: now.toISOString(),
        thread_key: null,
        payload: { type: 'test', channel: { id: row.id, name: row.name, type: row.type as ChannelType }, requested_by: null },
      };
      const outcome = await channel.send({
        event,
        page: { id: s.page_id ?? '', name: s.name, url: (s.public_url ?? o.publicUrl).replace(/\/+$/, ''), logo_url: s.logo_url, accent_color: s.accent_color, time_zone: s.time_zone },
        recipient: { kind: 'channel', id: row.id, config, links: null },
        attempt: { delivery_id: 0, idempotency_key: `test-${row.id}-${newId()}`, attempt: 1 },
      });
      return outcome.ok ? { ok: true, error: null } : { ok: false, error: outcome.error };
    },
  };
}
