import { z } from 'zod';
import { INCIDENT_IMPACTS, MAINTENANCE_STATUSES } from '../../domain/statuses.js';
import { component } from '../components/schemas.js';
import { refList, isoTime, name, nonEmptyPatch, paging, timestamp } from '../validation.js';

export const maintenanceStatus = z.enum(MAINTENANCE_STATUSES);
/** Statuspage lets a maintenance carry an incident impact too (discordstatus.com's is "major"). */
export const maintenanceImpact = z.enum([...INCIDENT_IMPACTS, 'maintenance']);

/** Markdown, sanitized when rendered. */
const body = z
  .string()
  .max(50_000, 'must be at most 50000 characters')
  .refine((s) => s.trim().length > 0, 'must not be empty');

const componentIds = refList('components');

/** Statuspage reminds subscribers an hour before a maintenance begins. */
export const DEFAULT_REMINDER_MINUTES = [60] as const;
const reminderMinutes = z
  .array(z.number().int().min(1).max(43_200, 'must be at most 43200 (30 days)'))
  .max(5, 'at most 5 reminders')
  .refine((l) => new Set(l).size === l.length, 'must not repeat a value')
  .describe('minutes before scheduled_for at which subscribers are reminded; default [60]; [] for none');
const deliverNotifications = z
  .boolean()
  .optional()
  .describe('default true; false: subscribers are not told about this update');

export const createMaintenanceInput = z
  .strictObject({
    name,
    body: body.optional().describe('the first update; a standard message for the status when omitted'),
    status: maintenanceStatus.default('scheduled'),
    impact: maintenanceImpact.default('maintenance'),
    scheduled_for: timestamp,
    scheduled_until: timestamp,
    component_ids: componentIds.default([]),
    auto_transition: z.boolean().default(true),
    reminder_minutes: reminderMinutes.optional(),
    deliver_notifications: deliverNotifications,
  })
  .meta({ id: 'MaintenanceCreate' });
export type CreateMaintenanceInput = z.output<typeof createMaintenanceInput>;

export const updateMaintenanceInput = z
  .strictObject({
    name,
    impact: maintenanceImpact,
    scheduled_for: timestamp,
    scheduled_until: timestamp,
    component_ids: componentIds,
    auto_transition: z.boolean(),
    reminder_minutes: reminderMinutes,
  })
  .partial()
  .refine(nonEmptyPatch, 'must change at least one field')
  .meta({ id: 'MaintenanceEdit' });
export type UpdateMaintenanceInput = z.output<typeof updateMaintenanceInput>;

export const postMaintenanceUpdateInput = z
  .strictObject({
    status: maintenanceStatus.optional().describe('defaults to the current status'),
    body,
    display_at: timestamp.optional().describe('defaults to now; may be back-dated'),
    deliver_notifications: deliverNotifications,
  })
  .meta({ id: 'MaintenanceUpdateCreate' });
export type PostMaintenanceUpdateInput = z.output<typeof postMaintenanceUpdateInput>;

export const listMaintenancesQuery = paging.extend({ status: maintenanceStatus.optional() });

/** Statuspage's shape: the component status changes the update made, in the order made. */
export const affectedComponent = z.object({ code: z.string(), name: z.string(), old_status: z.string(), new_status: z.string() });

export const maintenanceUpdate = z
  .object({
    id: z.string(),
    maintenance_id: z.string(),
    status: maintenanceStatus,
    body: z.string(),
    display_at: isoTime,
    created_at: isoTime,
    updated_at: isoTime,
    affected_components: z.array(affectedComponent),
  })
  .meta({ id: 'MaintenanceUpdate' });
export type MaintenanceUpdate = z.output<typeof maintenanceUpdate>;

export const maintenance = z
  .object({
    id: z.string(),
    name: z.string(),
    status: maintenanceStatus,
    impact: maintenanceImpact,
    scheduled_for: isoTime,
    scheduled_until: isoTime,
    auto_transition: z.boolean(),
    started_at: isoTime.nullable(),
    completed_at: isoTime.nullable(),
    reminder_minutes: z.array(z.number().int()).describe('minutes before scheduled_for at which subscribers are reminded'),
    created_at: isoTime,
    updated_at: isoTime,
    components: z.array(component),
    maintenance_updates: z.array(maintenanceUpdate).describe('newest first'),
  })
  .meta({ id: 'Maintenance' });
export type Maintenance = z.output<typeof maintenance>;
