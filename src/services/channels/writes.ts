// What creating and changing a channel share: the config checked for its type,
// its URL vetted by the strict outbound policy (a private address is refused
// without the allow-list), and routing rules resolved to ids.
import { validationError, type FieldIssue } from '../../domain/errors.js';
import type { ChannelType, RouteRule } from '../../domain/notifications.js';
import { monitorsByIdOrKey } from '../../store/channels.js';
import { componentRefs } from '../components/refs.js';
import type { Tx } from '../context.js';
import type { TargetVetter } from '../monitors/vet-targets.js';
import { parseInput } from '../validation.js';
import { channelConfigSchemas, type ChannelConfig } from './schemas.js';

export interface ChannelWriteDeps {
  /** The strict outbound guard (webhooks): every channel URL is vetted when saved. */
  strictOutbound: TargetVetter;
}

export function parseChannelConfig(type: ChannelType, raw: unknown, prefix = 'config'): ChannelConfig {
  return parseInput(channelConfigSchemas[type], raw, prefix);
}

/** The refusal issue for the config's URL, or none (an email channel has no URL). */
export async function vetChannelUrl(vetter: TargetVetter, config: ChannelConfig, path = 'config.url'): Promise<FieldIssue[]> {
  if (!('url' in config)) return [];
  const host = new URL(config.url).hostname.replace(/^\[|\]$/g, '');
  const refusal = await vetter.vet(host);
  return refusal ? [{ path, message: `refused by the outbound policy: ${refusal.message}` }] : [];
}

export async function rejectRefusedUrl(vetter: TargetVetter, config: ChannelConfig, path = 'config.url'): Promise<void> {
  const issues = await vetChannelUrl(vetter, config, path);
  if (issues.length > 0) throw validationError(issues);
}

/** Rules with their monitors and components as ids; every unknown ref is reported at once (`routes.0.monitors.1`). */
export async function resolveRoutes(tx: Tx, rules: readonly RouteRule[], field = 'routes'): Promise<RouteRule[]> {
  const monitorRefs = [...new Set(rules.flatMap((r) => r.monitors ?? []))];
  const monitorRows = await monitorsByIdOrKey(tx.db, monitorRefs);
  const monitorIds = new Set(monitorRows.map((m) => m.id));
  const monitorKeys = new Map(monitorRows.filter((m) => m.key !== null).map((m) => [m.key!, m.id]));
  const components = await componentRefs(tx.db, rules.flatMap((r) => r.components ?? []));
  const issues: FieldIssue[] = [];
  const resolved = rules.map((rule, i) => {
    const out: RouteRule = { ...rule };
    if (rule.monitors) {
      out.monitors = rule.monitors.map((ref, j) => {
        const id = monitorIds.has(ref) ? ref : monitorKeys.get(ref);
        if (id === undefined) issues.push({ path: `${field}.${i}.monitors.${j}`, message: `no monitor with id or key "${ref}"` });
        return id ?? ref;
      });
    }
    if (rule.components) out.components = components.list(rule.components, `${field}.${i}.components`);
    return out;
  });
  try {
    components.check();
  } catch (err) {
    const details = (err as { details?: { issues?: FieldIssue[] } }).details;
    issues.push(...(details?.issues ?? []));
  }
  if (issues.length > 0) throw validationError(issues);
  return resolved;
}
