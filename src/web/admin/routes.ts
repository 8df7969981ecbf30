// Every web-app route, by area. Each area's folder holds its pages and their routes.
import { signOutRoutes } from './auth/sign-out.js';
import { dashboardRoutes } from './dashboard/routes.js';
import type { AdminRouteDef } from './page.js';

export const adminRoutes: readonly AdminRouteDef[] = [
  ...signOutRoutes,
  ...dashboardRoutes,
];
