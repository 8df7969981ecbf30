import { notFound, validationError } from '../../domain/errors.js';
import { applyIncidentStatus } from '../../domain/incident.js';
import { isIncidentOpen, type IncidentStatus } from '../../domain/statuses.js';
import { toEpochMs } from '../../domain/time.js';
import { lockIncident, updateIncident } from '../../store/incidents.js';
import { transact, type ServiceContext, type Tx } from '../context.js';
import { parseInput } from '../validation.js';
import { loadIncidentUpdate } from './load.js';
import { assertNotInFuture } from './rules.js';
import { createIncidentUpdateInput, POSTMORTEM_STATUS_MESSAGE, type CreateIncidentUpdateInput, type IncidentUpdate } from './schemas.js';
import { writeIncidentUpdate } from './writeUpdate.js';
import { emitIncidentEvents } from '../notifications/emitIncidentEvents.js';

/**
 * Posts an update: moves the incident to its status (any order, backwards too),
 * sets component statuses, and on resolution returns affected components to
 * operational (see writeUpdate.ts).
 */
export async function createIncidentUpdate(ctx: ServiceContext, incidentId: string, raw: unknown): Promise<IncidentUpdate> {
  const input = parseInput(createIncidentUpdateInput, raw);
  return transact(ctx, async (tx) => {
    const created = await postIncidentUpdate(tx, incidentId, input);
    await tx.audit('incident_update.create', { type: 'incident_update', id: created.id }, null, created);
    return created;
  });
}

/** Posts an update inside the caller's transaction (the caller writes the audit row). */
export async function postIncidentUpdate(tx: Tx, incidentId: string, input: CreateIncidentUpdateInput): Promise<IncidentUpdate> {
  const row = await lockIncident(tx.db, incidentId);
  if (!row) throw notFound('incident', incidentId);
  const status = input.status ?? (row.status as IncidentStatus);
  if (status === 'postmortem') throw validationError([{ path: 'status', message: POSTMORTEM_STATUS_MESSAGE }]);
  const displayAt = input.display_at ?? tx.now;
  assertNotInFuture(displayAt, tx.now, 'display_at');
  const resolves = isIncidentOpen(row.status as IncidentStatus) && status === 'resolved';
  if (resolves && toEpochMs(displayAt) < toEpochMs(row.started_at)) {
    throw validationError([{ path: 'display_at', message: `a resolving update must not be before started_at (${row.started_at})` }]);
  }
  const lifecycle = applyIncidentStatus(
    { status: row.status as IncidentStatus, monitoring_at: row.monitoring_at, resolved_at: row.resolved_at },
    status,
    displayAt,
  );
  await updateIncident(tx.db, incidentId, { ...lifecycle, updated_at: tx.now });
  const updateId = await writeIncidentUpdate(tx, incidentId, {
    status,
    body: input.body,
    display_at: displayAt,
    components: input.components ?? {},
    component_ids: input.component_ids ?? [],
    resolves,
    deliver: input.deliver_notifications !== false,
  });
  await emitIncidentEvents(tx, {
    incidentId,
    kind: resolves ? 'incident.resolved' : 'incident.updated',
    updateId,
    deliver: input.deliver_notifications !== false,
  });
  return loadIncidentUpdate(tx.db, incidentId, updateId);
}
