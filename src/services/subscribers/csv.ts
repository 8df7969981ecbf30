// Subscriber CSV in the layout of Statuspage's subscriber import template:
// positional columns, the first naming the type. Vigil exports the same
// layout, so a file imported and exported again comes out row for row.
//   email,<address>,<skip confirmation: yes|no>,<component ids separated by ";">
//   webhook,<url>,<contact email>,<component ids>
// (sms rows are Statuspage's too; Vigil sends no SMS and reports them.) A first
// row whose first cell names no type is a header and is skipped.

export const CSV_HEADER = ['type', 'address', 'skip_confirmation_or_contact_email', 'components'] as const;
export const CSV_TYPES = ['email', 'webhook', 'sms', 'slack'] as const;
export const COMPONENT_SEPARATOR = ';';

export interface CsvRecord {
  /** The file line the record starts on, from 1. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** RFC 4180: commas, double-quoted cells with "" for a quote, CRLF or LF; blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let fresh = true;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
    fresh = true;
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (fresh) {
      start = line;
      fresh = false;
    }
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(start, 'a quoted cell is never closed');
  if (!fresh || cell !== '' || cells.length > 0) endRecord();
  return records;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** True when a record is the header row (its first cell names no subscriber type). */
export function isHeader(record: CsvRecord): boolean {
  return !(CSV_TYPES as readonly string[]).includes((record.cells[0] ?? '').trim().toLowerCase());
}

/** `yes`/`no` as Statuspage writes it; true/false and 1/0 too. Empty: no (the opt-in is sent). */
export function parseYesNo(cell: string): boolean | null {
  const v = cell.trim().toLowerCase();
  if (v === '' || v === 'no' || v === 'false' || v === '0' || v === 'n') return false;
  if (v === 'yes' || v === 'true' || v === '1' || v === 'y') return true;
  return null;
}

export function splitComponents(cells: readonly string[]): string[] {
  return cells.flatMap((c) => c.split(COMPONENT_SEPARATOR)).map((c) => c.trim()).filter((c) => c !== '');
}
