import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../domain/statuses.js';
import { calendarDate, description, entityRef, name, nonEmptyPatch, isoTime, stableKey } from '../validation.js';

export const componentStatus = z.enum(COMPONENT_STATUSES);

const fields = {
  name,
  description: description.nullable(),
  status: componentStatus,
  group_id: entityRef.nullable().describe('the group, by id or vigil.yaml key'),
  position: z.number().int().min(0).max(1_000_000),
  showcase: z.boolean(),
  only_show_if_degraded: z.boolean(),
  start_date: calendarDate.nullable(),
  key: stableKey.nullable(),
};

export const createComponentInput = z
  .strictObject({
    ...fields,
    description: fields.description.optional(),
    status: fields.status.default('operational'),
    group_id: fields.group_id.optional(),
    position: fields.position.optional(),
    showcase: fields.showcase.default(true),
    only_show_if_degraded: fields.only_show_if_degraded.default(false),
    start_date: fields.start_date.optional(),
    key: fields.key.optional(),
  })
  .meta({ id: 'ComponentCreate' });
export type CreateComponentInput = z.output<typeof createComponentInput>;

export const updateComponentInput = z
  .strictObject({
    name: fields.name,
    description: fields.description,
    status: fields.status,
    group_id: fields.group_id,
    position: fields.position,
    showcase: fields.showcase,
    only_show_if_degraded: fields.only_show_if_degraded,
    start_date: fields.start_date,
    key: fields.key,
  })
  .partial()
  .refine(nonEmptyPatch, 'must change at least one field')
  .meta({ id: 'ComponentUpdate' });
export type UpdateComponentInput = z.output<typeof updateComponentInput>;

export const component = z
  .object({
    id: z.string(),
    key: z.string().nullable(),
    group_id: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    status: componentStatus,
    position: z.number().int(),
    showcase: z.boolean(),
    only_show_if_degraded: z.boolean(),
    start_date: z.string().nullable(),
    group: z.literal(false),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Component' });
export type Component = z.output<typeof component>;

export const statusChange = z
  .object({ status: componentStatus, at: isoTime, source: z.string(), source_id: z.string().nullable() })
  .meta({ id: 'ComponentStatusChange' });
