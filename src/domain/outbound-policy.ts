// The outbound request policy as pure rules: which addresses and host names
// Vigil may connect to when a user names the target (monitors, imports,
// webhooks). Resolving names and connecting live in src/outbound/; here is
// only parsing (including the numeric forms getaddrinfo and URL parsers
// accept, such as 2130706433 or 0x7f.1) and matching. See docs/adr/0011.

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
  /** Canonical text: dotted quad, or RFC 5952 IPv6. */
  text: string;
}

export interface CidrRule {
  kind: 'cidr';
  family: IpFamily;
  base: bigint;
  prefix: number;
  /** As written in settings, canonical (`169.254.0.0/16`). */
  text: string;
  label?: string;
}

export interface NameRule {
  kind: 'name';
  /** Lower case, no trailing dot. */
  name: string;
  /** `*.example.com` / `.example.com`: the name and every name under it. */
  subdomains: boolean;
  text: string;
  label?: string;
}

export type OutboundRule = CidrRule | NameRule;

export interface OutboundPolicy {
  /** Refused unless an allow rule permits it anyway. */
  deny: readonly OutboundRule[];
  /** Permitted whatever the deny list says. */
  allow: readonly OutboundRule[];
}

/** Why a target was refused: the rule that matched, and a sentence naming both. */
export interface Refusal {
  rule: string;
  label?: string;
  message: string;
}

export type HostForm = { kind: 'ip'; ip: IpAddress } | { kind: 'name'; name: string };

const V4_BITS = 32n;
const V6_BITS = 128n;
const MAX_V4 = (1n << V4_BITS) - 1n;

/** One part of an IPv4 address in inet_aton's forms: decimal, 0-prefixed octal, 0x hex. */
function ipv4Part(part: string): bigint | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0n : BigInt(part);
  if (/^0[0-7]+$/.test(part)) return BigInt(`0o${part.slice(1)}`);
  if (/^(0|[1-9]\d*)$/.test(part)) return BigInt(part);
  return null;
}

/** IPv4 in every form getaddrinfo/inet_aton and WHATWG URL accept: 127.0.0.1, 127.1, 2130706433, 0x7f000001, 0177.0.0.1. */
export function parseIpv4(text: string): bigint | null {
  const parts = text.replace(/\.$/, '').split('.');
  if (parts.length < 1 || parts.length > 4 || parts.some((p) => p === '')) return null;
  const values = parts.map(ipv4Part);
  if (values.some((v) => v === null)) return null;
  const nums = values as bigint[];
  const last = nums[nums.length - 1]!;
  const leading = nums.slice(0, -1);
  if (leading.some((v) => v > 255n)) return null;
  const lastBits = 8n * BigInt(5 - nums.length);
  if (last >= 1n << lastBits) return null;
  let value = 0n;
  leading.forEach((v, i) => (value |= v << (24n - 8n * BigInt(i))));
  return value | last;
}

function strictDottedQuad(text: string): bigint | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return null;
  const parts = text.split('.').map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

