// Every scheduled job of the `scheduler` role, declared in one list. On
// PostgreSQL several instances may run the same job at the same moment, so a
// job must be safe to run concurrently (the database coordinates, not us).
import type { Actor, ServiceContext } from '../services/context.js';
import { advanceMaintenances } from '../services/maintenances/advanceMaintenances.js';
import type { Job } from './scheduler.js';

export const SCHEDULER_ACTOR: Actor = { type: 'system', id: null, name: 'scheduler' };

export const scheduledJobs: readonly Job<ServiceContext>[] = [
  // Moves maintenances through scheduled → in_progress → completed at their times.
  { name: 'advanceMaintenances', everyMs: 15_000, run: advanceMaintenances },
];
