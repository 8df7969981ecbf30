// A Statuspage document after parsing: validated, timestamps in UTC, shaped
// like Vigil's rows (booleans 0/1), each entry remembering where it was in the
// file so every later problem can name it (`incidents[3].incident_updates[0]`).
import type { ComponentStatus, IncidentImpact, IncidentStatus, MaintenanceStatus } from '../../domain/statuses.js';

/** The top-level lists a document can carry; summary.json has all three. */
export type Section = 'components' | 'incidents' | 'scheduled_maintenances';

/** One validated entry of a list, with where it is in the file and what the file held there. */
export interface Entry<T> {
  path: string;
  value: T;
  raw: unknown;
}

/** What an incident's or maintenance's embedded component object says its description is. */
export interface EmbeddedDescription {
  component_id: string;
  description: string | null;
}

/** A field Vigil does not keep, by where it is with list indexes as `[*]` (`incidents[*].foo`), and how often. */
export interface IgnoredField {
  path: string;
  count: number;
}

export interface ImportedPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface ImportedGroup {
  path: string;
  id: string;
  name: string;
  description: string | null;
  position: number;
  /** Where the entry is in the file's flat component list (0, 1, …): the tie-breaker after position. */
  sequence: number;
  created_at: string;
  updated_at: string;
}

export interface ImportedComponent {
  path: string;
  id: string;
  group_id: string | null;
  name: string;
  description: string | null;
  status: ComponentStatus;
  position: number;
  sequence: number;
  showcase: number;
  only_show_if_degraded: number;
  start_date: string | null;
  created_at: string;
  updated_at: string;
}

/** One `affected_components` entry: a component status change an update made. */
export interface ImportedChange {
  component_id: string;
  component_name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface ImportedUpdate<S extends string> {
  path: string;
  id: string;
  status: S;
  body: string;
  display_at: string;
  created_at: string;
  updated_at: string;
  deliver_notifications: number;
  custom_tweet: string | null;
  tweet_id: string | null;
  /** 1: the file wrote the tweet id as a JSON number. */
  tweet_id_is_number: number;
  /** The name of an old export's `[{"name": "No components were affected by this update."}]`. */
  no_components_note: string | null;
  changes: ImportedChange[];
}

export interface ImportedIncident {
  path: string;
  id: string;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  shortlink: string | null;
  started_at: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  /** JSON text of the page's value (a list, or Statuspage's string form); null when absent or null. */
  reminder_intervals: string | null;
  /** In file order. */
  component_ids: string[];
  /** The `description` of each embedded component object that has one (compared with the component's, plan.ts). */
  embedded_descriptions: EmbeddedDescription[];
  /** In file order (newest first on real pages). */
  updates: ImportedUpdate<IncidentStatus>[];
}

export interface ImportedMaintenance {
  path: string;
  id: string;
  name: string;
  status: MaintenanceStatus;
  impact: IncidentImpact | 'maintenance';
  shortlink: string | null;
  scheduled_for: string;
  scheduled_until: string;
  /** Statuspage's own started_at: when the notice began (neither created_at nor when work began). */
  announced_at: string;
  /** When the work actually began (Vigil's meaning), derived from the updates. */
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  /** In file order. */
  component_ids: string[];
  embedded_descriptions: EmbeddedDescription[];
  updates: ImportedUpdate<MaintenanceStatus>[];
}

export interface StatuspageDocument {
  sections: Section[];
  page: ImportedPage;
  groups: ImportedGroup[];
  components: ImportedComponent[];
  incidents: ImportedIncident[];
  maintenances: ImportedMaintenance[];
  /** Fields of the file Vigil does not keep, in the order first met (reported, not written). */
  ignored: IgnoredField[];
}
