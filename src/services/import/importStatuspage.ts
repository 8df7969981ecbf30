// `vigil import statuspage`: brings a Statuspage page into Vigil from one of
// its v2 documents, keeping the original ids, timestamps, positions and
// statuses. Parse and check the whole file first, then plan and write in ONE
// transaction: any problem means nothing is written. Matching is by original
// id, so importing the same file again changes nothing and writes no audit row.
import { transact, type ServiceContext } from '../context.js';
import { executePlan } from './execute.js';
import { parseStatuspageDocument } from './parse.js';
import { planImport } from './plan.js';
import { buildReport, type ImportReport } from './report.js';
import { loadSnapshot } from './snapshot.js';
import type { StatuspageDocument } from './types.js';

export interface ImportInput {
  /** How the source is named in the report and the audit log: a file name or the URL. */
  source: string;
  /** The document's text (JSON). */
  text: string;
}

export async function importStatuspage(ctx: ServiceContext, input: ImportInput): Promise<ImportReport> {
  // Checked before the transaction: a broken file never holds a database connection.
  return importStatuspageDocument(ctx, input.source, parseStatuspageDocument(input.text));
}

/** For callers that parsed the document already (the CLI does, before it opens the database). */
export async function importStatuspageDocument(ctx: ServiceContext, source: string, doc: StatuspageDocument): Promise<ImportReport> {
  const importCtx: ServiceContext = { ...ctx, actor: { type: 'import', id: null, name: source } };
  return transact(importCtx, async (tx) => {
    const snapshot = await loadSnapshot(tx.db, doc);
    const plan = planImport(doc, snapshot, tx.now);
    await executePlan(tx, plan);
    return buildReport(source, doc, plan);
  });
}
