// The shape of vigil.yaml. Strict objects everywhere so a misspelt field is an
// error naming it, never silently ignored. Later sections (channels, …) are
// added here; until then they are unknown top-level keys and rejected.
import { z } from 'zod';
import { componentStatus } from '../components/schemas.js';
import { channelType, routeRule } from '../channels/schemas.js';
import { monitorConfig } from './monitor-schema.js';
import { updateSettingsInput } from '../settings/schemas.js';
import { description, findUnsafeText, MAX_LIST_ENTRIES, name, stableKey } from '../validation.js';

// Page settings are validated exactly as the settings API validates them
// (same URL rule, same time-zone normalisation), so both paths store the same value.
const { public_url: publicUrl, time_zone: timeZone } = updateSettingsInput.shape;

export const pageConfig = z.strictObject({
  name,
  public_url: publicUrl.unwrap().default(null),
  time_zone: timeZone.unwrap().default('UTC'),
});

export const groupConfig = z.strictObject({
  key: stableKey,
  name,
  description: description.nullable().default(null),
});

export const componentConfig = z.strictObject({
  key: stableKey,
  name,
  description: description.nullable().default(null),
  /** The key of a group defined in the same file; omitted or null means ungrouped. */
  group: stableKey.nullable().default(null),
  /** Omitted: a new component starts operational and an existing one keeps its status. */
  status: componentStatus.optional(),
  showcase: z.boolean().default(true),
  only_show_if_degraded: z.boolean().default(false),
});

/** A channel of the team's; its config is checked for its type when planning (issues name `channels[i].config.<field>`). */
export const channelFileConfig = z.strictObject({
  key: stableKey,
  name,
  type: channelType,
  config: z.record(z.string(), z.unknown()),
  routes: z.array(routeRule).max(50, 'at most 50 rules').default([]),
  enabled: z.boolean().default(true),
});

/**
 * A section that is left out of the file is not managed by it: nothing in it
 * is created, changed or reported for removal. An empty list (`groups: []`)
 * manages the section and declares it empty.
 */
export const vigilConfig = z
  .strictObject({
    page: pageConfig.optional(),
    groups: z.array(groupConfig).max(MAX_LIST_ENTRIES, `must list at most ${MAX_LIST_ENTRIES} groups`).optional(),
    components: z.array(componentConfig).max(MAX_LIST_ENTRIES, `must list at most ${MAX_LIST_ENTRIES} components`).optional(),
    monitors: z.array(monitorConfig).optional(),
    channels: z.array(channelFileConfig).max(MAX_LIST_ENTRIES, `must list at most ${MAX_LIST_ENTRIES} channels`).optional(),
  })
  .superRefine((config, ctx) => {
    // Group and component keys share one namespace: `group: platform` and, later,
    // monitors' `component: api` must each name exactly one thing.
    const seen = new Map<string, (string | number)[]>();
    const claim = (key: string, path: (string | number)[]) => {
      const first = seen.get(key);
      if (first) {
        ctx.addIssue({ code: 'custom', path, message: `duplicate key "${key}"`, params: { related: first } });
      } else {
        seen.set(key, path);
      }
    };
    config.groups?.forEach((g, i) => claim(g.key, ['groups', i, 'key']));
    config.components?.forEach((c, i) => claim(c.key, ['components', i, 'key']));
    const groupKeys = new Set(config.groups?.map((g) => g.key) ?? []);
    config.components?.forEach((c, i) => {
      if (c.group !== null && !groupKeys.has(c.group)) {
        ctx.addIssue({ code: 'custom', path: ['components', i, 'group'], message: `no group with key "${c.group}" is defined in this file` });
      }
    });
    refineMonitors(config, groupKeys, ctx);
    const channelKeys = new Map<string, number>();
    config.channels?.forEach((c, i) => {
      const first = channelKeys.get(c.key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['channels', i, 'key'], message: `duplicate key "${c.key}"`, params: { related: ['channels', first, 'key'] } });
      else channelKeys.set(c.key, i);
    });
  })
  // Runs even when other fields are wrong, so NUL or a lone surrogate anywhere in the file is named with its line.
  .superRefine(
    (config, ctx) => {
      for (const u of findUnsafeText(config)) ctx.addIssue({ code: 'custom', path: u.path, message: u.message });
    },
    { when: () => true },
  )
  .meta({ id: 'VigilConfig' });

export type VigilConfig = z.output<typeof vigilConfig>;
export type PageConfig = z.output<typeof pageConfig>;
export type GroupConfig = z.output<typeof groupConfig>;
export type ComponentConfig = z.output<typeof componentConfig>;
export type { MonitorConfig } from './monitor-schema.js';
export type ChannelFileConfig = z.output<typeof channelFileConfig>;

/**
 * Monitor keys are their own namespace (unique among monitors). A monitor's
 * `component` must name a component of this file when the file manages
 * components; otherwise it is looked up in the database when planning.
 */
function refineMonitors(config: { components?: ComponentConfig[]; monitors?: z.output<typeof monitorConfig>[] }, groupKeys: Set<string>, ctx: z.RefinementCtx) {
  const seen = new Map<string, number>();
  const componentKeys = config.components && new Set(config.components.map((c) => c.key));
  config.monitors?.forEach((m, i) => {
    const first = seen.get(m.key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['monitors', i, 'key'], message: `duplicate key "${m.key}"`, params: { related: ['monitors', first, 'key'] } });
    } else {
      seen.set(m.key, i);
    }
    if (m.component === null) return;
    if (groupKeys.has(m.component)) {
      ctx.addIssue({ code: 'custom', path: ['monitors', i, 'component'], message: `"${m.component}" is a group; a monitor drives one component` });
    } else if (componentKeys && !componentKeys.has(m.component)) {
      ctx.addIssue({ code: 'custom', path: ['monitors', i, 'component'], message: `no component with key "${m.component}" is defined in this file` });
    }
  });
}

/** Top-level sections vigil.yaml understands, for the "unknown section" message. */
export const CONFIG_SECTIONS = Object.keys(vigilConfig.shape) as (keyof VigilConfig)[];
