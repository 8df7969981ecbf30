// The eight documents of Statuspage's public API v2, as pure functions of the
// public model. Top-level keys in Statuspage's order; summary.json is
// page, components, incidents, scheduled_maintenances, status (githubstatus.com,
// vercel-status.com). Lists keep the model's order: incidents newest created
// first, maintenances newest scheduled_for first (as metastatuspage.com's
// scheduled-maintenances.json example lists them).
import { isIncidentOpen } from '../../../domain/statuses.js';
import type { PublicMaintenance, PublicModel } from '../../../services/public/model.js';
import { componentList, contextOf, incidentObject, maintenanceObject, pageObject, type Context } from './objects.js';

/** incidents.json and scheduled-maintenances.json hold the 50 most recent, as Statuspage's do. */
export const RECENT_LIMIT = 50;

const isUpcoming = (m: PublicMaintenance) => m.status === 'scheduled';
const isActive = (m: PublicMaintenance) => m.status === 'in_progress' || m.status === 'verifying';

function incidents(model: PublicModel, ctx: Context, filter: (i: PublicModel['incidents'][number]) => boolean, limit = Infinity) {
  return model.incidents.filter(filter).slice(0, limit).map((i) => incidentObject(i, ctx));
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
