// The dns check: ask one record type for a name, through the system's
// resolvers or a given one, and require every expected answer to be present.
//
// Matching: names compare without case or trailing dot, IPv6 in canonical form.
// MX may be written "10 mail.example.com" (priority must match too) or just
// "mail.example.com" (any priority); SRV likewise "prio weight port target" or
// the target; CAA as `0 issue "ca.example"` (quotes optional) or just the value.
// TXT compares exactly (after trimming): its text is data, not a name.
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DnsRecordType } from '../../domain/monitor-types.js';
import { resolverAddress } from '../../services/monitors/check-options.js';
import type { DnsOptions } from '../../services/monitors/check-options.js';
import { peerExcerpt } from '../../domain/outbound-text.js';
import type { Check, CheckContext, CheckResult, CheckTarget } from './types.js';
import { formatMs } from './format.js';
import { OUTBOUND_REFUSED } from './net-errors.js';

interface Answer {
  /** As shown in detail.answers. */
  text: string;
  /** Normalized forms an expected value may take to match this answer. */
  keys: string[];
}

const name = (s: string): string => s.trim().toLowerCase().replace(/\.$/, '');
const ipv6 = (s: string): string => {
  try {
    return new URL(`http://[${s.trim()}]/`).hostname.slice(1, -1);
  } catch {
    return s.trim().toLowerCase();
  }
};
/** Lower case, single spaces, no quotes, no trailing dot on the last word. */
const words = (s: string): string => name(s.replace(/"/g, '').replace(/\s+/g, ' '));

/** An expected value in the same normalized form as an answer's keys. */
export function normalizeExpected(type: DnsRecordType, value: string): string {
  if (type === 'AAAA') return ipv6(value);
  if (type === 'TXT') return value.trim();
  if (type === 'A') return value.trim();
  return words(value);
}

async function query(resolver: Resolver, host: string, type: DnsRecordType): Promise<Answer[]> {
  switch (type) {
    case 'A':
      return (await resolver.resolve4(host)).map((a) => ({ text: a, keys: [a] }));
    case 'AAAA':
      return (await resolver.resolve6(host)).map((a) => ({ text: a, keys: [ipv6(a)] }));
    case 'CNAME':
      return (await resolver.resolveCname(host)).map((c) => ({ text: c, keys: [name(c)] }));
    case 'NS':
      return (await resolver.resolveNs(host)).map((n) => ({ text: n, keys: [name(n)] }));
    case 'TXT':
      return (await resolver.resolveTxt(host)).map((chunks) => {
        const text = chunks.join('');
        return { text, keys: [text.trim()] };
      });
    case 'MX':
      return (await resolver.resolveMx(host)).map((m) => ({ text: `${m.priority} ${m.exchange}`, keys: [`${m.priority} ${name(m.exchange)}`, name(m.exchange)] }));
    case 'SRV':
      return (await resolver.resolveSrv(host)).map((s) => {
        const text = `${s.priority} ${s.weight} ${s.port} ${s.name}`;
        return { text, keys: [words(text), name(s.name)] };
      });
    case 'CAA':
      return (await resolver.resolveCaa(host)).map((c) => {
        const tag = (['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone'] as const).find((t) => c[t] !== undefined) ?? 'issue';
        const value = c[tag] ?? '';
        const text = `${c.critical} ${tag} "${value}"`;
        return { text, keys: [words(text), words(value)] };
      });
  }
}

function describeDnsError(err: unknown, host: string, type: DnsRecordType, timeoutMs: number): string {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'ENOTFOUND':
      return `${host} does not exist (NXDOMAIN)`;
    case 'ENODATA':
      return `no ${type} records for ${host}`;
    case 'ETIMEOUT':
    case 'ECANCELLED':
      return `DNS query timed out after ${formatMs(timeoutMs)}`;
    case 'ESERVFAIL':
      return `the resolver answered SERVFAIL for ${host}`;
    case 'EREFUSED':
      return 'the resolver refused the query (REFUSED)';
    case 'ECONNREFUSED':
      return 'could not reach the resolver (ECONNREFUSED)';
    default:
      return `DNS query failed: ${(err as Error).message ?? String(err)}`;
  }
}

async function runDns(options: DnsOptions, ctx: CheckContext): Promise<CheckResult> {
  const started = performance.now();
  const latency = (): number => Math.round((performance.now() - started) * 10) / 10;
  // c-ares retries on its own: two tries whose timeouts (t, then 2t) fit in the check's budget.
  const resolver = new Resolver({ timeout: Math.max(50, Math.floor(ctx.timeoutMs / 3)), tries: 2 });
  const detail: Record<string, unknown> = { record_type: options.record_type };
  if (options.resolver !== null) {
    const address = resolverAddress(options.resolver);
    if (!address) return { ok: false, reason: `invalid resolver address "${options.resolver}"`, latency_ms: null };
    // The resolver is what the check connects to (the queried name is only asked about).
    let host: string;
    try {
      host = ctx.outbound.target(address.host).host;
    } catch (err) {
      return { ok: false, reason: `${OUTBOUND_REFUSED}: resolver ${(err as Error).message}`, latency_ms: null, detail };
    }
    resolver.setServers([isIP(host) === 6 ? `[${host}]:${address.port}` : `${host}:${address.port}`]);
    detail.resolver = options.resolver;
  }
  if (ctx.signal.aborted) return { ok: false, reason: 'the check was cancelled', latency_ms: null };
  let timer: NodeJS.Timeout | undefined;
  let stopped: string | null = null;
  const stop = (why: string): void => {
    stopped ??= why;
    resolver.cancel();
  };
  const onAbort = (): void => stop('the check was cancelled');
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    timer = setTimeout(() => stop(`DNS query timed out after ${formatMs(ctx.timeoutMs)}`), ctx.timeoutMs);
    const answers = await query(resolver, options.host, options.record_type);
    // Answers are the peer's text (TXT especially): escaped, bounded, at most 20 listed.
    detail.answers = answers.slice(0, 20).map((a) => peerExcerpt(a.text));
    if (answers.length === 0) return { ok: false, reason: `no ${options.record_type} records for ${options.host}`, latency_ms: latency(), detail };
    const keys = new Set(answers.flatMap((a) => a.keys));
    const missing = options.expected.filter((e) => !keys.has(normalizeExpected(options.record_type, e)));
    if (missing.length > 0) {
      const list = missing.map((m) => JSON.stringify(m)).join(', ');
      return { ok: false, reason: `expected ${options.record_type} ${list} not among the answers (${peerExcerpt(answers.map((a) => a.text).join(', '))})`, latency_ms: latency(), detail };
    }
    return { ok: true, reason: null, latency_ms: latency(), detail };
  } catch (err) {
    return { ok: false, reason: stopped ?? describeDnsError(err, options.host, options.record_type, ctx.timeoutMs), latency_ms: latency(), detail };
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

export const dnsCheck: Check<DnsOptions> = {
  type: 'dns',
  async run(target: CheckTarget<DnsOptions>, ctx: CheckContext): Promise<CheckResult> {
    try {
      return await runDns(target.options, ctx);
    } catch (err) {
      return { ok: false, reason: `check failed: ${(err as Error).message}`, latency_ms: null };
    }
  },
};
