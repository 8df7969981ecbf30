import { AppError, notFound } from '../../domain/errors.js';
import { getChannel } from '../../store/channels.js';
import { read, type ServiceContext } from '../context.js';
import type { ChannelTestResult, NotificationRuntime } from '../notifications/runtime.js';

/**
 * Sends one test message through the channel now, outside the outbox, and says what the receiver
 * answered. Nothing is stored (a test is not a change), so there is no audit row.
 */
export async function testChannel(ctx: ServiceContext, runtime: NotificationRuntime | undefined, id: string): Promise<ChannelTestResult> {
  const row = await read(ctx, (db) => getChannel(db, id));
  if (!row) throw notFound('channel', id);
  if (!runtime) throw new AppError('UNAVAILABLE', 'notifications are not running in this process');
  return runtime.testChannel(row);
}
