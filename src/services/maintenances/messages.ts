// Standard update texts: Statuspage's wording for automatic transitions, and
// the body of a maintenance's first update when its creator gives none.
import type { MaintenanceStatus } from '../../domain/statuses.js';

export const STANDARD_BODY: Record<MaintenanceStatus, string> = {
  scheduled: 'This maintenance has been scheduled.',
  in_progress: 'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
  verifying: 'Verification is currently underway for the maintenance items.',
  completed: 'The scheduled maintenance has been completed.',
};
