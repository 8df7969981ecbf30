import { z } from 'zod';
import { createIncident } from '../../../services/incidents/createIncident.js';
import { createIncidentUpdate } from '../../../services/incidents/createIncidentUpdate.js';
import { deleteIncident } from '../../../services/incidents/deleteIncident.js';
import { deleteIncidentUpdate } from '../../../services/incidents/deleteIncidentUpdate.js';
import { getIncidentById, listIncidents, listIncidentUpdates } from '../../../services/incidents/queries.js';
import {
  createIncidentInput,
  createIncidentUpdateInput,
  editIncidentUpdateInput,
  incident,
  incidentUpdate,
  listIncidentsQuery,
  updateIncidentInput,
  updateParams,
} from '../../../services/incidents/schemas.js';
import { updateIncident } from '../../../services/incidents/updateIncident.js';
import { updateIncidentUpdate } from '../../../services/incidents/updateIncidentUpdate.js';
import { idParams, route } from '../../route.js';

const tag = 'Incidents';

export const incidentRoutes = [
  route({ method: 'GET', path: '/incidents', tag, scope: 'read', summary: 'List incidents, newest first',
    query: listIncidentsQuery, response: z.array(incident),
    handler: ({ ctx, query }) => listIncidents(ctx, query) }),
  route({ method: 'POST', path: '/incidents', tag, scope: 'write',
    summary: 'Open an incident with its first update and component statuses', body: createIncidentInput, response: incident,
    handler: ({ ctx, body }) => createIncident(ctx, body) }),
  route({ method: 'GET', path: '/incidents/:id', tag, scope: 'read', summary: 'Get an incident with its updates', params: idParams, response: incident,
    handler: ({ ctx, params }) => getIncidentById(ctx, params.id) }),
  route({ method: 'PATCH', path: '/incidents/:id', tag, scope: 'write',
    summary: 'Change an incident\'s name, impact, started_at or affected components (status changes are posted as updates)',
    params: idParams, body: updateIncidentInput, response: incident,
    handler: ({ ctx, params, body }) => updateIncident(ctx, params.id, body) }),
  route({ method: 'DELETE', path: '/incidents/:id', tag, scope: 'write',
    summary: 'Delete an incident with its updates and postmortem (component statuses are left as they are)', params: idParams, status: 204,
    handler: ({ ctx, params }) => deleteIncident(ctx, params.id) }),
  route({ method: 'GET', path: '/incidents/:id/updates', tag, scope: 'read', summary: 'List an incident\'s updates, newest first',
    params: idParams, response: z.array(incidentUpdate),
    handler: ({ ctx, params }) => listIncidentUpdates(ctx, params.id) }),
  route({ method: 'POST', path: '/incidents/:id/updates', tag, scope: 'write',
    summary: 'Post an update: sets the incident status and component statuses; resolving returns affected components to operational',
    params: idParams, body: createIncidentUpdateInput, response: incidentUpdate,
    handler: ({ ctx, params, body }) => createIncidentUpdate(ctx, params.id, body) }),
  route({ method: 'PATCH', path: '/incidents/:id/updates/:update_id', tag, scope: 'write',
    summary: 'Correct an update\'s body or display_at (statuses do not change)', params: updateParams, body: editIncidentUpdateInput,
    response: incidentUpdate,
    handler: ({ ctx, params, body }) => updateIncidentUpdate(ctx, params.id, params.update_id, body) }),
  route({ method: 'DELETE', path: '/incidents/:id/updates/:update_id', tag, scope: 'write',
    summary: 'Delete an update (statuses do not change; the last update cannot be deleted)', params: updateParams, status: 204,
    handler: ({ ctx, params }) => deleteIncidentUpdate(ctx, params.id, params.update_id) }),
];
