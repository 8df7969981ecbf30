import { z } from 'zod';
import { createMaintenance } from '../../../services/maintenances/createMaintenance.js';
import { deleteMaintenance } from '../../../services/maintenances/deleteMaintenance.js';
import { postMaintenanceUpdate } from '../../../services/maintenances/postMaintenanceUpdate.js';
import { getMaintenance, listMaintenances, listUpdates } from '../../../services/maintenances/queries.js';
import {
  createMaintenanceInput,
  listMaintenancesQuery,
  maintenance,
  maintenanceUpdate,
  postMaintenanceUpdateInput,
  updateMaintenanceInput,
} from '../../../services/maintenances/schemas.js';
import { updateMaintenance } from '../../../services/maintenances/updateMaintenance.js';
import { idParams, route } from '../../route.js';

const tag = 'Scheduled maintenances';

export const maintenanceRoutes = [
  route({ method: 'GET', path: '/maintenances', tag, scope: 'read', summary: 'List maintenances, latest window first',
    query: listMaintenancesQuery, response: z.array(maintenance),
    handler: ({ ctx, query }) => listMaintenances(ctx, query) }),
  route({ method: 'POST', path: '/maintenances', tag, scope: 'write', summary: 'Schedule a maintenance (posts its first update)',
    body: createMaintenanceInput, response: maintenance,
    handler: ({ ctx, body }) => createMaintenance(ctx, body) }),
  route({ method: 'GET', path: '/maintenances/:id', tag, scope: 'read', summary: 'Get a maintenance with its components and updates',
    params: idParams, response: maintenance,
    handler: ({ ctx, params }) => getMaintenance(ctx, params.id) }),
  route({ method: 'PATCH', path: '/maintenances/:id', tag, scope: 'write',
    summary: 'Change name, window, components or auto-transition (status moves by posting an update)',
    params: idParams, body: updateMaintenanceInput, response: maintenance,
    handler: ({ ctx, params, body }) => updateMaintenance(ctx, params.id, body) }),
  route({ method: 'DELETE', path: '/maintenances/:id', tag, scope: 'write', summary: 'Delete a maintenance and its updates',
    params: idParams, status: 204,
    handler: ({ ctx, params }) => deleteMaintenance(ctx, params.id) }),
  route({ method: 'GET', path: '/maintenances/:id/updates', tag, scope: 'read', summary: 'The maintenance\'s updates, newest first',
    params: idParams, response: z.array(maintenanceUpdate),
    handler: ({ ctx, params }) => listUpdates(ctx, params.id) }),
  route({ method: 'POST', path: '/maintenances/:id/updates', tag, scope: 'write',
    summary: 'Post an update; its status (any of the four, in any order) becomes the maintenance\'s',
    params: idParams, body: postMaintenanceUpdateInput, response: maintenanceUpdate,
    handler: ({ ctx, params, body }) => postMaintenanceUpdate(ctx, params.id, body) }),
];
