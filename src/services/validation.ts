// Input parsing shared by every transport: zod schemas in, coded VALIDATION
// errors with dotted field paths out.
import { z } from 'zod';
import { validationError, type FieldIssue } from '../domain/errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(zodIssues(result.error, prefix));
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

/** An ISO-8601 timestamp with a zone; stored and returned as UTC with milliseconds. */
export const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp with a time zone, e.g. 2026-03-30T07:38:00Z' })
  .transform((s) => new Date(s).toISOString());

/** A timestamp as Vigil returns it (UTC, milliseconds). */
export const isoTime = z.iso.datetime();

/** A calendar date, YYYY-MM-DD. */
export const calendarDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/** A stable, human-chosen identifier used by vigil.yaml (`key: api`). */
export const stableKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'must be 1–100 characters of a-z, 0-9, "_", "." or "-", starting with a letter or digit');

export const entityId = z.string().min(1).max(64);

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
