// The statuspage check follows another service's Statuspage-compatible page:
// its overall indicator, or — when upstream_component is set — that one
// component's status only (a provider's unrelated outage should not page us).
import type { StatuspageOptions } from '../../services/monitors/check-options.js';
import { peerExcerpt } from '../../domain/outbound-text.js';
import type { Check, CheckContext, CheckResult, CheckTarget } from './types.js';
import { httpRequest } from './http-request.js';

export interface StatuspageCheckDeps {
  /** Trusted roots replacing the system's; undefined uses the system roots. */
  ca?: string[];
}

/** Large pages list hundreds of components; past this the summary is treated as malformed. */
const MAX_SUMMARY_BYTES = 5 * 1024 * 1024;
const INDICATOR_RANK: Record<string, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

interface UpstreamComponent {
  id?: unknown;
  name?: unknown;
  status?: unknown;
}

/** A base URL gets the Statuspage v2 summary path; a URL ending in .json is used as given. */
export function summaryUrl(url: string): URL {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith('.json')) parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/api/v2/summary.json`;
  return parsed;
}

/** The verdict on a parsed summary document; fills `detail` with what upstream says. */
export function judgeSummary(options: StatuspageOptions, summary: unknown, detail: Record<string, unknown>): string | null {
  const doc = summary as { status?: { indicator?: unknown; description?: unknown }; components?: unknown } | null;
  const indicator = doc?.status?.indicator;
  if (typeof indicator !== 'string' || INDICATOR_RANK[indicator] === undefined) return 'upstream summary has no valid status.indicator';
  const description = typeof doc?.status?.description === 'string' ? peerExcerpt(doc.status.description) : indicator;
  detail.upstream_indicator = indicator;
  detail.upstream_description = description;

  if (options.upstream_component === null) {
    if (INDICATOR_RANK[indicator]! >= INDICATOR_RANK[options.down_at]!) return `upstream reports ${indicator}: ${description}`;
    return null;
  }
  const wanted = options.upstream_component;
  const components: UpstreamComponent[] = Array.isArray(doc?.components) ? (doc.components as UpstreamComponent[]).filter((c) => c !== null && typeof c === 'object') : [];
  const component = components.find((c) => c.id === wanted) ?? components.find((c) => c.name === wanted);
  if (!component) return `upstream component "${wanted}" not found (no component has that id or name)`;
  const status = typeof component.status === 'string' ? peerExcerpt(component.status, 40) : 'unknown';
  const name = typeof component.name === 'string' ? peerExcerpt(component.name) : wanted;
  Object.assign(detail, { upstream_status: status, upstream_component_id: component.id ?? null, upstream_component_name: name });
  if ((options.down_statuses as readonly string[]).includes(status)) return `upstream component "${name}" reports ${status.replace(/_/g, ' ')}`;
  return null;
}

export function createStatuspageCheck(deps: StatuspageCheckDeps = {}): Check<StatuspageOptions> {
  return {
    type: 'statuspage',
    async run(target: CheckTarget<StatuspageOptions>, ctx: CheckContext): Promise<CheckResult> {
      try {
        const res = await httpRequest({
          url: summaryUrl(target.options.url),
          method: 'GET',
          headers: { Accept: 'application/json' },
          body: null,
          verifyTls: true,
          ...(deps.ca ? { ca: deps.ca } : {}),
          maxBodyBytes: MAX_SUMMARY_BYTES,
          followRedirects: true,
          maxRedirects: 5,
          timeoutMs: ctx.timeoutMs,
          signal: ctx.signal,
          outbound: ctx.outbound,
        });
        if (!res.ok) return { ok: false, reason: res.reason, latency_ms: res.latency_ms, timings: res.timings };
        const base = { latency_ms: res.latency_ms, timings: res.timings };
        const detail: Record<string, unknown> = { status_code: res.status };
        if (res.status < 200 || res.status > 299) return { ok: false, reason: `upstream summary answered HTTP ${res.status}`, ...base, detail };
        if (res.truncated) return { ok: false, reason: `upstream summary is larger than ${MAX_SUMMARY_BYTES} bytes`, ...base, detail };
        let summary: unknown;
        try {
          summary = JSON.parse(res.body.toString('utf8'));
        } catch {
          return { ok: false, reason: 'upstream summary is not valid JSON', ...base, detail };
        }
        const reason = judgeSummary(target.options, summary, detail);
        return { ok: reason === null, reason, ...base, detail };
      } catch (err) {
        return { ok: false, reason: `check failed: ${(err as Error).message}`, latency_ms: null };
      }
    },
  };
}

/** The registry's statuspage check: system trust roots. */
export const statuspageCheck = createStatuspageCheck();
