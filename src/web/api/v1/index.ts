// Every admin API route, in the order they appear in the OpenAPI document.
import type { RouteDef } from '../../route.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { auditLogRoutes } from './audit-log.routes.js';
import { channelRoutes } from './channels.routes.js';
import { componentGroupRoutes } from './component-groups.routes.js';
import { componentRoutes } from './components.routes.js';
import { deliveryRoutes } from './deliveries.routes.js';
import { incidentRoutes } from './incidents.routes.js';
import { maintenanceRoutes } from './maintenances.routes.js';
import { monitorRoutes } from './monitors.routes.js';
import { postmortemRoutes } from './postmortems.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { subscriberRoutes } from './subscribers.routes.js';

export const API_V1_PREFIX = '/api/v1';

export const apiV1Routes: RouteDef[] = [
  ...componentRoutes,
  ...componentGroupRoutes,
  ...incidentRoutes,
  ...postmortemRoutes,
  ...maintenanceRoutes,
  ...monitorRoutes,
  ...settingsRoutes,
  ...subscriberRoutes,
  ...channelRoutes,
  ...apiKeyRoutes,
  ...auditLogRoutes,
  ...deliveryRoutes,
];
