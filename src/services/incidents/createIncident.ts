import { validationError } from '../../domain/errors.js';
import { applyIncidentStatus, impactFromComponentStatuses } from '../../domain/incident.js';
import { toEpochMs } from '../../domain/time.js';
import { newId } from '../../lib/ids.js';
import { insertIncident } from '../../store/incidents.js';
import { transact, type ServiceContext, type Tx } from '../context.js';
import { parseInput } from '../validation.js';
import { loadIncident } from './load.js';
import { assertNotInFuture } from './rules.js';
import { createIncidentInput, type CreateIncidentInput, type Incident } from './schemas.js';
import { writeIncidentUpdate } from './writeUpdate.js';
import { emitIncidentEvents } from '../notifications/emitIncidentEvents.js';

/** Opens an incident with its first update and component statuses, in one transaction. */
export async function createIncident(ctx: ServiceContext, raw: unknown): Promise<Incident> {
  const input = parseInput(createIncidentInput, raw);
  return transact(ctx, async (tx) => {
    const created = await openIncident(tx, input);
    await tx.audit('incident.create', { type: 'incident', id: created.id }, null, created);
    return created;
  });
}

/** Opens an incident inside the caller's transaction (the caller writes the audit row). */
export async function openIncident(tx: Tx, input: CreateIncidentInput): Promise<Incident> {
  const components = input.components ?? {};
  const displayAt = input.display_at ?? tx.now;
  assertNotInFuture(displayAt, tx.now, 'display_at');
  // A back-dated first post means impact began at least that early, not "now".
  const startedAt = input.started_at ?? displayAt;
  assertNotInFuture(startedAt, tx.now, 'started_at');
  const lifecycle = applyIncidentStatus({ status: 'investigating', monitoring_at: null, resolved_at: null }, input.status, displayAt);
  if (lifecycle.resolved_at !== null && toEpochMs(startedAt) > toEpochMs(lifecycle.resolved_at)) {
    throw validationError([{ path: 'started_at', message: 'must not be after the resolving update (display_at)' }]);
  }
  const id = newId();
  await insertIncident(tx.db, {
    id,
    name: input.name,
    impact: input.impact ?? impactFromComponentStatuses(Object.values(components)),
    started_at: startedAt,
    created_at: tx.now,
    updated_at: tx.now,
    ...lifecycle,
  });
  const deliver = input.deliver_notifications !== false;
  const updateId = await writeIncidentUpdate(tx, id, {
    status: input.status,
    body: input.body,
    display_at: displayAt,
    components,
    component_ids: input.component_ids ?? [],
    resolves: input.status === 'resolved',
    started_at: startedAt,
    deliver,
  });
  await emitIncidentEvents(tx, { incidentId: id, kind: 'incident.created', updateId, deliver });
  return loadIncident(tx.db, id, tx.now);
}
