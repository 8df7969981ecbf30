// Problems with an imported document, each naming where it is in the file as
// `incidents[3].incident_updates[0].status`. They become one VALIDATION error
// so nothing is written when any is found.
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../domain/errors.js';

/** More than this many problems means the file is not what we think; listing them all would drown the first. */
const MAX_ISSUES = 50;

export class IssueList {
  readonly items: FieldIssue[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.items.length < MAX_ISSUES) this.items.push({ path, message });
    else this.dropped++;
  }

  /** `input` is what was validated, so a field missing from it reads "is required" whatever the schema's message. */
  addZod(error: z.ZodError, prefix: string, input: unknown): void {
    for (const issue of error.issues) {
      const base = joinPath(prefix, issue.path);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.add(joinPath(base, [key]), 'unknown field');
      } else if (isMissing(input, issue.path)) {
        this.add(base, 'is required');
      } else {
        this.add(base, issue.message);
      }
    }
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** Throws the collected problems, if any, as one VALIDATION error. */
  throwIfAny(): void {
    if (!this.empty) throw importError(this.items, this.dropped);
  }
}

function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return input === undefined;
  let value: unknown = input;
  for (const key of path.slice(0, -1)) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.hasOwn(value, path.at(-1)!);
}

export function importError(issues: FieldIssue[], dropped = 0): AppError {
  const lines = issues.map(formatIssue);
  const total = issues.length + dropped;
  const message = total === 1 ? lines[0]! : `${lines[0]} (and ${total - 1} more)`;
  return new AppError('VALIDATION', message, { issues, more: dropped });
}

export function formatIssue(issue: FieldIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** `incidents` + [3, 'incident_updates', 0] → `incidents[3].incident_updates[0]`. */
export function joinPath(prefix: string, segments: readonly PropertyKey[]): string {
  let path = prefix;
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else path += path ? `.${String(s)}` : String(s);
  }
  return path;
}
