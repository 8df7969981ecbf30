// Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC
// strings and booleans are 0/1 integers on both dialects (see docs/adr/0002).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface SettingsTable {
  id: number;
  name: string;
  public_url: string | null;
  time_zone: string;
  updated_at: string;
  page_id: string | null;
  logo_url: string | null;
  accent_color: string | null;
}

export interface ComponentGroupTable {
  id: string;
  key: string | null;
  name: string;
  description: string | null;
  position: number;
  /** Breaks ties in position, in one sequence with components (Statuspage's flat list; docs/adr/0014). */
  sequence: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ComponentTable {
  id: string;
  key: string | null;
  group_id: string | null;
  name: string;
  description: string | null;
  status: string;
  position: number;
  /** Breaks ties in position, in one sequence with groups: the file's order for imports, else max + 1. */
  sequence: Generated<number>;
  showcase: number;
  only_show_if_degraded: number;
  start_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface ComponentStatusChangeTable {
  id: Generated<number>;
  component_id: string;
  status: string;
  at: string;
  /** what set it: manual | incident | maintenance | config | import | monitor */
  source: string;
  source_id: string | null;
  /** The incident update that made the change (null for other sources). */
  update_id: string | null;
  /** Which time it follows when edited: 'display_at' (its update's) or 'started_at' (its incident's); null: none. */
  follows: string | null;
}

export interface IncidentTable {
  id: string;
  name: string;
  status: string;
  impact: string;
  started_at: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  shortlink: Generated<string | null>;
  /** Statuspage's reminder intervals as the imported page gave them (JSON text); null: none. */
  reminder_intervals: Generated<string | null>;
}

export interface IncidentComponentTable {
  incident_id: string;
  component_id: string;
  /** The order the incident lists its components in (imported, or added); ties: page order. */
  position: Generated<number>;
}

export interface IncidentUpdateTable {
  id: string;
  incident_id: string;
  status: string;
  body: string;
  display_at: string;
  created_at: string;
  updated_at: string;
  deliver_notifications: Generated<number>;
  custom_tweet: Generated<string | null>;
  tweet_id: Generated<string | null>;
  /** The legacy `[{"name": "No components were affected by this update."}]` of old Statuspage exports; null: none. */
  no_components_note: Generated<string | null>;
  /** 1: the imported page wrote tweet_id as a JSON number, so it is served as one. */
  tweet_id_is_number: Generated<number>;
}

/** Component status changes an update made; the name is kept in case the component is deleted later. */
export interface IncidentUpdateComponentTable {
  update_id: string;
  component_id: string;
  component_name: string;
  old_status: string;
  new_status: string;
  /** Where the update listed it (Statuspage's order; Vigil's own writes: the order applied). */
  position: number;
}

export interface MaintenanceTable {
  id: string;
  name: string;
  status: string;
  scheduled_for: string;
  scheduled_until: string;
  auto_transition: number;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  shortlink: Generated<string | null>;
  /** Statuspage's impact for the maintenance; almost always 'maintenance'. */
  impact: Generated<string>;
  /** Statuspage's started_at (when the notice began), kept from an import; null: created_at. */
  announced_at: Generated<string | null>;
  /** Minutes before scheduled_for at which subscribers are reminded (JSON list); null: one hour before. */
  reminder_minutes: Generated<string | null>;
}

export interface MaintenanceComponentTable {
  maintenance_id: string;
  component_id: string;
  /** Like incident_components.position. */
  position: Generated<number>;
}

export interface MaintenanceUpdateTable {
  id: string;
  maintenance_id: string;
  status: string;
  body: string;
  display_at: string;
  created_at: string;
  updated_at: string;
  deliver_notifications: Generated<number>;
  custom_tweet: Generated<string | null>;
  tweet_id: Generated<string | null>;
  /** The legacy `[{"name": "No components were affected by this update."}]` of old Statuspage exports; null: none. */
  no_components_note: Generated<string | null>;
  /** 1: the imported page wrote tweet_id as a JSON number, so it is served as one. */
  tweet_id_is_number: Generated<number>;
}

/** Component status changes a maintenance update made (same shape as incident_update_components). */
export interface MaintenanceUpdateComponentTable {
  update_id: string;
  component_id: string;
  component_name: string;
  old_status: string;
  new_status: string;
  position: number;
}

export interface PostmortemTable {
  incident_id: string;
  template: string;
  /** JSON array of {key,title,body}, in display order */
  sections: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  scope: string;
  created_at: string;
  revoked_at: string | null;
  /** Updated at most once a minute per key (see services/api-keys/queries.ts). */
  last_used_at: string | null;
  /** Null: never expires. */
  expires_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface MonitorTable {
  id: string;
  key: string | null;
  name: string;
  type: string;
  options_json: string;
  interval_seconds: number;
  timeout_seconds: number;
  retry_interval_seconds: number;
  down_after: number;
  up_after: number;
  component_id: string | null;
  component_status_on_down: string;
  auto_incident: number;
  incident_impact: string;
  incident_title: string | null;
  incident_body: string | null;
  resolve_after_seconds: number;
  paused: number;
  heartbeat_token: string | null;
  state: string;
  state_changed_at: string | null;
  state_reason: string | null;
  flapping: number;
  incident_id: string | null;
  recovered_at: string | null;
  last_ping_at: string | null;
  last_ping_ok: number | null;
  /** A DOWN waiting for its incident (storm group wait); the engine opens or joins it from here. */
  incident_pending_since: string | null;
  /** The first failing check of the streak that was confirmed DOWN: the incident's started_at. */
  failing_since: string | null;
  /** The address the check reached when it went DOWN (storm detection groups by network). */
  down_address: string | null;
  created_at: string;
  updated_at: string;
}

/** One check's outcome. `checked_at` is epoch milliseconds (docs/adr/0010). */
export interface MonitorResultTable {
  monitor_id: string;
  checked_at: number;
  ok: number;
  latency_ms: number | null;
  reason: string | null;
  detail_json: string | null;
}

export interface MonitorRollupTable {
  monitor_id: string;
  resolution: string;
  bucket_start: number;
  checks: number;
  failures: number;
  latency_min: number | null;
  latency_max: number | null;
  latency_sum: number;
  latency_count: number;
  histogram: string;
}

export interface MonitorEventTable {
  id: Generated<number>;
  monitor_id: string;
  at: string;
  kind: string;
  reason: string | null;
  incident_id: string | null;
}

export interface MonitorRollupMarkTable {
  resolution: string;
  done_until: number;
}

export interface LeaseTable {
  name: string;
  holder: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

export interface NotificationEventTable {
  id: Generated<number>;
  /** An `EventKind` (domain/notifications.ts). */
  kind: string;
  /** public | responders */
  audience: string;
  subject_type: string;
  subject_id: string;
  thread_key: string | null;
  /** JSON array of component ids. */
  component_ids: string;
  monitor_id: string | null;
  severity: string | null;
  payload_json: string;
  dedupe_key: string | null;
  created_at: string;
  /** pending | expanded */
  state: string;
  expand_cursor: string | null;
  claimed_by: string | null;
  /** Epoch milliseconds. */
  claimed_until: number | null;
  expanded_at: string | null;
}

export interface DeliveryTable {
  id: Generated<number>;
  event_id: number;
  /** subscriber | channel */
  target_type: string;
  target_id: string;
  /** email | webhook | slack | discord | teams */
  channel_type: string;
  idempotency_key: string;
  /** pending | sending | delivered | dead */
  state: string;
  attempts: Generated<number>;
  /** Epoch milliseconds. */
  next_attempt_at: number;
  claimed_by: string | null;
  /** Epoch milliseconds. */
  claimed_until: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SubscriberTable {
  id: string;
  /** email | webhook */
  type: string;
  /** The lower-cased email address or the webhook URL. */
  address: string;
  contact_email: string | null;
  /** pending | confirmed */
  state: string;
  signing_secret: string | null;
  link_nonce: string;
  /** form | api | import */
  source: string;
  failing_since: string | null;
  disabled_at: string | null;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SubscriberComponentTable {
  subscriber_id: string;
  component_id: string;
}

export interface ChannelTable {
  id: string;
  key: string | null;
  name: string;
  /** email | webhook | slack | discord | teams */
  type: string;
  config_json: string;
  /** JSON array of `RouteRule` (domain/notifications.ts); empty: every responder event. */
  routes_json: string;
  enabled: number;
  failing_since: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface SigningKeyTable {
  name: string;
  secret: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash`; null for accounts that sign in through OIDC only. */
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** The last accepted TOTP time step: each code is good once. */
  totp_last_step: number | null;
  /** JSON list of SHA-256 hashes of the unused recovery codes. */
  recovery_codes: string | null;
  oidc_subject: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  disabled_at: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token. */
  id: string;
  user_id: string;
  /** `full`, or `totp` while the second factor is owed. */
  stage: string;
  csrf_token: string;
  /** How the user signed in: `password`, `oidc`, `setup`, `invite`. */
  method: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  /** Touched at most once a minute. */
  last_seen_at: string;
  /** The absolute limit; the idle limit is computed from `last_seen_at`. */
  expires_at: string;
}

export interface UserTokenTable {
  id: string;
  /** `setup`, `invite` or `reset`. */
  purpose: string;
  token_hash: string;
  email: string | null;
  role: string | null;
  user_id: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface IncidentTemplateTable {
  id: string;
  name: string;
  title: string;
  body: string;
  update_status: string;
  impact: string;
  /** JSON list of `{component_id, status}`. */
  components_json: string;
  should_send_notifications: number;
  created_at: string;
  updated_at: string;
}

export interface DB {
  settings: SettingsTable;
  component_groups: ComponentGroupTable;
  components: ComponentTable;
  component_status_changes: ComponentStatusChangeTable;
  incidents: IncidentTable;
  incident_components: IncidentComponentTable;
  incident_updates: IncidentUpdateTable;
  incident_update_components: IncidentUpdateComponentTable;
  maintenances: MaintenanceTable;
  maintenance_components: MaintenanceComponentTable;
  maintenance_updates: MaintenanceUpdateTable;
  maintenance_update_components: MaintenanceUpdateComponentTable;
  postmortems: PostmortemTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  monitors: MonitorTable;
  monitor_results: MonitorResultTable;
  monitor_rollups: MonitorRollupTable;
  monitor_events: MonitorEventTable;
  monitor_rollup_marks: MonitorRollupMarkTable;
  leases: LeaseTable;
  notification_events: NotificationEventTable;
  deliveries: DeliveryTable;
  subscribers: SubscriberTable;
  subscriber_components: SubscriberComponentTable;
  channels: ChannelTable;
  signing_keys: SigningKeyTable;
  users: UserTable;
  sessions: SessionTable;
  user_tokens: UserTokenTable;
  incident_templates: IncidentTemplateTable;
}

export type ComponentRow = Selectable<ComponentTable>;
export type NewComponentRow = Insertable<ComponentTable>;
export type ComponentPatch = Updateable<ComponentTable>;
export type ComponentGroupRow = Selectable<ComponentGroupTable>;
export type IncidentRow = Selectable<IncidentTable>;
export type IncidentUpdateRow = Selectable<IncidentUpdateTable>;
export type IncidentUpdateComponentRow = Selectable<IncidentUpdateComponentTable>;
export type MaintenanceRow = Selectable<MaintenanceTable>;
export type MaintenanceUpdateRow = Selectable<MaintenanceUpdateTable>;
export type MaintenanceUpdateComponentRow = Selectable<MaintenanceUpdateComponentTable>;
export type PostmortemRow = Selectable<PostmortemTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type SettingsRow = Selectable<SettingsTable>;
export type MonitorRow = Selectable<MonitorTable>;
export type NewMonitorRow = Insertable<MonitorTable>;
export type MonitorPatch = Updateable<MonitorTable>;
export type MonitorResultRow = Selectable<MonitorResultTable>;
export type MonitorRollupRow = Selectable<MonitorRollupTable>;
export type MonitorEventRow = Selectable<MonitorEventTable>;
export type NotificationEventRow = Selectable<NotificationEventTable>;
export type NewNotificationEventRow = Insertable<NotificationEventTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
export type SubscriberRow = Selectable<SubscriberTable>;
export type ChannelRow = Selectable<ChannelTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type UserTokenRow = Selectable<UserTokenTable>;
export type IncidentTemplateRow = Selectable<IncidentTemplateTable>;