/** IPv6 text (brackets and a %zone allowed, an IPv4 tail allowed) → 128-bit value. */
export function parseIpv6(input: string): bigint | null {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  text = text.replace(/%.*$/, '');
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // An IPv4 tail (::ffff:127.0.0.1) stands for the last two groups.
    const v4 = strictDottedQuad(text.slice(lastColon + 1));
    if (v4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): string[] | null => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest || [...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const words = [...head.map((g) => BigInt(`0x${g}`)), ...Array<bigint>(8 - given).fill(0n), ...rest.map((g) => BigInt(`0x${g}`))];
  return words.reduce((acc, w) => (acc << 16n) | w, 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
}

/** RFC 5952: lower case, the longest run of two or more zero groups as `::`. */
function formatIpv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j += 1;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** An IP literal in any accepted form, or null when `text` is not one. */
export function parseIp(text: string): IpAddress | null {
  const trimmed = text.trim();
  const v6 = parseIpv6(trimmed);
  if (v6 !== null) return { family: 6, value: v6, text: formatIpv6(v6) };
  const v4 = parseIpv4(trimmed);
  if (v4 !== null && v4 <= MAX_V4) return { family: 4, value: v4, text: formatIpv4(v4) };
  return null;
}

/** Lower case, no trailing dot, no brackets. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** A host as a monitor or URL gives it: an IP literal (any form) or a host name. */
export function classifyHost(host: string): HostForm {
  const ip = parseIp(host);
  return ip ? { kind: 'ip', ip } : { kind: 'name', name: normaliseName(host.replace(/^\[|\]$/g, '')) };
}

/**
 * The IPv4 address an IPv6 one carries to an IPv4 host: IPv4-mapped (::ffff:a.b.c.d, which the
 * kernel connects to over IPv4) and NAT64 (64:ff9b::/96, translated to IPv4 by the gateway).
 */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.family !== 6) return null;
  const high = ip.value >> 32n;
  if (high === 0xffffn || high === 0x64ff9bn << 64n) {
    const v4 = ip.value & MAX_V4;
    return { family: 4, value: v4, text: formatIpv4(v4) };
  }
  return null;
}

function inCidr(rule: CidrRule, ip: IpAddress): boolean {
  if (rule.family !== ip.family) return false;
  const bits = ip.family === 4 ? V4_BITS : V6_BITS;
  const shift = bits - BigInt(rule.prefix);
  return ip.value >> shift === rule.base >> shift;
}

function nameMatches(rule: NameRule, name: string): boolean {
  return name === rule.name || (rule.subdomains && name.endsWith(`.${rule.name}`));
}

/** The address and, for IPv4-mapped or NAT64 IPv6, the IPv4 address it reaches. */
function facesOf(ip: IpAddress): IpAddress[] {
  const v4 = embeddedIpv4(ip);
  return v4 ? [ip, v4] : [ip];
}

function describeRule(rule: OutboundRule): string {
  return rule.label ? `${rule.text} (${rule.label})` : rule.text;
}

/** Null when the policy permits connecting to `ip`; the refusal otherwise. `resolvedFrom`: the name that resolved to it. */
export function judgeAddress(policy: OutboundPolicy, ip: IpAddress, resolvedFrom?: string): Refusal | null {
  const faces = facesOf(ip);
  const cidr = (rules: readonly OutboundRule[]) => rules.filter((r): r is CidrRule => r.kind === 'cidr');
  if (cidr(policy.allow).some((r) => faces.some((f) => inCidr(r, f)))) return null;
  for (const rule of cidr(policy.deny)) {
    const face = faces.find((f) => inCidr(rule, f));
    if (!face) continue;
    const shown = face === ip ? ip.text : `${ip.text} (${face.text})`;
    const message = resolvedFrom
      ? `${normaliseName(resolvedFrom)} resolves to ${shown}, which is in the denied range ${describeRule(rule)}`
      : `address ${shown} is in the denied range ${describeRule(rule)}`;
    return { rule: rule.text, ...(rule.label ? { label: rule.label } : {}), message };
  }
  return null;
}

export type NameVerdict = { verdict: 'allowed' } | { verdict: 'denied'; refusal: Refusal } | { verdict: 'check-addresses' };

/** A host name on its own: permitted outright, refused outright, or to be judged by what it resolves to. */
export function judgeName(policy: OutboundPolicy, host: string): NameVerdict {
  const name = normaliseName(host);
  const names = (rules: readonly OutboundRule[]) => rules.filter((r): r is NameRule => r.kind === 'name');
  if (names(policy.allow).some((r) => nameMatches(r, name))) return { verdict: 'allowed' };
  const rule = names(policy.deny).find((r) => nameMatches(r, name));
  if (rule) {
    return { verdict: 'denied', refusal: { rule: rule.text, ...(rule.label ? { label: rule.label } : {}), message: rule.text === name ? `host name ${name} is denied${rule.label ? ` (${rule.label})` : ''}` : `host name ${name} is denied by the rule ${describeRule(rule)}` } };
  }
  return { verdict: 'check-addresses' };
}

