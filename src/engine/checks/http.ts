// The http check: one request, then status, speed, keyword, regex and JSON
// assertions in that order; the first that fails is the reason.
import { parseJsonPath, readJsonPath } from '../../domain/json-path.js';
import type { HttpOptions } from '../../services/monitors/check-options.js';
import type { Check, CheckContext, CheckResult, CheckTarget } from './types.js';
import { httpRequest } from './http-request.js';
import type { HttpExchange } from './http-request.js';

export interface HttpCheckDeps {
  /** Trusted roots replacing the system's; undefined uses the system roots. */
  ca?: string[];
}

/** `200`, `'200-299'` or `'2xx'` against a status code. */
export function statusMatches(code: number, pattern: number | string): boolean {
  if (typeof pattern === 'number') return code === pattern;
  const cls = /^([1-5])xx$/.exec(pattern);
  if (cls) return Math.floor(code / 100) === Number(cls[1]);
  const [low, high] = pattern.split('-').map(Number);
  if (low === undefined || Number.isNaN(low)) return false;
  return high === undefined ? code === low : code >= low && code <= high;
}

function sameValue(actual: unknown, expected: string | number | boolean): boolean {
  if (actual === expected) return true;
  // Forms send "42" and "true": compare scalars by their text too.
  return typeof expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean') && String(actual) === expected;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** The first failed assertion on a response, or null when all hold. */
export async function evaluateHttp(options: HttpOptions, res: HttpExchange, detail: Record<string, unknown>, ctx: Pick<CheckContext, 'regex' | 'signal'>): Promise<string | null> {
  if (!options.expected_status.some((p) => statusMatches(res.status, p))) {
    return `expected status ${options.expected_status.join(', ')}, got ${res.status}`;
  }
  if (options.max_response_ms !== null && res.latency_ms > options.max_response_ms) {
    return `response took ${Math.round(res.latency_ms)} ms, over the ${options.max_response_ms} ms limit`;
  }
  const scope = `the first ${options.max_body_bytes} bytes`;
  const needsText = options.keyword !== null || options.regex !== null || options.json_path !== null;
  const text = needsText ? res.body.toString('utf8') : '';
  if (options.keyword !== null) {
    const found = text.includes(options.keyword);
    if (!options.keyword_absent && !found) return `keyword ${JSON.stringify(options.keyword)} not found in ${scope}`;
    if (options.keyword_absent && found) return `keyword ${JSON.stringify(options.keyword)} found in ${scope} (it must be absent)`;
  }
  if (options.regex !== null) {
    const test = await ctx.regex.test(options.regex, text, { signal: ctx.signal });
    if (!test.ok) return test.error;
    if (!options.regex_absent && !test.matched) return `regex /${options.regex}/ did not match ${scope}`;
    if (options.regex_absent && test.matched) return `regex /${options.regex}/ matched ${scope} (it must not match)`;
  }
  if (options.json_path !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return res.truncated ? `response is not valid JSON within ${scope} (raise max_body_bytes?)` : 'response is not valid JSON';
    }
    const value = readJsonPath(parsed, parseJsonPath(options.json_path));
    if (value === undefined) return `JSON path ${options.json_path} not found in the response`;
    detail.json_value = show(value);
    if (options.json_expected !== null && !sameValue(value, options.json_expected)) {
      return `JSON path ${options.json_path} is ${show(value)}, expected ${show(options.json_expected)}`;
    }
  }
  return null;
}

/** `basic_auth` as an Authorization header; an Authorization header of the monitor's own wins. */
export function withBasicAuth(headers: Record<string, string>, auth: HttpOptions['basic_auth']): Record<string, string> {
  if (!auth || Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) return headers;
  return { ...headers, Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
}

export function createHttpCheck(deps: HttpCheckDeps = {}): Check<HttpOptions> {
  return {
    type: 'http',
    async run(target: CheckTarget<HttpOptions>, ctx: CheckContext): Promise<CheckResult> {
      try {
        const o = target.options;
        const res = await httpRequest({
          url: new URL(o.url),
          method: o.method,
          headers: withBasicAuth(o.headers, o.basic_auth),
          body: o.body,
          verifyTls: o.verify_tls,
          ...(deps.ca ? { ca: deps.ca } : {}),
          maxBodyBytes: o.max_body_bytes,
          followRedirects: o.follow_redirects,
          maxRedirects: o.max_redirects,
          timeoutMs: ctx.timeoutMs,
          signal: ctx.signal,
          outbound: ctx.outbound,
        });
        if (!res.ok) return { ok: false, reason: res.reason, latency_ms: res.latency_ms, timings: res.timings };
        const detail: Record<string, unknown> = { status_code: res.status, body_bytes: res.body.length, truncated: res.truncated };
        if (res.redirects > 0) Object.assign(detail, { final_url: res.url, redirects: res.redirects });
        const reason = await evaluateHttp(o, res, detail, ctx);
        return { ok: reason === null, reason, latency_ms: res.latency_ms, timings: res.timings, detail };
      } catch (err) {
        return { ok: false, reason: `check failed: ${(err as Error).message}`, latency_ms: null };
      }
    },
  };
}

/** The registry's http check: system trust roots. */
export const httpCheck = createHttpCheck();
