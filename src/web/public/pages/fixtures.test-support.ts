// Test support (not a test file itself): hand-built PublicModel values for
// renderer tests, every field filled with a plausible default, overridable per
// test. Renderers are pure functions of the model, so these are all they need.
import type { IncidentStatus, MaintenanceStatus } from '../../../domain/statuses.js';
import { dailyUptime, type StatusChange } from '../../../domain/uptime.js';
import type {
  PublicComponent,
  PublicGroup,
  PublicIncident,
  PublicMaintenance,
  PublicModel,
  PublicUpdate,
} from '../../../services/public/model.js';

export const NOW = '2021-04-01T12:00:00.000Z';

let seq = 0;
const nextId = (prefix: string) => `${prefix}${(++seq).toString(36).padStart(4, '0')}`;

export function fxComponent(o: Partial<PublicComponent> = {}): PublicComponent {
  return {
    id: nextId('cmp'),
    name: 'API',
    description: null,
    status: 'operational',
    group_id: null,
    position: 0,
    showcase: true,
    only_show_if_degraded: false,
    start_date: null,
    created_at: '2020-01-01T00:00:00.000Z',
    updated_at: '2020-01-01T00:00:00.000Z',
    ...o,
  };
}

export function fxGroup(o: Partial<PublicGroup> = {}): PublicGroup {
  return {
    id: nextId('grp'),
    name: 'Platform',
    description: null,
    position: 0,
    component_ids: [],
    created_at: '2020-01-01T00:00:00.000Z',
    updated_at: '2020-01-01T00:00:00.000Z',
    ...o,
  };
}

export function fxUpdate<S extends string>(status: S, body: string, display_at: string, o: Partial<PublicUpdate<S>> = {}): PublicUpdate<S> {
  return {
    id: nextId('upd'),
    status,
    body,
    display_at,
    created_at: display_at,
    updated_at: display_at,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
    affected_components: [],
    ...o,
  };
}

export function fxIncident(o: Partial<PublicIncident> & { updates?: PublicUpdate<IncidentStatus>[] } = {}): PublicIncident {
  const updates = o.updates ?? [];
  const first = updates.at(-1)?.display_at ?? '2021-03-30T07:38:00.000Z';
  return {
    id: nextId('inc'),
    name: 'Elevated error rates',
    status: updates[0]?.status ?? 'investigating',
    impact: 'minor',
    shortlink: null,
    started_at: first,
    created_at: first,
    updated_at: updates[0]?.display_at ?? first,
    monitoring_at: null,
    resolved_at: null,
    component_ids: [],
    postmortem: null,
    ...o,
    updates,
  };
}

export function fxMaintenance(o: Partial<PublicMaintenance> & { status?: MaintenanceStatus } = {}): PublicMaintenance {
  return {
    id: nextId('mnt'),
    name: 'Database upgrade',
    status: 'scheduled',
    shortlink: null,
    scheduled_for: '2021-04-03T22:00:00.000Z',
    scheduled_until: '2021-04-04T02:00:00.000Z',
    started_at: null,
    completed_at: null,
    created_at: '2021-03-25T10:00:00.000Z',
    updated_at: '2021-03-25T10:00:00.000Z',
    component_ids: [],
    updates: [],
    ...o,
  };
}

/** 90 days of uptime from a status history (default: operational all along). */
export function fxUptime(history: StatusChange[] = [{ status: 'operational', at: '2020-01-01T00:00:00.000Z' }], now = NOW) {
  return dailyUptime(history, { days: 90, now });
}

export interface ModelParts {
  name?: string;
  url?: string;
  logo_url?: string | null;
  accent_color?: string | null;
  indicator?: PublicModel['status'];
  groups?: PublicGroup[];
  components?: PublicComponent[];
  incidents?: PublicIncident[];
  maintenances?: PublicMaintenance[];
  uptime?: Record<string, ReturnType<typeof fxUptime>>;
  generated_at?: string;
}

/** A model whose components all get a default operational uptime unless given one. */
export function fxModel(parts: ModelParts = {}): PublicModel {
  const components = parts.components ?? [];
  const uptime = Object.fromEntries(components.map((c) => [c.id, parts.uptime?.[c.id] ?? fxUptime(undefined, parts.generated_at ?? NOW)]));
  return {
    generated_at: parts.generated_at ?? NOW,
    page: {
      id: 'page0001',
      name: parts.name ?? 'BlueFox Host',
      url: parts.url ?? 'https://status.bluefox.test',
      time_zone: 'UTC',
      updated_at: '2021-01-01T00:00:00.000Z',
      logo_url: parts.logo_url ?? null,
      accent_color: parts.accent_color ?? null,
    },
    status: parts.indicator ?? { indicator: 'none', description: 'All Systems Operational' },
    groups: parts.groups ?? [],
    components,
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
    uptime,
  };
}
