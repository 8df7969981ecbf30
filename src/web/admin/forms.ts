// Url-encoded form bodies as the web app's routes receive them.
import type { ValidationDetails } from '../../domain/errors.js';
import { AppError } from '../../domain/errors.js';

export type Form = Record<string, string[]>;

export function parseForm(body: unknown): Form {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Form;
  const form: Form = {};
  if (typeof body !== 'string') return form;
  for (const [key, value] of new URLSearchParams(body)) (form[key] ??= []).push(value);
  return form;
}

/** A field's first value, trimmed; undefined when absent or blank. */
export function field(form: Form, key: string): string | undefined {
  const v = form[key]?.[0]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** A field's value as typed (passwords and Markdown keep their spaces). */
export function rawField(form: Form, key: string): string | undefined {
  return form[key]?.[0];
}

export function fields(form: Form, key: string): string[] {
  return (form[key] ?? []).map((v) => v.trim()).filter((v) => v !== '');
}

export function checked(form: Form, key: string): boolean {
  const v = form[key]?.[0];
  return v === 'on' || v === 'true' || v === '1';
}

export type FieldErrors = Record<string, string>;

/** A VALIDATION error's issues keyed by the form field they belong to (the first path segment). */
export function fieldErrors(err: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(err instanceof AppError)) return out;
  for (const issue of (err.details as ValidationDetails | undefined)?.issues ?? []) {
    const key = issue.path.split('.')[0] || 'form';
    out[key] ??= issue.message;
  }
  return out;
}
