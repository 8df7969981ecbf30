import { getSettings } from '../../../services/settings/queries.js';
import { pageSettings, updateSettingsInput } from '../../../services/settings/schemas.js';
import { updateSettings } from '../../../services/settings/updateSettings.js';
import { route } from '../../route.js';

const tag = 'Page settings';

export const settingsRoutes = [
  route({ method: 'GET', path: '/page', tag, scope: 'read', summary: 'The status page\'s settings',
    response: pageSettings,
    handler: ({ ctx }) => getSettings(ctx) }),
  route({ method: 'PATCH', path: '/page', tag, scope: 'admin', summary: 'Change the status page\'s name, public URL, time zone, logo or accent colour',
    body: updateSettingsInput, response: pageSettings,
    handler: ({ ctx, body }) => updateSettings(ctx, body) }),
];
