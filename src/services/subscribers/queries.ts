import { notFound } from '../../domain/errors.js';
import { getSubscriber as getRow, listSubscribers as listRows, subscriberComponentIds } from '../../store/subscribers.js';
import { read, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { presentSubscriber } from './present.js';
import { listSubscribersQuery, type Subscriber } from './schemas.js';

export async function listSubscribers(ctx: ServiceContext, raw: unknown): Promise<Subscriber[]> {
  const q = parseInput(listSubscribersQuery, raw);
  return read(ctx, async (db) => {
    const rows = await listRows(db, { state: q.state, type: q.type, limit: q.per_page, offset: (q.page - 1) * q.per_page });
    const components = await subscriberComponentIds(db, rows.map((r) => r.id));
    return rows.map((r) => presentSubscriber(r, components.get(r.id) ?? []));
  });
}

export async function getSubscriber(ctx: ServiceContext, id: string): Promise<Subscriber> {
  return read(ctx, async (db) => {
    const row = await getRow(db, id);
    if (!row) throw notFound('subscriber', id);
    return presentSubscriber(row, (await subscriberComponentIds(db, [id])).get(id) ?? []);
  });
}

/** A subscriber's components, for the manage page. */
export async function componentsOfSubscriber(ctx: ServiceContext, id: string): Promise<string[]> {
  return read(ctx, async (db) => (await subscriberComponentIds(db, [id])).get(id) ?? []);
}
