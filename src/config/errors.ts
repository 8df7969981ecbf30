// Kept apart from env.ts (which loads zod and the validation rules) so the
// CLI can recognise the error without loading them.
export interface ConfigIssue {
  variable: string;
  message: string;
}

/** Invalid configuration; the message is one line naming each bad variable. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map((i) => `${i.variable}: ${i.message}`).join('; '));
    this.name = 'ConfigError';
  }
}
