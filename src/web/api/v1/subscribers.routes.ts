import { z } from 'zod';
import { createSubscriber } from '../../../services/subscribers/createSubscriber.js';
import { deleteSubscriber } from '../../../services/subscribers/deleteSubscriber.js';
import { exportSubscribers } from '../../../services/subscribers/exportSubscribers.js';
import { importSubscribers } from '../../../services/subscribers/importSubscribers.js';
import { getSubscriber, listSubscribers } from '../../../services/subscribers/queries.js';
import { createdSubscriber, createSubscriberInput, importReport, importSubscribersInput, listSubscribersQuery, subscriber } from '../../../services/subscribers/schemas.js';
import { idParams, route } from '../../route.js';

const tag = 'Subscribers';

export const subscriberRoutes = [
  route({ method: 'GET', path: '/subscribers', tag, scope: 'read', summary: 'List subscribers, oldest first (filter by state and type; paged)',
    query: listSubscribersQuery, response: z.array(subscriber),
    handler: ({ ctx, query }) => listSubscribers(ctx, query) }),
  route({ method: 'GET', path: '/subscribers/export.csv', tag, scope: 'read',
    summary: "Every subscriber as CSV in Statuspage's subscriber import layout (type, address, skip confirmation or contact email, components)",
    contentType: 'text/csv; charset=utf-8',
    handler: ({ ctx }) => exportSubscribers(ctx) }),
  route({ method: 'POST', path: '/subscribers/import', tag, scope: 'admin',
    summary: "Import a subscriber CSV (Statuspage's layout) sent as {csv}; confirmed rows stay confirmed, refused rows are reported with their line",
    body: importSubscribersInput, response: importReport, status: 200,
    handler: ({ ctx, body, deps }) => importSubscribers(ctx, body, { outbound: deps.strictOutbound }) }),
  route({ method: 'POST', path: '/subscribers', tag, scope: 'write',
    summary: 'Add a subscriber: pending with its double opt-in sent, or confirmed; a webhook\'s signing secret is shown in this answer only',
    body: createSubscriberInput, response: createdSubscriber,
    handler: ({ ctx, body, deps }) => createSubscriber(ctx, body, { outbound: deps.strictOutbound }) }),
  route({ method: 'GET', path: '/subscribers/:id', tag, scope: 'read', summary: 'One subscriber',
    params: idParams, response: subscriber,
    handler: ({ ctx, params }) => getSubscriber(ctx, params.id) }),
  route({ method: 'DELETE', path: '/subscribers/:id', tag, scope: 'write', summary: 'Remove a subscriber; its links stop working',
    params: idParams, response: subscriber, status: 200,
    handler: ({ ctx, params }) => deleteSubscriber(ctx, params.id) }),
];
