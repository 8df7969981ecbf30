// The one gate every outbound connection goes through. A host name is
// resolved ONCE, every address it resolves to is checked against the policy,
// and the socket connects to a checked address: the `lookup` given to
// net/tls/http hands the checked result straight to the connect, so a second
// answer from DNS (rebinding) can never be used. IP literals, in any numeric
// form, are checked before connecting. See docs/adr/0011.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyHost, judgeAddress, judgeName, parseIp, type OutboundPolicy, type Refusal } from '../domain/outbound-policy.js';

/** Resolves a host name to all its addresses (dns.lookup with all: true by default; tests inject their own). */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const defaultResolveAll: ResolveAll = (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' });

/** Thrown (or passed to a socket as its error) when the policy refuses a target. */
export class OutboundRefusedError extends Error {
  readonly code = 'ERR_OUTBOUND_REFUSED';
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'OutboundRefusedError';
  }
}

export interface ConnectTarget {
  /** What to pass as `host`: the canonical IP for a literal, else the name. */
  host: string;
  /** The host name when the target is one (TLS SNI, certificate checks); null for a literal. */
  name: string | null;
  lookup: LookupFunction;
}

export interface OutboundGuard {
  readonly policy: OutboundPolicy;
  /** Resolves once and checks every address; throws OutboundRefusedError, or the lookup's error. */
  resolve(host: string): Promise<LookupAddress[]>;
  /** Node's `lookup` option for net/tls/http: resolve() in callback form. */
  readonly lookup: LookupFunction;
  /** Connect options for a host; a refused literal or name throws OutboundRefusedError here. */
  target(host: string): ConnectTarget;
  /**
   * For validation when a target is saved: the refusal, or null when the host is permitted or
   * cannot be resolved right now (a run will report that).
   */
  vet(host: string, timeoutMs?: number): Promise<Refusal | null>;
}

export interface GuardOptions {
  resolveAll?: ResolveAll;
}

export function createOutboundGuard(policy: OutboundPolicy, options: GuardOptions = {}): OutboundGuard {
  const resolveAll = options.resolveAll ?? defaultResolveAll;

  /** Literal → checked; name → refused, allowed outright, or null (judge its addresses). */
  const precheck = (host: string): { literal: string | null; nameAllowed: boolean; name: string } => {
    const form = classifyHost(host);
    if (form.kind === 'ip') {
      const refusal = judgeAddress(policy, form.ip);
      if (refusal) throw new OutboundRefusedError(refusal);
      return { literal: form.ip.text, nameAllowed: true, name: form.ip.text };
    }
    const verdict = judgeName(policy, form.name);
    if (verdict.verdict === 'denied') throw new OutboundRefusedError(verdict.refusal);
    return { literal: null, nameAllowed: verdict.verdict === 'allowed', name: form.name };
  };

  const resolve = async (host: string): Promise<LookupAddress[]> => {
    const { literal, nameAllowed, name } = precheck(host);
    if (literal) return [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
    const addresses = await resolveAll(name);
    if (addresses.length === 0) throw Object.assign(new Error(`${name} has no addresses`), { code: 'ENOTFOUND' });
    if (!nameAllowed) {
      for (const a of addresses) {
        const ip = parseIp(a.address);
        const refusal = ip ? judgeAddress(policy, ip, name) : { rule: 'unparseable address', message: `${name} resolves to an unreadable address` };
        if (refusal) throw new OutboundRefusedError(refusal);
      }
    }
    return addresses;
  };

  const lookup: LookupFunction = (hostname, options, callback) => {
    const family = typeof options === 'object' && options ? options.family : undefined;
    resolve(hostname).then(
      (all) => {
        const wanted = family === 4 || family === 6 ? all.filter((a) => a.family === family) : all;
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), '', 0);
        if (typeof options === 'object' && options?.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };

  return {
    policy,
    resolve,
    lookup,
    target(host) {
      const { literal, name } = precheck(host);
      return literal ? { host: literal, name: null, lookup } : { host: name, name, lookup };
    },
    async vet(host, timeoutMs = 3000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const late = new Promise<null>((done) => (timer = setTimeout(() => done(null), timeoutMs)));
        await Promise.race([resolve(host), late]);
        return null;
      } catch (err) {
        if (err instanceof OutboundRefusedError) return err.refusal;
        return null;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
