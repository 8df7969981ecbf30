import { formatDuration, incidentDurationMs } from '../../domain/duration.js';
import type { ComponentStatus, IncidentImpact, IncidentStatus } from '../../domain/statuses.js';
import type { ComponentRow, IncidentRow, IncidentUpdateComponentRow, IncidentUpdateRow } from '../../store/schema.js';
import { presentComponent } from '../components/present.js';
import type { AffectedComponent, Incident, IncidentUpdate } from './schemas.js';

/** One component change an update made (incident or maintenance update), in Statuspage's shape. */
export function presentAffectedComponent(row: Pick<IncidentUpdateComponentRow, 'component_id' | 'component_name' | 'old_status' | 'new_status'>): AffectedComponent {
  return {
    code: row.component_id,
    name: row.component_name,
    old_status: row.old_status as ComponentStatus,
    new_status: row.new_status as ComponentStatus,
  };
}

export function presentIncidentUpdate(row: IncidentUpdateRow, changes: IncidentUpdateComponentRow[]): IncidentUpdate {
  return {
    id: row.id,
    incident_id: row.incident_id,
    status: row.status as IncidentStatus,
    body: row.body,
    display_at: row.display_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    affected_components: changes.map(presentAffectedComponent),
  };
}

export interface IncidentParts {
  row: IncidentRow;
  components: ComponentRow[];
  /** Already presented, newest first. */
  updates: IncidentUpdate[];
  postmortemPublishedAt: string | null;
}

/** An incident row's own fields, typed: the admin API's incident and the public model's both start from them. */
export function incidentRowFields(row: IncidentRow) {
  return {
    id: row.id,
    name: row.name,
    status: row.status as IncidentStatus,
    impact: row.impact as IncidentImpact,
    started_at: row.started_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    monitoring_at: row.monitoring_at,
    resolved_at: row.resolved_at,
  };
}

/** `now` is only used for the running duration of an unresolved incident. */
export function presentIncident(parts: IncidentParts, now: string): Incident {
  const { row } = parts;
  return {
    ...incidentRowFields(row),
    postmortem_published_at: parts.postmortemPublishedAt,
    components: parts.components.map(presentComponent),
    incident_updates: parts.updates,
    duration: formatDuration(incidentDurationMs(row.started_at, row.resolved_at, now)),
  };
}
