// Imports a subscriber CSV (Statuspage's import layout, csv.ts). The whole file
// is read and checked first; rows that cannot be imported are reported with
// their line and the rest go in one transaction. Confirmed rows stay confirmed
// (they opted in where they came from); the others get the double opt-in. An
// address already here gets the row's components, as Statuspage's import does.
import { validationError } from '../../domain/errors.js';
import type { SubscriberRow } from '../../store/schema.js';
import { confirmPendingSubscriber, findSubscribersByAddresses, setSubscriberComponents, subscriberComponentIds, updateSubscriber } from '../../store/subscribers.js';
import { componentRefs } from '../components/refs.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { CsvSyntaxError, isHeader, parseCsv, parseYesNo, splitComponents, type CsvRecord } from './csv.js';
import { emailAddress, importSubscribersInput, webhookUrl, type ImportReport } from './schemas.js';
import { emitConfirmation, insertNewSubscriber, presentWithComponents, vetWebhookHost, type SubscriberWriteDeps } from './writes.js';

export const MAX_IMPORT_ROWS = 50_000;

interface Planned {
  line: number;
  type: 'email' | 'webhook';
  address: string;
  contact: string | null;
  confirmed: boolean;
  components: string[];
}

type Refused = ImportReport['refused'][number];

function planRow(record: CsvRecord): Planned | Refused {
  const [rawType = '', rawAddress = '', third = '', ...rest] = record.cells;
  const type = rawType.trim().toLowerCase();
  const line = record.line;
  if (type === 'sms' || type === 'slack') return { line, message: `${type} subscribers are not supported: Vigil notifies email and webhook subscribers` };
  const components = splitComponents(rest);
  if (type === 'email') {
    const address = emailAddress.safeParse(rawAddress);
    if (!address.success) return { line, message: `address: ${address.error.issues[0]?.message ?? 'invalid'}` };
    const confirmed = parseYesNo(third);
    if (confirmed === null) return { line, message: 'skip confirmation: must be yes or no' };
    return { line, type, address: address.data, contact: null, confirmed, components };
  }
  const url = webhookUrl.safeParse(rawAddress);
  if (!url.success) return { line, message: `webhook URL: ${url.error.issues[0]?.message ?? 'invalid'}` };
  const contact = emailAddress.safeParse(third);
  if (!contact.success) return { line, message: `contact email: ${contact.error.issues[0]?.message ?? 'invalid'}` };
  // A webhook has no opt-in column: it was delivering where it came from.
  return { line, type: 'webhook', address: url.data, contact: contact.data, confirmed: true, components };
}

export async function importSubscribers(ctx: ServiceContext, raw: unknown, deps: SubscriberWriteDeps): Promise<ImportReport> {
  const { csv } = parseInput(importSubscribersInput, raw);
  let records: CsvRecord[];
  try {
    records = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw validationError([{ path: 'csv', message: err.message }]);
    throw err;
  }
  if (records[0] && isHeader(records[0])) records = records.slice(1);
  if (records.length > MAX_IMPORT_ROWS) throw validationError([{ path: 'csv', message: `has ${records.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once` }]);

  const refused: Refused[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const row = planRow(record);
    if ('message' in row) {
      refused.push(row);
      continue;
    }
    const key = `${row.type} ${row.address}`;
    const first = seen.get(key);
    if (first !== undefined) {
      refused.push({ line: row.line, message: `the same ${row.type} subscriber as line ${first}` });
      continue;
    }
    seen.set(key, row.line);
    planned.push(row);
  }
  const vetted: Planned[] = [];
  for (const row of planned) {
    const refusal = row.type === 'webhook' ? await vetWebhookHost(deps.outbound, row.address) : null;
    if (refusal) refused.push({ line: row.line, message: `webhook URL: ${refusal}` });
    else vetted.push(row);
  }

  return transact(ctx, async (tx) => {
    const refs = await componentRefs(tx.db, vetted.flatMap((r) => r.components));
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, refused, secrets: [] };
    const existing = new Map<string, SubscriberRow>();
    for (const type of ['email', 'webhook'] as const) {
      const addresses = vetted.filter((r) => r.type === type).map((r) => r.address);
      for (const row of await findSubscribersByAddresses(tx.db, type, addresses)) existing.set(`${type} ${row.address}`, row);
    }
    const currentComponents = await subscriberComponentIds(tx.db, [...existing.values()].map((r) => r.id));
    for (const row of vetted) {
      const unknown = row.components.find((c) => refs.idOf(c) === undefined);
      if (unknown !== undefined) {
        refused.push({ line: row.line, message: `no component with id or key "${unknown}"` });
        continue;
      }
      const componentIds = [...new Set(row.components.map((c) => refs.idOf(c)!))].sort();
      const found = existing.get(`${row.type} ${row.address}`);
      if (!found) {
        const created = await insertNewSubscriber(tx, { type: row.type, address: row.address, contact_email: row.contact, state: row.confirmed ? 'confirmed' : 'pending', source: 'import' }, componentIds);
        if (!row.confirmed) await emitConfirmation(tx, created);
        await tx.audit('subscriber.create', { type: 'subscriber', id: created.id }, null, await presentWithComponents(tx, created));
        if (created.signing_secret) report.secrets.push({ id: created.id, url: created.address, signing_secret: created.signing_secret });
        report.created++;
        continue;
      }
      const sameComponents = JSON.stringify(currentComponents.get(found.id) ?? []) === JSON.stringify(componentIds);
      const confirm = row.confirmed && found.state === 'pending';
      const contactChanged = row.type === 'webhook' && found.contact_email !== row.contact;
      if (sameComponents && !confirm && !contactChanged) {
        report.unchanged++;
        continue;
      }
      const before = await presentWithComponents(tx, found);
      const after: SubscriberRow = { ...found, contact_email: row.type === 'webhook' ? row.contact : null, updated_at: tx.now, ...(confirm ? { state: 'confirmed', confirmed_at: tx.now } : {}) };
      if (confirm) await confirmPendingSubscriber(tx.db, found.id, { confirmed_at: tx.now, updated_at: tx.now });
      await updateSubscriber(tx.db, found.id, { contact_email: after.contact_email, updated_at: tx.now });
      if (!sameComponents) await setSubscriberComponents(tx.db, found.id, componentIds);
      await tx.audit('subscriber.import', { type: 'subscriber', id: found.id }, before, await presentWithComponents(tx, after));
      report.updated++;
    }
    report.refused.sort((a, b) => a.line - b.line);
    return report;
  });
}
