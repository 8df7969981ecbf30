import { z } from 'zod';
import { createComponentGroup } from '../../../services/component-groups/createComponentGroup.js';
import { deleteComponentGroup } from '../../../services/component-groups/deleteComponentGroup.js';
import { getComponentGroup, listComponentGroups } from '../../../services/component-groups/queries.js';
import { componentGroup, createComponentGroupInput, updateComponentGroupInput } from '../../../services/component-groups/schemas.js';
import { updateComponentGroup } from '../../../services/component-groups/updateComponentGroup.js';
import { refParams, route } from '../../route.js';

const tag = 'Component groups';

export const componentGroupRoutes = [
  route({ method: 'GET', path: '/component-groups', tag, scope: 'read', summary: 'List component groups in display order',
    response: z.array(componentGroup),
    handler: ({ ctx }) => listComponentGroups(ctx) }),
  route({ method: 'POST', path: '/component-groups', tag, scope: 'write', summary: 'Create a group; listed components move into it',
    body: createComponentGroupInput, response: componentGroup,
    handler: ({ ctx, body }) => createComponentGroup(ctx, body) }),
  route({ method: 'GET', path: '/component-groups/:id', tag, scope: 'read', summary: 'Get a component group', params: refParams,
    response: componentGroup,
    handler: ({ ctx, params }) => getComponentGroup(ctx, params.id) }),
  route({ method: 'PATCH', path: '/component-groups/:id', tag, scope: 'write',
    summary: 'Change a group; `components` replaces its members (dropped ones become ungrouped)',
    params: refParams, body: updateComponentGroupInput, response: componentGroup,
    handler: ({ ctx, params, body }) => updateComponentGroup(ctx, params.id, body) }),
  route({ method: 'DELETE', path: '/component-groups/:id', tag, scope: 'write', summary: 'Delete a group; its components become ungrouped',
    params: refParams, status: 204,
    handler: ({ ctx, params }) => deleteComponentGroup(ctx, params.id) }),
];
