import { z } from 'zod';
import { createChannel } from '../../../services/channels/createChannel.js';
import { deleteChannel } from '../../../services/channels/deleteChannel.js';
import { getChannel, listChannels } from '../../../services/channels/queries.js';
import { channel, channelTestResult, createChannelInput, updateChannelInput } from '../../../services/channels/schemas.js';
import { testChannel } from '../../../services/channels/testChannel.js';
import { updateChannel } from '../../../services/channels/updateChannel.js';
import { idParams, route, type HandlerDeps } from '../../route.js';

const tag = 'Channels';
const view = (deps: HandlerDeps) => ({ smtpConfigured: deps.notifications?.smtpConfigured ?? false });
const writeDeps = (deps: HandlerDeps) => ({ ...view(deps), strictOutbound: deps.strictOutbound });

export const channelRoutes = [
  route({ method: 'GET', path: '/channels', tag, scope: 'read', summary: 'List the team\'s notification channels (secrets shown as "••••")',
    response: z.array(channel),
    handler: ({ ctx, deps }) => listChannels(ctx, view(deps)) }),
  route({ method: 'POST', path: '/channels', tag, scope: 'write',
    summary: 'Add a channel: email, webhook, slack, discord or teams, with routing rules (none: every responder event)',
    body: createChannelInput, response: channel,
    handler: ({ ctx, body, deps }) => createChannel(ctx, body, writeDeps(deps)) }),
  route({ method: 'GET', path: '/channels/:id', tag, scope: 'read', summary: 'Get a channel', params: idParams, response: channel,
    handler: ({ ctx, params, deps }) => getChannel(ctx, params.id, view(deps)) }),
  route({ method: 'PATCH', path: '/channels/:id', tag, scope: 'write',
    summary: 'Change a channel ("••••" in a secret keeps the stored value; the type cannot change)',
    params: idParams, body: updateChannelInput, response: channel,
    handler: ({ ctx, params, body, deps }) => updateChannel(ctx, params.id, body, writeDeps(deps)) }),
  route({ method: 'DELETE', path: '/channels/:id', tag, scope: 'write', summary: 'Delete a channel', params: idParams, status: 204,
    handler: ({ ctx, params }) => deleteChannel(ctx, params.id) }),
  route({ method: 'POST', path: '/channels/:id/test', tag, scope: 'write',
    summary: 'Send a test message now and report the receiver\'s answer (200 with ok false when it failed; 503 when notifications are not running)',
    params: idParams, response: channelTestResult, status: 200,
    handler: ({ ctx, params, deps }) => testChannel(ctx, deps.notifications, params.id) }),
];
