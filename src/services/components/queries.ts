// Reads for components. Reads are grouped per area; writes get a file per verb.
import { dailyUptime, uptimeOverPeriod } from '../../domain/uptime.js';
import type { ComponentStatus } from '../../domain/statuses.js';
import { notFound } from '../../domain/errors.js';
import { getComponent as getRow, listComponents as listRows, listStatusChanges } from '../../store/components.js';
import { read, type ServiceContext } from '../context.js';
import { presentComponent } from './present.js';
import type { Component } from './schemas.js';

export function listComponents(ctx: ServiceContext): Promise<Component[]> {
  return read(ctx, async (db) => (await listRows(db)).map(presentComponent));
}

export function getComponent(ctx: ServiceContext, id: string): Promise<Component> {
  return read(ctx, async (db) => {
    const row = await getRow(db, id);
    if (!row) throw notFound('component', id);
    return presentComponent(row);
  });
}

export function componentStatusHistory(ctx: ServiceContext, id: string) {
  return read(ctx, async (db) => {
    if (!(await getRow(db, id))) throw notFound('component', id);
    return listStatusChanges(db, id);
  });
}

export function componentUptime(ctx: ServiceContext, id: string, days: number) {
  return read(ctx, async (db) => {
    if (!(await getRow(db, id))) throw notFound('component', id);
    const history = await listStatusChanges(db, id);
    const now = ctx.clock.now().toISOString();
    const perDay = dailyUptime(
      history.map((h) => ({ status: h.status as ComponentStatus, at: h.at })),
      { days, now },
    );
    return { component_id: id, days: perDay, uptime: uptimeOverPeriod(perDay) };
  });
}
