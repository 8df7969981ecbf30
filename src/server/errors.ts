// Start-up failures, kept free of imports so the CLI can recognise them cheaply.

/** Start-up failed; the message is one line meant for the operator. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** One line from any error, including Node's AggregateError (connecting to `localhost` tries several addresses). */
export function reason(err: unknown): string {
  if (err instanceof AggregateError && !err.message && err.errors.length > 0) return reason(err.errors[0]);
  if (err instanceof Error) return (err.message || (err as NodeJS.ErrnoException).code || err.name).split('\n')[0]!;
  return String(err);
}
