// What Statuspage keeps about maintenances and component changes that Vigil
// did not: the component changes a maintenance update made, the order an
// update listed its components in, a maintenance's own impact, and the
// started_at Statuspage gives a maintenance (when the notice began, which is
// neither created_at nor when the work began) — so imported pages round-trip.
import type { Kysely } from 'kysely';

export const statuspageFidelity = {
  async up(db: Kysely<any>): Promise<void> {
    // Existing rows keep position 0 and fall back to name order among themselves.
    await db.schema.alterTable('incident_update_components').addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    await db.schema
      .createTable('maintenance_update_components')
      .addColumn('update_id', 'text', (c) => c.notNull().references('maintenance_updates.id').onDelete('cascade'))
      .addColumn('component_id', 'text', (c) => c.notNull())
      .addColumn('component_name', 'text', (c) => c.notNull())
      .addColumn('old_status', 'text', (c) => c.notNull())
      .addColumn('new_status', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('maintenance_update_components_pk', ['update_id', 'component_id'])
      .execute();

    await db.schema.alterTable('maintenances').addColumn('impact', 'text', (c) => c.notNull().defaultTo('maintenance')).execute();
    // Null for maintenances created in Vigil: their notice began at created_at.
    await db.schema.alterTable('maintenances').addColumn('announced_at', 'text').execute();
  },
};
