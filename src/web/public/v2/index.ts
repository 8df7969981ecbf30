// Statuspage's public API v2 as public routes: pure renderers of the public
// model, served by the snapshot (pre-rendered bytes, CORS open, GET and HEAD).
// Bodies are compact JSON, as Statuspage sends them.
import type { PublicModel } from '../../../services/public/model.js';
import { exactRoute, type PublicRoute } from '../types.js';
import {
  activeMaintenancesDocument,
  componentsDocument,
  incidentsDocument,
  scheduledMaintenancesDocument,
  statusDocument,
  summaryDocument,
  unresolvedIncidentsDocument,
  upcomingMaintenancesDocument,
} from './documents.js';
import { stringifyDocument } from './json.js';

export const V2_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Path → document, in the order Statuspage's API page lists them. */
export const V2_DOCUMENTS: Record<string, (model: PublicModel) => object> = {
  '/api/v2/summary.json': summaryDocument,
  '/api/v2/status.json': statusDocument,
  '/api/v2/components.json': componentsDocument,
  '/api/v2/incidents/unresolved.json': unresolvedIncidentsDocument,
  '/api/v2/incidents.json': incidentsDocument,
  '/api/v2/scheduled-maintenances/upcoming.json': upcomingMaintenancesDocument,
  '/api/v2/scheduled-maintenances/active.json': activeMaintenancesDocument,
  '/api/v2/scheduled-maintenances.json': scheduledMaintenancesDocument,
};

export const v2Routes: PublicRoute[] = Object.entries(V2_DOCUMENTS).map(([path, document]) =>
  exactRoute(path, V2_CONTENT_TYPE, (model) => stringifyDocument(document(model)), { cors: true }),
);
