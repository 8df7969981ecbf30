import { z } from 'zod';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../../domain/statuses.js';
import { component, componentStatus } from '../components/schemas.js';
import { entityId, refList, refMap, isoTime, name, nonEmptyPatch, paging, timestamp } from '../validation.js';

export const incidentStatus = z.enum(INCIDENT_STATUSES);

export const POSTMORTEM_STATUS_MESSAGE =
  'the postmortem status is set by publishing the postmortem (POST /api/v1/incidents/{id}/postmortem/publish); give another status';

/** What an update may set: `postmortem` only comes from publishing the postmortem. */
const postableStatus = z.enum(
  INCIDENT_STATUSES.filter((s) => s !== 'postmortem') as ['investigating', 'identified', 'monitoring', 'resolved'],
  { error: (issue) => (issue.input === 'postmortem' ? POSTMORTEM_STATUS_MESSAGE : undefined) },
);
export const incidentImpact = z.enum(INCIDENT_IMPACTS);

const body = z.string().max(20_000, 'must be at most 20000 characters');
/** `{component: status}` (by id or key): the statuses an update sets. */
const componentStatusMap = refMap(componentStatus, 'components');
const componentIds = refList('components');
const deliverNotifications = z
  .boolean()
  .optional()
  .describe('default true; false: subscribers are not told about this update (responders still are)');

export const createIncidentInput = z
  .strictObject({
    name,
    status: postableStatus.default('investigating'),
    impact: incidentImpact.optional(),
    body: body.default(''),
    started_at: timestamp.optional(),
    display_at: timestamp.optional(),
    component_ids: componentIds.optional(),
    components: componentStatusMap.optional(),
    deliver_notifications: deliverNotifications,
  })
  .meta({ id: 'IncidentCreate' });
export type CreateIncidentInput = z.output<typeof createIncidentInput>;

// Status and text live on updates; a PATCH naming them is pointed at the updates endpoint.
// (A refine, not z.never: its issue keeps our message whatever the value sent.)
const postAnUpdate = (what: string) => {
  const message = `${what}; POST an update to /api/v1/incidents/{id}/updates instead`;
  return z.unknown().refine(() => false, { message }).optional().describe(`Not accepted: ${message}`);
};

export const updateIncidentInput = z
  .strictObject({
    name,
    impact: incidentImpact,
    started_at: timestamp,
    component_ids: componentIds,
  })
  .partial()
  .extend({
    status: postAnUpdate('status changes are posted as incident updates'),
    body: postAnUpdate('update text is posted as an incident update'),
    components: postAnUpdate('component statuses are changed by incident updates'),
  })
  .refine(nonEmptyPatch, 'must change at least one field')
  .meta({ id: 'IncidentPatch' });
export type UpdateIncidentInput = z.output<typeof updateIncidentInput>;

export const createIncidentUpdateInput = z
  .strictObject({
    status: postableStatus.optional().describe('defaults to the incident\'s current status'),
    body,
    display_at: timestamp.optional(),
    components: componentStatusMap.optional().describe(
      'statuses to set, by component id or vigil.yaml key; when this update resolves the incident, every affected component it does not name goes back to ' +
        'operational unless it is under maintenance or another open incident affects it',
    ),
    component_ids: componentIds.optional(),
    deliver_notifications: deliverNotifications,
  })
  .meta({ id: 'IncidentUpdateCreate' });
export type CreateIncidentUpdateInput = z.output<typeof createIncidentUpdateInput>;

export const editIncidentUpdateInput = z
  .strictObject({ body, display_at: timestamp })
  .partial()
  .refine(nonEmptyPatch, 'must change at least one field')
  .meta({ id: 'IncidentUpdatePatch' });
export type EditIncidentUpdateInput = z.output<typeof editIncidentUpdateInput>;

export const listIncidentsQuery = paging.extend({
  status: incidentStatus.optional(),
  unresolved: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const updateParams = z.strictObject({ id: entityId, update_id: entityId });

export const affectedComponent = z
  .object({ code: z.string(), name: z.string(), old_status: componentStatus, new_status: componentStatus })
  .meta({ id: 'IncidentAffectedComponent' });
export type AffectedComponent = z.output<typeof affectedComponent>;

export const incidentUpdate = z
  .object({
    id: z.string(),
    incident_id: z.string(),
    status: incidentStatus,
    body: z.string(),
    display_at: isoTime,
    created_at: isoTime,
    updated_at: isoTime,
    affected_components: z.array(affectedComponent),
  })
  .meta({ id: 'IncidentUpdate' });
export type IncidentUpdate = z.output<typeof incidentUpdate>;

export const incident = z
  .object({
    id: z.string(),
    name: z.string(),
    status: incidentStatus,
    impact: incidentImpact,
    started_at: isoTime,
    created_at: isoTime,
    updated_at: isoTime,
    monitoring_at: isoTime.nullable(),
    resolved_at: isoTime.nullable(),
    postmortem_published_at: isoTime.nullable(),
    components: z.array(component),
    incident_updates: z.array(incidentUpdate).describe('newest first'),
    duration: z.string().describe('started_at → resolved_at (or now), e.g. "2h 49m"'),
  })
  .meta({ id: 'Incident' });
export type Incident = z.output<typeof incident>;
