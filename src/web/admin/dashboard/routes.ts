import { html } from '../../public/pages/html.js';
import { adminRoute, page } from '../page.js';

export const dashboardRoutes = [
  adminRoute({
    method: 'GET',
    path: '/',
    access: 'signed-in',
    handler: async ({ viewer }) => page('Dashboard', html`<h1>Dashboard</h1><p>Signed in as ${viewer?.email}.</p>`, { nav: 'dashboard' }),
  }),
];
