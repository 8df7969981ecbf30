import { notFound } from '../../domain/errors.js';
import { getChannel as getRow, listChannels as listRows } from '../../store/channels.js';
import { read, type ServiceContext } from '../context.js';
import { presentChannel, type ChannelView } from './present.js';
import type { Channel } from './schemas.js';

export async function listChannels(ctx: ServiceContext, view: ChannelView): Promise<Channel[]> {
  return (await read(ctx, listRows)).map((row) => presentChannel(row, view));
}

export async function getChannel(ctx: ServiceContext, id: string, view: ChannelView): Promise<Channel> {
  const row = await read(ctx, (db) => getRow(db, id));
  if (!row) throw notFound('channel', id);
  return presentChannel(row, view);
}
