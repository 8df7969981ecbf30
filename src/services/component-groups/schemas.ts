import { z } from 'zod';
import { description, refList, isoTime, name, nonEmptyPatch, stableKey } from '../validation.js';

/** Member components (ids or keys) in the order they should be displayed. */
const components = refList('components');

const fields = {
  name,
  description: description.nullable(),
  position: z.number().int().min(0).max(1_000_000),
  key: stableKey.nullable(),
  components,
};

export const createComponentGroupInput = z
  .strictObject({
    name: fields.name,
    description: fields.description.optional(),
    position: fields.position.optional(),
    key: fields.key.optional(),
    components: fields.components.optional(),
  })
  .meta({ id: 'ComponentGroupCreate' });
export type CreateComponentGroupInput = z.output<typeof createComponentGroupInput>;

export const updateComponentGroupInput = z
  .strictObject(fields)
  .partial()
  .refine(nonEmptyPatch, 'must change at least one field')
  .meta({ id: 'ComponentGroupUpdate' });
export type UpdateComponentGroupInput = z.output<typeof updateComponentGroupInput>;

export const componentGroup = z
  .object({
    id: z.string(),
    key: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    position: z.number().int(),
    components: z.array(z.string()).describe('member component ids in display order'),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'ComponentGroup' });
export type ComponentGroup = z.output<typeof componentGroup>;
