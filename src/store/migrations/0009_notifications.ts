// Notifications (docs/adr/0016): the outbox of events, written in the same
// transaction as the change that causes them; the deliveries a worker expands
// each event into (one per recipient, unique, so a re-expansion after a crash
// adds nothing); public subscribers with their components; the team's own
// channels with routing rules; and the keys that sign subscription links.
import type { Kysely } from 'kysely';
import { serialId, type Dialect } from './columns.js';

export function notificationsSchema(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await serialId(dialect, db.schema.createTable('notification_events'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        // Messages about one incident or maintenance share a thread (email In-Reply-To/References).
        .addColumn('thread_key', 'text')
        // JSON arrays: the components the event touches (per-component subscriptions), for routing.
        .addColumn('component_ids', 'text', (c) => c.notNull())
        .addColumn('monitor_id', 'text')
        .addColumn('severity', 'text')
        .addColumn('payload_json', 'text', (c) => c.notNull())
        // Events that must happen once per fact (a reminder, a certificate warning) name the fact.
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // pending → expanded; expansion walks recipients in pages after `expand_cursor`, under a claim.
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('expand_cursor', 'text')
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'bigint')
        .addColumn('expanded_at', 'text')
        .execute();
      await db.schema.createIndex('notification_events_state_idx').on('notification_events').columns(['state', 'id']).execute();

      await serialId(dialect, db.schema.createTable('deliveries'))
        .addColumn('event_id', 'bigint', (c) => c.notNull().references('notification_events.id').onDelete('cascade'))
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('channel_type', 'text', (c) => c.notNull())
        // Sent with every attempt, so a receiver can drop the duplicate a crash may cause.
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        // pending | sending | delivered | dead
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        // Epoch milliseconds, like other times the workers poll on.
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('deliveries_target_uq', ['event_id', 'target_type', 'target_id'])
        .execute();
      await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['state', 'next_attempt_at']).execute();

      await db.schema
        .createTable('subscribers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // email | webhook
        .addColumn('type', 'text', (c) => c.notNull())
        // The email address (lower-cased) or the webhook URL.
        .addColumn('address', 'text', (c) => c.notNull())
        // A webhook subscriber's contact: who confirms it and hears when it keeps failing.
        .addColumn('contact_email', 'text')
        // pending (waiting for its double opt-in) | confirmed
        .addColumn('state', 'text', (c) => c.notNull())
        // Signs webhook deliveries (write-only; shown once).
        .addColumn('signing_secret', 'text')
        // Part of every signed link; replacing it revokes the links already sent.
        .addColumn('link_nonce', 'text', (c) => c.notNull())
        // form | api | import
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('failing_since', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('subscribers_address_uq', ['type', 'address'])
        .execute();
      await db.schema.createIndex('subscribers_state_idx').on('subscribers').columns(['state', 'id']).execute();

      // No rows: subscribed to everything. Rows: only incidents and maintenances touching these.
      await db.schema
        .createTable('subscriber_components')
        .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
        .addColumn('component_id', 'text', (c) => c.notNull().references('components.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('subscriber_components_pk', ['subscriber_id', 'component_id'])
        .execute();
      await db.schema.createIndex('subscriber_components_component_idx').on('subscriber_components').column('component_id').execute();

      await db.schema
        .createTable('channels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.unique())
        .addColumn('name', 'text', (c) => c.notNull())
        // email | webhook | slack | discord | teams
        .addColumn('type', 'text', (c) => c.notNull())
        // The type's settings; secret paths per domain/secrets.ts.
        .addColumn('config_json', 'text', (c) => c.notNull())
        // JSON array of routing rules; empty: the default route (every responder event).
        .addColumn('routes_json', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('failing_since', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('disabled_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // Shared by every instance on the database, so a link signed by one verifies on another.
      await db.schema
        .createTable('signing_keys')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
