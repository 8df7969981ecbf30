// Arranging the outbox for notification tests: subscribers, channels and
// events written straight into a real database, and waits on its state.
import type { Kysely } from 'kysely';
import { newId } from '../lib/ids.js';
import { systemClock } from '../lib/clock.js';
import { createComponent } from '../services/components/createComponent.js';
import { transact, type ServiceContext } from '../services/context.js';
import { emitEvent, type NewEvent } from '../services/notifications/emit.js';
import type { DB } from '../store/schema.js';

export function testCtx(db: Kysely<DB>): ServiceContext {
  return { db, clock: systemClock, actor: { type: 'cli', id: null, name: 'test' } };
}

export interface SubscriberSpec {
  type?: 'email' | 'webhook';
  address: string;
  state?: 'pending' | 'confirmed';
  contact_email?: string | null;
  components?: string[];
  disabled?: boolean;
}

export async function addSubscribers(db: Kysely<DB>, specs: SubscriberSpec[]): Promise<string[]> {
  const now = new Date().toISOString();
  const rows = specs.map((s) => ({
    id: newId(),
    type: s.type ?? 'email',
    address: s.address,
    contact_email: s.contact_email ?? null,
    state: s.state ?? 'confirmed',
    signing_secret: s.type === 'webhook' ? 'whsec_test' : null,
    link_nonce: newId(),
    source: 'api',
    failing_since: null,
    disabled_at: s.disabled ? now : null,
    confirmed_at: s.state === 'pending' ? null : now,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('subscribers').values(rows.slice(i, i + 500)).execute();
  const links = specs.flatMap((s, i) => (s.components ?? []).map((component_id) => ({ subscriber_id: rows[i]!.id, component_id })));
  if (links.length > 0) await db.insertInto('subscriber_components').values(links).execute();
  return rows.map((r) => r.id);
}

export async function addChannel(db: Kysely<DB>, spec: { type: string; config: Record<string, unknown>; routes?: unknown[]; name?: string }): Promise<string> {
  const now = new Date().toISOString();
  const id = newId();
  await db
    .insertInto('channels')
    .values({ id, key: null, name: spec.name ?? `channel ${id}`, type: spec.type, config_json: JSON.stringify(spec.config), routes_json: JSON.stringify(spec.routes ?? []), enabled: 1, failing_since: null, disabled_at: null, disabled_reason: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function addComponent(db: Kysely<DB>, name: string): Promise<string> {
  return (await createComponent(testCtx(db), { name })).id;
}

/** A public incident event touching `componentIds` (the payload is a minimal incident). */
export function incidentEvent(componentIds: string[] = [], kind: NewEvent['kind'] = 'incident.created'): NewEvent {
  const now = new Date().toISOString();
  const id = newId();
  return {
    kind,
    audience: 'public',
    subject: { type: 'incident', id },
    thread_key: `incident:${id}`,
    component_ids: componentIds,
    payload: {
      type: 'incident',
      update_id: null,
      actor: null,
      incident: { id, name: 'Database down', status: 'investigating', impact: 'major', started_at: now, created_at: now, updated_at: now, monitoring_at: null, resolved_at: null, components: [], updates: [], postmortem_published_at: null },
    },
  };
}

/** Writes an event as a change would (its own transaction; the tests' writes are arrangements, not changes). */
export async function emit(db: Kysely<DB>, event: NewEvent): Promise<number> {
  await transact(testCtx(db), (tx) => emitEvent(tx, event), { audit: false });
  const row = await db.selectFrom('notification_events').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deliveryStates(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('deliveries').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Polls the database until `check` holds, or fails at the deadline with the last value seen. */
export async function waitForDb<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
