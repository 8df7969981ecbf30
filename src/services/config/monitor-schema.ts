// A monitor in vigil.yaml: the admin API's fields (same rules, same defaults)
// with a required key, and its component named by key instead of id.
import { z } from 'zod';
import { createFields, monitorFields, perType, refineTiming, typeError } from '../monitors/schemas.js';
import { stableKey } from '../validation.js';

const { key: _key, component_id: _componentId, paused: _paused, ...fields } = createFields;

export const monitorConfig = z
  .discriminatedUnion(
    'type',
    perType({
      key: stableKey,
      ...fields,
      /** The key of a component; omitted or null: the monitor drives no component. */
      component: stableKey.nullable().default(null),
      /** Omitted: a new monitor runs and an existing one stays paused or running as it is. */
      paused: monitorFields.paused.optional(),
    }),
    { error: typeError },
  )
  .superRefine(refineTiming);

export type MonitorConfig = z.output<typeof monitorConfig>;
