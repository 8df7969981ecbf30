// `vigil import statuspage <file|url>`: migrates a Statuspage page. The file
// is read and checked before the database is opened; every problem is printed
// as `<source>: <where in the file>: <what is wrong>` and nothing is written.
import { AppError, type FieldIssue } from '../../domain/errors.js';
import { importStatuspageDocument } from '../../services/import/importStatuspage.js';
import { formatIssue } from '../../services/import/issues.js';
import { parseStatuspageDocument } from '../../services/import/parse.js';
import { formatReport } from '../../services/import/report.js';
import { ImportSourceError, readSource } from '../../services/import/source.js';
import { withCliContext } from '../database.js';
import { loadConfig } from '../../config/env.js';
import { escapeControls } from '../../domain/outbound-text.js';
import { createOutboundGuards } from '../../outbound/guards.js';
import type { CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage.js';

export const importUsage = `Usage: vigil import statuspage <file|url>

Imports a Statuspage page from one of its public v2 documents: summary.json,
components.json, incidents.json or scheduled-maintenances.json (recognised by
their keys), read from a file or fetched from a URL. A page's address
(https://status.example.com) fetches its /api/v2/summary.json.

Components and groups, incidents with every update and component change, and
maintenances are created or updated with their original ids, timestamps,
positions and statuses. Importing the same document again changes nothing.
A full migration imports summary.json, then incidents.json and
scheduled-maintenances.json for the history.

If anything in the document is wrong, every problem is listed with where it
is (e.g. incidents[3].incident_updates[0].status) and nothing is written.

A URL goes through the strict outbound policy (VIGIL_OUTBOUND_DENY; allow a
host with VIGIL_OUTBOUND_ALLOW), follows at most 5 redirects, each checked,
and is read up to VIGIL_IMPORT_MAX_BYTES (50 MB).
`;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandLine('import', args, {}, true);
  const [kind, location, ...extra] = positionals;
  if (kind === undefined) throw new UsageError('missing what to import from (vigil import statuspage <file|url>)', 'import');
  if (kind !== 'statuspage') throw new UsageError(`unknown import source "${kind}" (expected: statuspage)`, 'import');
  if (location === undefined) throw new UsageError('missing the file or URL to import', 'import');
  if (extra.length > 0) throw new UsageError(`expected one file or URL, got ${extra.length + 1}`, 'import');

  let source = location;
  try {
    // A URL and each of its redirects go through the strict outbound policy (docs/adr/0011).
    const config = loadConfig(io.env);
    const guard = createOutboundGuards(config.outbound).strict;
    const read = await readSource(location, { guard, maxBytes: config.outbound.importMaxBytes });
    source = read.source;
    const doc = parseStatuspageDocument(read.text);
    const report = await withCliContext(io, (ctx) => importStatuspageDocument(ctx, source, doc));
    // Names come from the document: escaped, so they cannot drive the terminal.
    for (const line of formatReport(report)) io.stdout.write(`${escapeControls(line)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ImportSourceError) {
      io.stderr.write(`vigil import: ${escapeControls(err.message)}\n`);
      return 1;
    }
    if (err instanceof AppError && err.code === 'VALIDATION') {
      const { issues = [], more = 0 } = (err.details ?? {}) as { issues?: FieldIssue[]; more?: number };
      const lines = issues.length > 0 ? issues.map(formatIssue) : [err.message];
      for (const line of lines) io.stderr.write(`vigil import: ${escapeControls(`${source}: ${line}`)}\n`);
      if (more > 0) io.stderr.write(`vigil import: ${escapeControls(`${source}: … and ${more} more problems`)}\n`);
      io.stderr.write(`vigil import: nothing was imported\n`);
      return 1;
    }
    throw err;
  }
}
