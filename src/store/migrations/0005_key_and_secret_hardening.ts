// API keys learn when they were last used and when they stop working (ISO
// text like the other timestamps; null is "never used" and "never expires").
// Monitor secrets became write-only, so the audit rows written before that
// lose their copies of them too.
import type { Kysely } from 'kysely';
import { monitorSecretFields, redactSecrets } from '../../domain/secrets.js';

const PAGE = 500;

export const keyAndSecretHardening = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('api_keys').addColumn('last_used_at', 'text').execute();
    await db.schema.alterTable('api_keys').addColumn('expires_at', 'text').execute();
    await redactMonitorAuditRows(db);
  },
};

async function redactMonitorAuditRows(db: Kysely<any>): Promise<void> {
  for (let after = 0; ; ) {
    const rows = (await db
      .selectFrom('audit_log')
      .select(['id', 'before_json', 'after_json'])
      .where('entity_type', '=', 'monitor')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()) as { id: number | string; before_json: string | null; after_json: string | null }[];
    for (const row of rows) {
      const before = redacted(row.before_json);
      const afterJson = redacted(row.after_json);
      if (before !== row.before_json || afterJson !== row.after_json) {
        await db.updateTable('audit_log').set({ before_json: before, after_json: afterJson }).where('id', '=', row.id).execute();
      }
    }
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

function redacted(json: string | null): string | null {
  if (json === null) return null;
  const value = JSON.parse(json) as Record<string, unknown>;
  if (value === null || typeof value !== 'object' || typeof value.type !== 'string') return json;
  const out = JSON.stringify(redactSecrets(value, monitorSecretFields(value.type)));
  return out === JSON.stringify(value) ? json : out;
}
