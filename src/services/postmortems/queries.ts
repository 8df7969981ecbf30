import { notFound } from '../../domain/errors.js';
import { getIncident } from '../../store/incidents.js';
import { getPostmortem as getRow } from '../../store/postmortems.js';
import { read, type ServiceContext } from '../context.js';
import { presentPostmortem } from './present.js';
import type { Postmortem } from './schemas.js';

export function getPostmortem(ctx: ServiceContext, incidentId: string): Promise<Postmortem> {
  return read(ctx, async (db) => {
    if (!(await getIncident(db, incidentId))) throw notFound('incident', incidentId);
    const row = await getRow(db, incidentId);
    if (!row) throw notFound('postmortem', incidentId);
    return presentPostmortem(row);
  });
}