/** Parses one settings entry: a CIDR, a single address, or a host name (`*.name` for a whole domain). */
export function parseRule(entry: string, label?: string): OutboundRule | string {
  const text = entry.trim();
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const ip = parseIp(text.slice(0, slash));
    const prefixText = text.slice(slash + 1);
    if (!ip || !/^\d{1,3}$/.test(prefixText)) return `"${text}" is not a CIDR range such as 10.0.0.0/8 or fd00::/8`;
    const prefix = Number(prefixText);
    const bits = ip.family === 4 ? 32 : 128;
    if (prefix > bits) return `"${text}": the prefix must be at most ${bits}`;
    const shift = BigInt(bits - prefix);
    const base = (ip.value >> shift) << shift;
    const baseText = (ip.family === 4 ? formatIpv4 : formatIpv6)(base);
    return { kind: 'cidr', family: ip.family, base, prefix, text: `${baseText}/${prefix}`, ...(label ? { label } : {}) };
  }
  const ip = parseIp(text);
  if (ip) return { kind: 'cidr', family: ip.family, base: ip.value, prefix: ip.family === 4 ? 32 : 128, text: ip.text, ...(label ? { label } : {}) };
  const subdomains = /^(\*\.|\.)/.test(text);
  const name = normaliseName(text.replace(/^(\*\.|\.)/, ''));
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name)) {
    return `"${text}" is not a CIDR range, an IP address or a host name`;
  }
  return { kind: 'name', name, subdomains, text: subdomains ? `*.${name}` : name, ...(label ? { label } : {}) };
}

function rules(entries: ReadonlyArray<readonly [string, string]>): OutboundRule[] {
  return entries.map(([entry, label]) => parseRule(entry, label) as OutboundRule);
}

// Cloud metadata endpoints come first so they are named as such, and so the monitor
// default, which allows private ranges, still refuses them.
const METADATA: ReadonlyArray<readonly [string, string]> = [
  ['metadata.google.internal', 'cloud metadata'],
  ['metadata', 'cloud metadata'],
  ['fd00:ec2::254/128', 'cloud metadata'],
  ['100.100.100.200/32', 'cloud metadata'],
  ['192.0.0.192/32', 'cloud metadata'],
];

const ALWAYS: ReadonlyArray<readonly [string, string]> = [
  ['0.0.0.0/8', 'unspecified, "this network"'],
  ['169.254.0.0/16', 'link-local, cloud metadata'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved, broadcast'],
  ['::/128', 'unspecified'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
];

/** Strict: for webhooks and imports, whose targets never need to be internal. */
export const STRICT_DENY: readonly OutboundRule[] = rules([
  ...METADATA,
  ['127.0.0.0/8', 'loopback'],
  ['10.0.0.0/8', 'private, RFC 1918'],
  ['172.16.0.0/12', 'private, RFC 1918'],
  ['192.168.0.0/16', 'private, RFC 1918'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['192.0.2.0/24', 'documentation'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ...ALWAYS.slice(0, 4),
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique-local'],
  ['2001:db8::/32', 'documentation'],
  ...ALWAYS.slice(4),
]);

/** Monitors: self-hosted teams monitor their own internal hosts, so private ranges are allowed; metadata and link-local are not. */
export const MONITOR_DENY: readonly OutboundRule[] = rules([...METADATA, ...ALWAYS]);

export interface PolicyListResult {
  rules: OutboundRule[];
  problems: string[];
}

/**
 * A comma-separated settings value. `default` stands for the built-in list of that setting,
 * `strict` for the strict list, `none` for nothing; anything else is a rule.
 */
export function parsePolicyList(value: string, defaults: readonly OutboundRule[]): PolicyListResult {
  const out: PolicyListResult = { rules: [], problems: [] };
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '' || entry === 'none') continue;
    if (entry === 'default') out.rules.push(...defaults);
    else if (entry === 'strict') out.rules.push(...STRICT_DENY);
    else {
      const rule = parseRule(entry);
      if (typeof rule === 'string') out.problems.push(rule);
      else out.rules.push(rule);
    }
  }
  return out;
}
