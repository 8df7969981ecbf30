// Storms: when many monitors go DOWN within a short window they almost always
// share one cause, and people need one incident that says so, not forty.
//
// The shared cause named is the most specific that holds, in this order:
// host (one machine or endpoint) > network (/24 IPv4, /64 IPv6) > upstream (a
// watched provider status page reports an outage). Host and network are what
// our own checks observed about most members (≥ 80% of them); an upstream
// report is a third party's word and explains the rest only when nothing
// closer does.

export interface DownTransition {
  monitor_id: string;
  name: string;
  /** Epoch ms the DOWN was confirmed. */
  at: number;
  /** Hostname the check targets (from its URL or host option). */
  host: string | null;
  /** IP address the check connected to, when known. */
  address: string | null;
  /** For statuspage monitors: the upstream page's host. */
  upstream: string | null;
}

export interface StormPolicy {
  /** Distinct monitors DOWN within the window that make a storm. */
  threshold: number;
  window_ms: number;
}

export const DEFAULT_STORM_POLICY: Readonly<StormPolicy> = Object.freeze({ threshold: 5, window_ms: 2 * 60_000 });

export type SharedCause =
  | { kind: 'host' | 'network'; value: string; matched: number; total: number }
  | { kind: 'upstream'; value: string };

export interface Storm {
  /** Monitor ids, in the order they went DOWN. */
  members: string[];
  /** When the first member went DOWN. */
  since: number;
  shared_cause: SharedCause | null;
}

/** Share of members that must agree on a host or network for it to be named. */
export const SHARED_CAUSE_MAJORITY = 0.8;

/**
 * A storm when at least `threshold` distinct monitors went DOWN within the
 * window ending `now` (transitions after `now` are ignored); null otherwise.
 */
export function detectStorm(downs: readonly DownTransition[], policy: StormPolicy, now: number): Storm | null {
  const inWindow = downs
    .filter((d) => d.at <= now && now - d.at <= policy.window_ms)
    .sort((a, b) => a.at - b.at);
  // A monitor that went DOWN twice in the window counts once, from its first DOWN.
  const byMonitor = new Map<string, DownTransition>();
  for (const d of inWindow) if (!byMonitor.has(d.monitor_id)) byMonitor.set(d.monitor_id, d);
  const members = [...byMonitor.values()];
  const first = members[0];
  if (!first || members.length < Math.max(1, policy.threshold)) return null;
  return { members: members.map((m) => m.monitor_id), since: first.at, shared_cause: sharedCause(members) };
}

/** The likely shared cause of these DOWN monitors, or null when none stands out. */
export function sharedCause(members: readonly DownTransition[]): SharedCause | null {
  const total = members.length;
  if (total === 0) return null;
  for (const kind of ['host', 'network'] as const) {
    const key = kind === 'host' ? (m: DownTransition) => normalizeHost(m.host) : (m: DownTransition) => networkOf(m.address);
    const top = mostCommon(members.map(key));
    if (top && top.count >= 2 && top.count >= SHARED_CAUSE_MAJORITY * total) {
      return { kind, value: top.value, matched: top.count, total };
    }
  }
  const upstream = mostCommon(members.map((m) => normalizeHost(m.upstream)));
  return upstream ? { kind: 'upstream', value: upstream.value } : null;
}

/** "all on host api.internal", "9 of 10 in network 10.1.2.0/24", "upstream provider status.example.com reports an outage". */
export function describeSharedCause(cause: SharedCause): string {
  if (cause.kind === 'upstream') return `upstream provider ${cause.value} reports an outage`;
  const who = cause.matched >= cause.total ? 'all' : `${cause.matched} of ${cause.total}`;
  return cause.kind === 'host' ? `${who} on host ${cause.value}` : `${who} in network ${cause.value}`;
}

/** The most frequent non-null value; ties go to the value seen first. */
function mostCommon(values: (string | null)[]): { value: string; count: number } | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: { value: string; count: number } | null = null;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}

function normalizeHost(host: string | null): string | null {
  const h = host?.trim().toLowerCase().replace(/\.$/, '') ?? '';
  return h === '' ? null : h;
}

/** "10.1.2.0/24" or "2001:db8:1:2::/64" for an address; null when it is not an IP address. */
export function networkOf(address: string | null): string | null {
  if (!address) return null;
  const a = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseIPv4(a);
  if (v4) return `${v4[0]}.${v4[1]}.${v4[2]}.0/24`;
  const v6 = parseIPv6(a);
  if (!v6) return null;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 network is the meaningful one.
  if (v6.slice(0, 5).every((x) => x === 0) && v6[5] === 0xffff) {
    return `${v6[6]! >> 8}.${v6[6]! & 0xff}.${v6[7]! >> 8}.0/24`;
  }
  return `${formatIPv6([...v6.slice(0, 4), 0, 0, 0, 0])}/64`;
}

function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : null;
}

/** Eight 16-bit groups, or null. Accepts "::" compression and a trailing dotted IPv4 part. */
function parseIPv6(text: string): number[] | null {
  if (!text.includes(':')) return null;
  let t = text;
  const lastColon = t.lastIndexOf(':');
  if (t.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(t.slice(lastColon + 1));
    if (!v4) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    t = `${t.slice(0, lastColon + 1)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const parse = (g: string) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : Number.NaN);
  const left = groups(halves[0]!).map(parse);
  const right = halves.length === 2 ? groups(halves[1]!).map(parse) : [];
  if ([...left, ...right].some(Number.isNaN)) return null;
  const explicit = left.length + right.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  return [...left, ...Array<number>(8 - explicit).fill(0), ...right];
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
function formatIPv6(groups: number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = Math.max(i, j - 1);
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
