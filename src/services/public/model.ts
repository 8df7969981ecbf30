// The public read model: everything the status page, the Statuspage v2 API
// and the feeds show, loaded from the database in one pass and then rendered
// from memory. Public requests never query the database (docs/adr/0007).
import type { ComponentStatus, IncidentImpact, IncidentStatus, MaintenanceStatus, PageIndicator } from '../../domain/statuses.js';
import type { DayUptime } from '../../domain/uptime.js';
import type { PostmortemSection } from '../../domain/postmortem.js';

export interface PublicPage {
  id: string;
  name: string;
  /** The public URL (settings.public_url, else VIGIL_PUBLIC_URL). */
  url: string;
  time_zone: string;
  updated_at: string;
  logo_url: string | null;
  accent_color: string | null;
}

export interface PublicComponent {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  group_id: string | null;
  position: number;
  /** Breaks ties in position, in one sequence with groups (docs/adr/0014); absent: 0. */
  sequence?: number;
  showcase: boolean;
  only_show_if_degraded: boolean;
  start_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface PublicGroup {
  id: string;
  name: string;
  description: string | null;
  position: number;
  /** Like PublicComponent.sequence. */
  sequence?: number;
  /** Members in display order. */
  component_ids: string[];
  created_at: string;
  updated_at: string;
}

export interface PublicAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface PublicUpdate<S extends string> {
  id: string;
  status: S;
  body: string;
  display_at: string;
  created_at: string;
  updated_at: string;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
  /** The imported page wrote tweet_id as a JSON number (its digits are in tweet_id). */
  tweet_id_is_number?: boolean;
  /** An old Statuspage export's `[{"name": "No components were affected by this update."}]`, kept from an import. */
  no_components_note?: string;
  affected_components: PublicAffectedComponent[];
}

/** As Statuspage serves them: null, a list of minutes, or the same as text ("[]", "[15, 30]"). */
export type ReminderIntervals = number[] | string | null;

export interface PublicIncident {
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
  /** Statuspage's reminder intervals, kept from an import as the page gave them; absent or null: none. */
  reminder_intervals?: ReminderIntervals;
  /** Affected components, in the order the incident lists them (imported, or as they were added). */
  component_ids: string[];
  /** Newest first (display_at, then created_at). */
  updates: PublicUpdate<IncidentStatus>[];
  /** Only a published postmortem appears here. */
  postmortem: { published_at: string; sections: PostmortemSection[] } | null;
}

export interface PublicMaintenance {
  id: string;
  name: string;
  status: MaintenanceStatus;
  /** Statuspage's impact for it; 'maintenance' when absent. */
  impact?: IncidentImpact | 'maintenance';
  /** When the notice began (Statuspage's started_at, kept from an import); absent or null: created_at. */
  announced_at?: string | null;
  shortlink: string | null;
  scheduled_for: string;
  scheduled_until: string;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  component_ids: string[];
  /** Newest first. */
  updates: PublicUpdate<MaintenanceStatus>[];
}

export interface PublicModel {
  /** When this model was loaded (the clock's now). */
  generated_at: string;
  /**
   * Vigil's own public address (VIGIL_PUBLIC_URL), where the pages and feeds
   * are served. page.url can be another address: an imported page keeps its
   * old Statuspage URL there. Absent in models built by hand: page.url stands in.
   */
  publicUrl?: string;
  page: PublicPage;
  status: { indicator: PageIndicator; description: string };
  /** Groups in display order. */
  groups: PublicGroup[];
  /** Every component in display order: ungrouped by position, grouped by group then position. */
  components: PublicComponent[];
  /** Every incident, newest created first. */
  incidents: PublicIncident[];
  /** Every maintenance, newest scheduled_for first. */
  maintenances: PublicMaintenance[];
  /** Per component id: the last 90 UTC days, oldest first. */
  uptime: Record<string, DayUptime[]>;
}
