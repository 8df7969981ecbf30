// Input parsing shared by every transport: zod schemas in, coded VALIDATION
// errors with dotted field paths out.
import { z } from 'zod';
import { validationError, type FieldIssue } from '../domain/errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  // Text no field may hold is found by one walk over the whole input, so no schema can forget it.
  const unsafe = unsafeTextIssues(input, prefix);
  const result = schema.safeParse(input);
  if (result.success && unsafe.length === 0) return result.data;
  const named = new Set(unsafe.map((i) => i.path));
  const rest = result.success ? [] : zodIssues(result.error, prefix).filter((i) => !named.has(i.path));
  throw validationError([...unsafe, ...rest]);
}

// NUL cannot be stored in PostgreSQL text, and a lone UTF-16 surrogate is not
// Unicode at all (it cannot be written as UTF-8): neither is accepted anywhere,
// on either database, so both stores hold the same data.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or null when it can. */
export function unsafeTextReason(text: string): string | null {
  const match = UNSAFE_TEXT.exec(text);
  if (!match) return null;
  return match[0] === '\u0000'
    ? 'must not contain the NUL character (\\u0000)'
    : 'must not contain a lone UTF-16 surrogate (the text is not valid Unicode)';
}

/** Shows a map key in a path with its NUL or lone surrogate escaped, so the path itself is printable. */
function printableKey(key: string): string {
  return key.replace(new RegExp(UNSAFE_TEXT.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One string (or object key) that cannot be stored, and where it is. */
export interface UnsafeText {
  path: (string | number)[];
  message: string;
}

/**
 * Every string and object key in a parsed JSON or YAML value that holds NUL or
 * a lone surrogate. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findUnsafeText(value: unknown): UnsafeText[] {
  // Each entry points at its parent: paths are only built for the (rare) strings reported.
  interface Step { value: unknown; key: string | number | null; parent: Step | null }
  const pathOf = (step: Step | null, last?: string): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let s = step; s && s.key !== null; s = s.parent) path.unshift(s.key);
    return path;
  };
  const found: UnsafeText[] = [];
  const stack: Step[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const node = step.value;
    if (typeof node === 'string') {
      const reason = unsafeTextReason(node);
      if (reason) found.push({ path: pathOf(step), message: reason });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], key: i, parent: step });
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const reason = unsafeTextReason(key);
        if (reason) found.push({ path: pathOf(step, printableKey(key)), message: `has a key that ${reason}` });
        else stack.push({ value: child, key, parent: step });
      }
    }
  }
  return found;
}

/** findUnsafeText as field issues with dotted paths (`components.abc`, `sections.2.title`). */
export function unsafeTextIssues(value: unknown, prefix = ''): FieldIssue[] {
  return findUnsafeText(value).map((u) => ({ path: [prefix, ...u.path.map(String)].filter(Boolean).join('.'), message: u.message }));
}

export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: base ? `${base}.${key}` : key, message: 'unknown field' });
    } else if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
      // zod v4 leaves the input out of issues; its message is how a missing field shows.
      issues.push({ path: base, message: 'is required' });
    } else {
      issues.push({ path: base, message: issue.message });
    }
  }
  return issues;
}

/** Dates and times Vigil accepts: from the Unix epoch to the last year written with four digits. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;
const YEAR_MESSAGE = `must be in the years ${MIN_YEAR}–${MAX_YEAR}`;

/** Whether an ISO timestamp or date falls in the years Vigil accepts, judged in UTC. */
export function inAcceptedYears(iso: string): boolean {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms >= Date.UTC(MIN_YEAR, 0, 1) && ms < Date.UTC(MAX_YEAR + 1, 0, 1);
}

/** An ISO-8601 timestamp with a zone; stored and returned as UTC with milliseconds. */
export const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp with a time zone, e.g. 2026-03-30T07:38:00Z' })
  // Checked in UTC: 9999-12-31T23:00-02:00 is already year 10000, which toISOString cannot write as YYYY.
  .refine(inAcceptedYears, { message: YEAR_MESSAGE, abort: true })
  .transform((s) => new Date(s).toISOString());

/** A timestamp as Vigil returns it (UTC, milliseconds). */
export const isoTime = z.iso.datetime();

/** A calendar date, YYYY-MM-DD. */
export const calendarDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' }).refine(inAcceptedYears, { message: YEAR_MESSAGE });

/**
 * How many entries a list of ids or a `{id: value}` map in the API or vigil.yaml
 * may have. Bigger inputs are a 422 before any query is built (a query with one
 * variable per id fails on SQLite past 32,766 of them).
 */
export const MAX_LIST_ENTRIES = 1000;

/** A list of components (or groups) by id or key, e.g. `component_ids`. */
export function refList(what: string) {
  return z.array(entityRef).max(MAX_LIST_ENTRIES, `must list at most ${MAX_LIST_ENTRIES} ${what}`);
}

/** `{ref: value}` keyed by id or key, e.g. an update's `components` statuses. */
export function refMap<V extends z.ZodType>(value: V, what: string) {
  return z
    .record(entityRef, value)
    .refine((map) => Object.keys(map).length <= MAX_LIST_ENTRIES, { message: `must name at most ${MAX_LIST_ENTRIES} ${what}`, abort: true })
    .meta({ maxProperties: MAX_LIST_ENTRIES });
}

/** A stable, human-chosen identifier used by vigil.yaml (`key: api`). */
export const stableKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'must be 1–100 characters of a-z, 0-9, "_", "." or "-", starting with a letter or digit');

export const entityId = z.string().min(1).max(64);

/**
 * A component or component group named by its id or by the key vigil.yaml gave it (a key may be
 * longer than an id). Services resolve it (components/refs.ts); answers always carry the id.
 */
export const entityRef = z.string().min(1).max(100).describe('an id, or the key given in vigil.yaml (e.g. "billing-api")');

export const name = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
export const description = z.string().max(5000, 'must be at most 5000 characters');

/** Paging as Statuspage's management API does it. */
export const paging = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
});

export function nonEmptyPatch<T extends Record<string, unknown>>(value: T): boolean {
  return Object.keys(value).length > 0;
}
