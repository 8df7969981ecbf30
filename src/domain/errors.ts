// Coded errors: services throw these, each transport maps the code once
// (see web/errors.ts). Messages are written for the API user; they never
// carry SQL, stack traces or internal identifiers.

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** One problem with one field of the input; `path` is dotted (`components.abc123`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** `cause`: the error behind it (a driver's), for logs only; never sent to clients. */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** A VALIDATION error lists at most this many issues; the rest are counted (a 40,000-entry body must not echo 40,000 lines). */
export const MAX_LISTED_ISSUES = 50;

/** What a VALIDATION error carries: the first issues, how many there were, and whether some were left out. */
export interface ValidationDetails {
  issues: FieldIssue[];
  total: number;
  truncated: boolean;
}

export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  const message = first
    ? issues.length === 1
      ? `${first.path || 'body'}: ${first.message}`
      : `${first.path || 'body'}: ${first.message} (and ${issues.length - 1} more)`
    : 'invalid input';
  const details: ValidationDetails = {
    issues: issues.slice(0, MAX_LISTED_ISSUES),
    total: issues.length,
    truncated: issues.length > MAX_LISTED_ISSUES,
  };
  return new AppError('VALIDATION', message, details);
}

export function notFound(entity: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
}

export function conflict(message: string, details?: unknown): AppError {
  return new AppError('CONFLICT', message, details);
}
