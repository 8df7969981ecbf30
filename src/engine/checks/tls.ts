// The tls check: handshake without rejecting, then judge the peer certificate
// ourselves — dates against the injected clock, the host name, the chain — so
// the reason names the actual problem, and warn as expiry nears.
import { checkServerIdentity, connect } from 'node:tls';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import type { ConnectTarget } from '../../outbound/guard.js';
import type { TlsOptions } from '../../services/monitors/check-options.js';
import { peerExcerpt } from '../../domain/outbound-text.js';
import type { Check, CheckContext, CheckResult, CheckTarget, CheckTimings } from './types.js';
import { formatMs } from './format.js';
import { describeNetError, describeTlsChainError } from './net-errors.js';
import { stopwatch } from './stopwatch.js';

export interface TlsCheckDeps {
  /** Trusted roots replacing the system's; undefined uses the system roots. */
  ca?: string[];
}

const DAY_MS = 86_400_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${Math.abs(n) === 1 ? '' : 's'}`;
}

function distinguishedName(name: PeerCertificate['issuer'] | undefined): string {
  if (!name) return '';
  const part = (key: 'CN' | 'O'): string | null => {
    const value = (name as unknown as Record<string, string | string[] | undefined>)[key];
    return value === undefined ? null : `${key}=${Array.isArray(value) ? value.join('+') : value}`;
  };
  return [part('CN'), part('O')].filter(Boolean).join(', ');
}

/** What is wrong with a certificate seen at `now`, or null; fills `detail` on the way. */
export function judgeCertificate(host: string, cert: PeerCertificate, socket: Pick<TLSSocket, 'authorized' | 'authorizationError'>, now: Date, detail: Record<string, unknown>): string | null {
  const validFrom = new Date(cert.valid_from);
  const validTo = new Date(cert.valid_to);
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
  Object.assign(detail, {
    days_left: daysLeft,
    valid_from: Number.isNaN(validFrom.getTime()) ? cert.valid_from : validFrom.toISOString(),
    valid_to: Number.isNaN(validTo.getTime()) ? cert.valid_to : validTo.toISOString(),
    issuer: peerExcerpt(distinguishedName(cert.issuer)),
    subject: peerExcerpt(distinguishedName(cert.subject)),
    fingerprint256: cert.fingerprint256,
    authorized: socket.authorized,
  });
  if (Number.isNaN(validTo.getTime()) || Number.isNaN(validFrom.getTime())) return 'TLS: the certificate has unreadable validity dates';
  if (now < validFrom) return `TLS: certificate is not valid until ${validFrom.toISOString()}`;
  if (now > validTo) {
    const ago = Math.floor((now.getTime() - validTo.getTime()) / DAY_MS);
    return `TLS: certificate expired on ${validTo.toISOString()} (${ago === 0 ? 'less than a day' : plural(ago, 'day')} ago)`;
  }
  const mismatch = checkServerIdentity(host, cert);
  if (mismatch) return `TLS: certificate is not valid for ${host} (it covers ${peerExcerpt(cert.subjectaltname ?? `CN=${String(cert.subject?.CN ?? '')}`)})`;
  if (!socket.authorized) {
    const code = String(socket.authorizationError ?? 'unknown');
    // The leaf's dates passed above, so a date error is about another certificate in the chain.
    if (code === 'CERT_HAS_EXPIRED') return 'TLS: a certificate in the chain has expired';
    if (code === 'CERT_NOT_YET_VALID') return 'TLS: a certificate in the chain is not yet valid';
    return `TLS: ${describeTlsChainError(code)}`;
  }
  return null;
}

/** The warning for `daysLeft` given the thresholds, and the smallest threshold it falls under. */
export function expiryWarning(daysLeft: number, thresholds: readonly number[]): { warning: string; threshold: number } | null {
  const threshold = [...thresholds].sort((a, b) => a - b).find((t) => daysLeft <= t);
  if (threshold === undefined) return null;
  const when = daysLeft <= 0 ? 'today' : `in ${plural(daysLeft, 'day')}`;
  return { warning: `certificate expires ${when} (threshold ${threshold})`, threshold };
}

function runTls(options: TlsOptions, ctx: CheckContext, deps: TlsCheckDeps): Promise<CheckResult> {
  return new Promise((resolve) => {
    const watch = stopwatch();
    const lap = watch.lap;
    const timings: CheckTimings = {};
    const detail: Record<string, unknown> = {};
    let phase = isIP(options.host) ? 'connecting' : 'resolving the host name';
    let settled = false;
    let socket: TLSSocket | null = null;

    const finish = (result: Omit<CheckResult, 'latency_ms' | 'timings' | 'detail'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve({ ...result, latency_ms: watch.elapsed(), timings, detail });
    };
    const onAbort = (): void => finish({ ok: false, reason: 'the check was cancelled' });
    const timer = setTimeout(() => finish({ ok: false, reason: `timed out after ${formatMs(ctx.timeoutMs)} while ${phase}` }), ctx.timeoutMs);
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    let target: ConnectTarget;
    try {
      target = ctx.outbound.target(options.host);
    } catch (err) {
      return finish({ ok: false, reason: describeNetError(err, options.host) });
    }
    const checkedHost = target.name ?? target.host;
    // SNI and the certificate check use the name; the socket connects to the address the guard checked.
    const s = connect({
      host: target.host,
      port: options.port,
      lookup: target.lookup,
      ...(target.name === null ? {} : { servername: target.name }),
      rejectUnauthorized: false,
      ...(deps.ca ? { ca: deps.ca } : {}),
    });
    socket = s;
    s.on('error', (err) => finish({ ok: false, reason: describeNetError(err, options.host) }));
    s.on('close', () => finish({ ok: false, reason: 'TLS handshake failed: the connection closed during the handshake' }));
    s.once('lookup', () => {
      timings.dns_ms = lap();
      phase = 'connecting';
    });
    s.once('connect', () => {
      timings.connect_ms = lap();
      phase = 'negotiating TLS';
    });
    s.once('secureConnect', () => {
      timings.tls_ms = lap();
      const cert = s.getPeerCertificate(false);
      detail.protocol = s.getProtocol();
      if (!cert || Object.keys(cert).length === 0) return finish({ ok: false, reason: 'TLS: the server sent no certificate' });
      const reason = judgeCertificate(checkedHost, cert, s, ctx.now(), detail);
      if (reason) return finish({ ok: false, reason });
      const warning = expiryWarning(detail.days_left as number, options.warn_days);
      if (warning) detail.warn_threshold = warning.threshold;
      finish({ ok: true, reason: null, warning: warning?.warning ?? null });
    });
  });
}

export function createTlsCheck(deps: TlsCheckDeps = {}): Check<TlsOptions> {
  return {
    type: 'tls',
    async run(target: CheckTarget<TlsOptions>, ctx: CheckContext): Promise<CheckResult> {
      try {
        return await runTls(target.options, ctx, deps);
      } catch (err) {
        return { ok: false, reason: `check failed: ${(err as Error).message}`, latency_ms: null };
      }
    },
  };
}

/** The registry's tls check: system trust roots. */
export const tlsCheck = createTlsCheck();
