import { z } from 'zod';
import { createMonitor } from '../../../services/monitors/createMonitor.js';
import { deleteMonitor } from '../../../services/monitors/deleteMonitor.js';
import { getMonitor, listMonitorEvents, listMonitorResults, listMonitorRollups, listMonitors } from '../../../services/monitors/queries.js';
import { rotateHeartbeatToken } from '../../../services/monitors/rotateHeartbeatToken.js';
import { runMonitorNow } from '../../../services/monitors/runMonitorNow.js';
import {
  createMonitorInput,
  eventsQuery,
  listMonitorsQuery,
  monitor,
  monitorEvent,
  monitorResult,
  monitorRollup,
  resultsQuery,
  rollupsQuery,
  runNowResult,
  updateMonitorInput,
} from '../../../services/monitors/schemas.js';
import { pauseMonitor, resumeMonitor } from '../../../services/monitors/setMonitorPaused.js';
import { updateMonitor } from '../../../services/monitors/updateMonitor.js';
import { idParams, route } from '../../route.js';

const tag = 'Monitors';

export const monitorRoutes = [
  route({ method: 'GET', path: '/monitors', tag, scope: 'read', summary: 'List monitors, oldest first',
    query: listMonitorsQuery, response: z.array(monitor),
    handler: ({ ctx, query, deps }) => listMonitors(ctx, query, deps) }),
  route({ method: 'POST', path: '/monitors', tag, scope: 'write',
    summary: 'Create a monitor: the common fields and its type\'s options in one object', body: createMonitorInput, response: monitor,
    handler: ({ ctx, body, deps }) => createMonitor(ctx, body, deps) }),
  route({ method: 'GET', path: '/monitors/:id', tag, scope: 'read', summary: 'Get a monitor with its state and last result',
    params: idParams, response: monitor,
    handler: ({ ctx, params, deps }) => getMonitor(ctx, params.id, deps) }),
  route({ method: 'PATCH', path: '/monitors/:id', tag, scope: 'write',
    summary: 'Change a monitor (options are merged onto the stored ones; the type cannot change)',
    params: idParams, body: updateMonitorInput, response: monitor,
    handler: ({ ctx, params, body, deps }) => updateMonitor(ctx, params.id, body, deps) }),
  route({ method: 'DELETE', path: '/monitors/:id', tag, scope: 'write', summary: 'Delete a monitor with its results and events',
    params: idParams, status: 204,
    handler: ({ ctx, params }) => deleteMonitor(ctx, params.id) }),
  route({ method: 'POST', path: '/monitors/:id/pause', tag, scope: 'write', summary: 'Pause a monitor: its checks stop and its state is kept',
    params: idParams, response: monitor, status: 200,
    handler: ({ ctx, params, deps }) => pauseMonitor(ctx, params.id, deps) }),
  route({ method: 'POST', path: '/monitors/:id/resume', tag, scope: 'write', summary: 'Resume a paused monitor',
    params: idParams, response: monitor, status: 200,
    handler: ({ ctx, params, deps }) => resumeMonitor(ctx, params.id, deps) }),
  route({ method: 'POST', path: '/monitors/:id/run', tag, scope: 'write',
    summary: 'Run the check now and return its result (503 when no scheduler runs in the serving process)',
    params: idParams, response: runNowResult, status: 200,
    handler: ({ ctx, params, deps }) => runMonitorNow(ctx, deps.monitors, params.id) }),
  route({ method: 'POST', path: '/monitors/:id/rotate-token', tag, scope: 'write',
    summary: 'Heartbeat monitors: replace the ping URL\'s token; the old URL stops working at once (the answer has the new ping_url)',
    params: idParams, response: monitor, status: 200,
    handler: ({ ctx, params, deps }) => rotateHeartbeatToken(ctx, params.id, deps) }),
  route({ method: 'GET', path: '/monitors/:id/results', tag, scope: 'read', summary: 'Check results, newest first',
    params: idParams, query: resultsQuery, response: z.array(monitorResult),
    handler: ({ ctx, params, query }) => listMonitorResults(ctx, params.id, query) }),
  route({ method: 'GET', path: '/monitors/:id/rollups', tag, scope: 'read',
    summary: 'Checks, uptime and latency per minute, hour or day, oldest first',
    params: idParams, query: rollupsQuery, response: z.array(monitorRollup),
    handler: ({ ctx, params, query }) => listMonitorRollups(ctx, params.id, query) }),
  route({ method: 'GET', path: '/monitors/:id/events', tag, scope: 'read', summary: 'State changes, pauses and warnings, newest first',
    params: idParams, query: eventsQuery, response: z.array(monitorEvent),
    handler: ({ ctx, params, query }) => listMonitorEvents(ctx, params.id, query) }),
];
