// The subscriber CSV (csv.ts), importable here or into Statuspage. A pending
// webhook is left out: the layout cannot say "not confirmed" for a webhook, and
// listing it would confirm it on the next import. Rows come oldest first, those
// made together by type and address (store/subscribers.ts allSubscribers).
import { allSubscribers, subscriberComponentIds } from '../../store/subscribers.js';
import { read, type ServiceContext } from '../context.js';
import { COMPONENT_SEPARATOR, CSV_HEADER, formatCsv } from './csv.js';

export async function exportSubscribers(ctx: ServiceContext): Promise<string> {
  return read(ctx, async (db) => {
    const rows = (await allSubscribers(db)).filter((r) => r.type === 'email' || r.state === 'confirmed');
    const components = await subscriberComponentIds(db, rows.map((r) => r.id));
    const lines = rows.map((r) => {
      const ids = (components.get(r.id) ?? []).join(COMPONENT_SEPARATOR);
      return r.type === 'webhook'
        ? ['webhook', r.address, r.contact_email ?? '', ids]
        : ['email', r.address, r.state === 'confirmed' ? 'yes' : 'no', ids];
    });
    return formatCsv([[...CSV_HEADER], ...lines]);
  });
}
