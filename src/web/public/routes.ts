// Every public document the snapshot serves, in matching order: the
// Statuspage v2 API, the feeds, then the status page itself.
import { feedRoutes } from './feeds/index.js';
import { pageRoutes } from './pages/index.js';
import type { PublicRoute } from './types.js';
import { v2Routes } from './v2/index.js';

export const publicRoutes: readonly PublicRoute[] = [...v2Routes, ...feedRoutes, ...pageRoutes];
