import { deletePostmortem } from '../../../services/postmortems/deletePostmortem.js';
import { publishPostmortem } from '../../../services/postmortems/publishPostmortem.js';
import { getPostmortem } from '../../../services/postmortems/queries.js';
import { savePostmortem } from '../../../services/postmortems/savePostmortem.js';
import { postmortem, savePostmortemInput } from '../../../services/postmortems/schemas.js';
import { unpublishPostmortem } from '../../../services/postmortems/unpublishPostmortem.js';
import { idParams, route } from '../../route.js';

const tag = 'Postmortems';

export const postmortemRoutes = [
  route({ method: 'GET', path: '/incidents/:id/postmortem', tag, scope: 'read', summary: 'Get an incident\'s postmortem',
    params: idParams, response: postmortem,
    handler: ({ ctx, params }) => getPostmortem(ctx, params.id) }),
  route({ method: 'PUT', path: '/incidents/:id/postmortem', tag, scope: 'write',
    summary: 'Create or replace the postmortem draft (sections default to the template\'s)', params: idParams, body: savePostmortemInput,
    response: postmortem,
    handler: ({ ctx, params, body }) => savePostmortem(ctx, params.id, body) }),
  route({ method: 'DELETE', path: '/incidents/:id/postmortem', tag, scope: 'write',
    summary: 'Delete the postmortem (a published one is withdrawn and the incident returns to resolved)', params: idParams, status: 204,
    handler: ({ ctx, params }) => deletePostmortem(ctx, params.id) }),
  route({ method: 'POST', path: '/incidents/:id/postmortem/publish', tag, scope: 'write',
    summary: 'Publish the postmortem as a `postmortem` update (the incident must be resolved); republishing refreshes that update',
    params: idParams, response: postmortem, status: 200,
    handler: ({ ctx, params }) => publishPostmortem(ctx, params.id) }),
  route({ method: 'POST', path: '/incidents/:id/postmortem/unpublish', tag, scope: 'write',
    summary: 'Unpublish the postmortem: its update is removed and the incident returns to resolved', params: idParams,
    response: postmortem, status: 200,
    handler: ({ ctx, params }) => unpublishPostmortem(ctx, params.id) }),
];
