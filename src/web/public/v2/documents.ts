// The eight documents of Statuspage's public API v2, as pure functions of the
// public model. Top-level keys in Statuspage's order; summary.json is
// page, components, incidents, scheduled_maintenances, status (githubstatus.com,
// vercel-status.com). Incidents: open ones first (newest created first), then
// the closed ones by when they were resolved, latest first — githubstatus.com's
// incidents.json (2026) lists an incident created earlier but resolved later
// first. Maintenances keep the model's order, newest scheduled_for first (as
// metastatuspage.com's scheduled-maintenances.json example lists them).
import { isMaintenanceActive } from '../../../domain/maintenance.js';
import { isIncidentOpen } from '../../../domain/statuses.js';
import type { PublicMaintenance, PublicModel } from '../../../services/public/model.js';
import { componentList, contextOf, incidentObject, maintenanceObject, pageObject, type Context } from './objects.js';

/** incidents.json and scheduled-maintenances.json hold the 50 most recent, as Statuspage's do. */
export const RECENT_LIMIT = 50;

const isUpcoming = (m: PublicMaintenance) => m.status === 'scheduled';
const isActive = (m: PublicMaintenance) => isMaintenanceActive(m.status);

type Incident = PublicModel['incidents'][number];

/** Statuspage's order: unresolved (no resolved_at) first, then resolved_at descending; the model's order (newest created) breaks ties. */
function byResolution(a: Incident, b: Incident): number {
  if (a.resolved_at === b.resolved_at) return 0;
  if (a.resolved_at === null) return -1;
  if (b.resolved_at === null) return 1;
  return Date.parse(b.resolved_at) - Date.parse(a.resolved_at);
}

function incidents(model: PublicModel, ctx: Context, filter: (i: Incident) => boolean, limit = Infinity) {
  // Array.prototype.sort is stable: equal resolution times keep the model's order.
  return model.incidents.filter(filter).sort(byResolution).slice(0, limit).map((i) => incidentObject(i, ctx));
}

function maintenances(model: PublicModel, ctx: Context, filter: (m: PublicMaintenance) => boolean, limit = Infinity) {
  return model.maintenances.filter(filter).slice(0, limit).map((m) => maintenanceObject(m, ctx));
}

const status = (model: PublicModel) => ({ indicator: model.status.indicator, description: model.status.description });

export function summaryDocument(model: PublicModel) {
  const ctx = contextOf(model);
  return {
    page: pageObject(model),
    components: componentList(model, ctx),
    incidents: incidents(model, ctx, (i) => isIncidentOpen(i.status)),
    scheduled_maintenances: maintenances(model, ctx, (m) => isActive(m) || isUpcoming(m)),
    status: status(model),
  };
}

export function statusDocument(model: PublicModel) {
  return { page: pageObject(model), status: status(model) };
}

export function componentsDocument(model: PublicModel) {
  return { page: pageObject(model), components: componentList(model, contextOf(model)) };
}

export function incidentsDocument(model: PublicModel) {
  return { page: pageObject(model), incidents: incidents(model, contextOf(model), () => true, RECENT_LIMIT) };
}

export function unresolvedIncidentsDocument(model: PublicModel) {
  return { page: pageObject(model), incidents: incidents(model, contextOf(model), (i) => isIncidentOpen(i.status)) };
}

export function scheduledMaintenancesDocument(model: PublicModel) {
  return { page: pageObject(model), scheduled_maintenances: maintenances(model, contextOf(model), () => true, RECENT_LIMIT) };
}

export function upcomingMaintenancesDocument(model: PublicModel) {
  return { page: pageObject(model), scheduled_maintenances: maintenances(model, contextOf(model), isUpcoming) };
}

export function activeMaintenancesDocument(model: PublicModel) {
  return { page: pageObject(model), scheduled_maintenances: maintenances(model, contextOf(model), isActive) };
}
