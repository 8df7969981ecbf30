// Reads for components. Reads are grouped per area; writes get a file per verb.
import { dailyUptime, uptimeOverPeriod } from '../../domain/uptime.js';
import type { ComponentStatus } from '../../domain/statuses.js';
import { notFound } from '../../domain/errors.js';
import { getComponent as getRow, listComponents as listRows, listStatusChanges } from '../../store/components.js';
import { read, type ServiceContext } from '../context.js';
import { presentComponent } from './present.js';
import { componentIdOf } from './refs.js';
import type { Component } from './schemas.js';

export function listComponents(ctx: ServiceContext): Promise<Component[]> {
  return read(ctx, async (db) => (await listRows(db)).map(presentComponent));
}

// `ref` is a component's id or its key (refs.ts); NOT_FOUND when neither names one.

export function getComponent(ctx: ServiceContext, ref: string): Promise<Component> {
  return read(ctx, async (db) => {
    const row = await getRow(db, await componentIdOf(db, ref));
    // Deleted between the two reads: as if it never was.
    if (!row) throw notFound('component', ref);
    return presentComponent(row);
  });
}

export function componentStatusHistory(ctx: ServiceContext, ref: string) {
  return read(ctx, async (db) => listStatusChanges(db, await componentIdOf(db, ref)));
}

export function componentUptime(ctx: ServiceContext, ref: string, days: number) {
  return read(ctx, async (db) => {
    const id = await componentIdOf(db, ref);
    const history = await listStatusChanges(db, id);
    const now = ctx.clock.now().toISOString();
    const perDay = dailyUptime(
      history.map((h) => ({ status: h.status as ComponentStatus, at: h.at })),
      { days, now },
    );
    return { component_id: id, days: perDay, uptime: uptimeOverPeriod(perDay) };
  });
}
