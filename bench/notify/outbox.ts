// The benchmark's reads of Vigil's outbox (through its own connection, beside
// the running server): whether anything is still pending, and how the
// deliveries of one event ended.
import { openDatabase, type Database } from '../../src/store/database.js';

export interface DeliveryStates {
  eventId: number | null;
  byState: Record<string, number>;
  /** Attempts summed over the event's deliveries (retries show here). */
  attempts: number;
}

export class Outbox {
  private readonly database: Database;

  constructor(url: string) {
    this.database = openDatabase(url, { poolSize: 2 });
  }

  /** Events not yet expanded plus deliveries not yet finished. */
  async unfinished(): Promise<number> {
    const { db } = this.database;
    const events = await db.selectFrom('notification_events').select(db.fn.countAll<number>().as('n')).where('state', '!=', 'expanded').executeTakeFirstOrThrow();
    const deliveries = await db.selectFrom('deliveries').select(db.fn.countAll<number>().as('n')).where('state', 'in', ['pending', 'sending']).executeTakeFirstOrThrow();
    return Number(events.n) + Number(deliveries.n);
  }

  async lastEventId(): Promise<number | null> {
    const row = await this.database.db.selectFrom('notification_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    return row?.id == null ? null : Number(row.id);
  }

  /** The deliveries of every event after `afterEventId`, by state. */
  async statesAfter(afterEventId: number | null): Promise<DeliveryStates> {
    const { db } = this.database;
    const rows = await db
      .selectFrom('deliveries')
      .select(['state', db.fn.countAll<number>().as('n'), db.fn.sum<number>('attempts').as('attempts')])
      .where('event_id', '>', afterEventId ?? 0)
      .groupBy('state')
      .execute();
    const byState: Record<string, number> = {};
    let attempts = 0;
    for (const r of rows) {
      byState[r.state] = Number(r.n);
      attempts += Number(r.attempts);
    }
    return { eventId: await this.lastEventId(), byState, attempts };
  }

  close(): Promise<void> {
    return this.database.close();
  }
}
