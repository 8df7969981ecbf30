// The Statuspage v2 public API documents (summary.json, components.json,
// incidents.json, scheduled-maintenances.json) as zod schemas. Fields are the
// ones real pages serve (githubstatus.com, discordstatus.com, cloudflarestatus.com).
// Fields outside these schemas (postmortem_*, twitter flags of older exports, …)
// are accepted, so an export from any era parses, and named in the import's
// report as ignored (unknownFields.ts).
import { z } from 'zod';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, PAGE_INDICATORS } from '../../domain/statuses.js';

/** Statuspage writes timestamps in the page's zone (`-08:00`); Vigil keeps UTC with milliseconds. */
const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp with a zone, e.g. 2024-09-16T21:31:02.719Z' })
  .transform((s) => new Date(s).toISOString());

const id = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const name = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
const componentStatus = z.enum(COMPONENT_STATUSES);
const nullableTimestamp = timestamp.nullable().optional().transform((v) => v ?? null);

const httpUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an absolute http:// or https:// URL');

const timeZone = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(v);
  } catch {
    return false;
  }
}, 'must be an IANA time zone name, e.g. Etc/UTC or America/Los_Angeles');

export const pageSchema = z.object({ id, name, url: httpUrl, time_zone: timeZone, updated_at: timestamp });

export const componentSchema = z.object({
  id,
  name,
  status: componentStatus,
  created_at: timestamp,
  updated_at: timestamp,
  position: z.number().int().min(0).max(1_000_000),
  description: z.string().max(5000, 'must be at most 5000 characters').nullable(),
  showcase: z.boolean(),
  // Absent from exports before 2021.
  start_date: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }).nullable().optional().transform((v) => v ?? null),
  group_id: id.nullable(),
  page_id: id.optional(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  /** Only on groups: the children's ids, in display order. */
  components: z.array(id).optional(),
});

/**
 * Statuspage names a grouped component "<Group> - <Component>" here and keeps
 * the name it had when the update was posted, so it is stored as written.
 */
const affectedComponent = z.object({ code: id, name: z.string(), old_status: componentStatus, new_status: componentStatus });

/**
 * Exports from 2016–2017 carry `[{"name": "No components were affected by this update."}]` instead of null.
 * Left out of the changes here; parse.ts keeps its name so the update is served back as it was.
 */
export function isLegacyPlaceholder(entry: unknown): entry is { name: string } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || Object.keys(entry).join() !== 'name') return false;
  // Bounded like a name: anything longer is not the placeholder and is checked as a component change.
  const name = (entry as { name: unknown }).name;
  return typeof name === 'string' && name.length <= 255;
}

const affectedComponents = z.preprocess(
  (v) => (Array.isArray(v) ? v.filter((e) => !isLegacyPlaceholder(e)) : v),
  z.array(affectedComponent).nullable().optional(),
).transform((v) => v ?? []);

/** A string, or a JSON number read as its digits by parse.ts (`{"$digits": "…"}`) and kept as a number. */
const tweetId = z
  .union([z.string().max(64, 'must be at most 64 characters'), z.object({ $digits: z.string().max(64) }).strict(), z.number()])
  .nullable()
  .optional()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return { text: v, number: false };
    return typeof v === 'number' ? { text: String(v), number: true } : { text: v.$digits, number: true };
  });

export function updateSchema<S extends readonly [string, ...string[]]>(statuses: S) {
  return z.object({
    id,
    status: z.enum(statuses),
    body: z.string().max(100_000, 'must be at most 100000 characters'),
    /** Checked against the incident that lists the update (see parse.ts). */
    incident_id: id.optional(),
    created_at: timestamp,
    updated_at: timestamp,
    display_at: timestamp,
    affected_components: affectedComponents,
    deliver_notifications: z.boolean().optional().transform((v) => v ?? true),
    custom_tweet: z.string().nullable().optional().transform((v) => v ?? null),
    tweet_id: tweetId,
  });
}

/**
 * An incident's `components` are full component objects, the live ones
 * (identical to the page's list in every real capture); only the id matters
 * here: the top-level list is authoritative.
 */
const componentRef = z.object({ id });

const common = {
  id,
  name,
  created_at: timestamp,
  updated_at: timestamp,
  monitoring_at: nullableTimestamp,
  resolved_at: nullableTimestamp,
  shortlink: z.string().max(2048).nullable().optional().transform((v) => v ?? null),
  started_at: timestamp.optional(),
  page_id: id.optional(),
  components: z.array(componentRef).optional().transform((v) => v ?? []),
};

/**
 * Minutes between reminders to update the incident: null on most pages, a
 * list, or the same as text ("[]" on status.claude.com, 2026). Kept as given,
 * as JSON text.
 */
const reminderIntervals = z
  .union([z.array(z.number()).max(100, 'must list at most 100 intervals'), z.string().max(1000, 'must be at most 1000 characters')])
  .nullable()
  .optional()
  .transform((v) => (v === null || v === undefined ? null : JSON.stringify(v)));

export const incidentSchema = z.object({
  ...common,
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(INCIDENT_IMPACTS),
  incident_updates: z.array(updateSchema(INCIDENT_STATUSES)),
  reminder_intervals: reminderIntervals,
});

export const maintenanceSchema = z.object({
  ...common,
  status: z.enum(MAINTENANCE_STATUSES),
  // Usually "maintenance"; pages that edited the impact show others (discordstatus.com's is "major"), kept as is.
  impact: z.enum([...INCIDENT_IMPACTS, 'maintenance']),
  scheduled_for: timestamp,
  scheduled_until: timestamp,
  incident_updates: z.array(updateSchema(MAINTENANCE_STATUSES)),
});

export const statusSchema = z.object({ indicator: z.enum(PAGE_INDICATORS), description: z.string() });

export type PageInput = z.output<typeof pageSchema>;
export type ComponentInput = z.output<typeof componentSchema>;
export type IncidentInput = z.output<typeof incidentSchema>;
export type MaintenanceInput = z.output<typeof maintenanceSchema>;
