import { z } from 'zod';
import { createComponent } from '../../../services/components/createComponent.js';
import { deleteComponent } from '../../../services/components/deleteComponent.js';
import { componentStatusHistory, componentUptime, getComponent, listComponents } from '../../../services/components/queries.js';
import { component, createComponentInput, statusChange, updateComponentInput } from '../../../services/components/schemas.js';
import { updateComponent } from '../../../services/components/updateComponent.js';
import { refParams, route } from '../../route.js';

const tag = 'Components';

export const componentRoutes = [
  route({ method: 'GET', path: '/components', tag, scope: 'read', summary: 'List components in display order', response: z.array(component),
    handler: ({ ctx }) => listComponents(ctx) }),
  route({ method: 'POST', path: '/components', tag, scope: 'write', summary: 'Create a component', body: createComponentInput, response: component,
    handler: ({ ctx, body }) => createComponent(ctx, body) }),
  route({ method: 'GET', path: '/components/:id', tag, scope: 'read', summary: 'Get a component', params: refParams, response: component,
    handler: ({ ctx, params }) => getComponent(ctx, params.id) }),
  route({ method: 'PATCH', path: '/components/:id', tag, scope: 'write', summary: 'Change a component (a status change is kept in its history)',
    params: refParams, body: updateComponentInput, response: component,
    handler: ({ ctx, params, body }) => updateComponent(ctx, params.id, body) }),
  route({ method: 'DELETE', path: '/components/:id', tag, scope: 'write', summary: 'Delete a component', params: refParams, status: 204,
    handler: ({ ctx, params }) => deleteComponent(ctx, params.id) }),
  route({ method: 'GET', path: '/components/:id/status-history', tag, scope: 'read', summary: 'Every status the component has had, oldest first',
    params: refParams, response: z.array(statusChange),
    handler: ({ ctx, params }) => componentStatusHistory(ctx, params.id) }),
  route({ method: 'GET', path: '/components/:id/uptime', tag, scope: 'read', summary: 'Daily uptime computed from status history',
    params: refParams, query: z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(90) }),
    handler: ({ ctx, params, query }) => componentUptime(ctx, params.id, query.days) }),
];
