// One bounded HTTP exchange for the http and statuspage checks: a fresh
// connection per request (what a monitor should measure), one deadline for the
// whole exchange including redirects, and at most maxBodyBytes of body read —
// past that the socket is destroyed and the caller judges what arrived.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import type { OutboundGuard } from '../../outbound/guard.js';
import { peerExcerpt } from '../../domain/outbound-text.js';
import { withoutUserinfo } from '../../domain/secrets.js';
import type { CheckTimings } from './types.js';
import { formatMs } from './format.js';
import { describeNetError } from './net-errors.js';
import { stopwatch } from './stopwatch.js';

/**
 * A URL as results may show it: without `user:password@`. A relative redirect keeps the monitor URL's
 * credentials, and reasons and `final_url` reach the API, the log and incident text.
 */
function shown(url: URL): string {
  return withoutUserinfo(url.href);
}

export interface HttpRequestSpec {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  verifyTls: boolean;
  /** Trusted roots replacing the system's (tests and private CAs); undefined = system roots. */
  ca?: string[];
  maxBodyBytes: number;
  followRedirects: boolean;
  maxRedirects: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** Every hop's host is checked and connected to through this (no second lookup). */
  outbound: OutboundGuard;
}

export interface HttpExchange {
  ok: true;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** True when reading stopped at maxBodyBytes. */
  truncated: boolean;
  /** The URL that answered (after redirects). */
  url: string;
  redirects: number;
  latency_ms: number;
  timings: CheckTimings;
}

export interface HttpFailure {
  ok: false;
  reason: string;
  latency_ms: number;
  timings: CheckTimings;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Vigil-Monitor/1.0';
const ignore = (): void => {};

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

/** Credentials are not sent to another origin, as browsers and fetch do. */
function headersForHop(headers: Record<string, string>, from: URL, to: URL): Record<string, string> {
  if (from.origin === to.origin) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([h]) => !['authorization', 'cookie', 'host'].includes(h.toLowerCase())));
}

/**
 * Timings are per hop (the one that answered) and each is the duration of its
 * own phase: dns_ms lookup, connect_ms TCP connect, tls_ms handshake,
 * first_byte_ms from a ready connection to the response headers.
 */
export function httpRequest(spec: HttpRequestSpec): Promise<HttpExchange | HttpFailure> {
  return new Promise((resolve) => {
    const total = stopwatch();
    let timings: CheckTimings = {};
    let phase = 'connecting';
    let current: http.ClientRequest | null = null;
    let settled = false;

    const finish = (outcome: HttpExchange | HttpFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      spec.signal.removeEventListener('abort', onAbort);
      current?.destroy();
      resolve(outcome);
    };
    const fail = (reason: string): void => finish({ ok: false, reason, latency_ms: total.elapsed(), timings });
    const onAbort = (): void => fail('the check was cancelled');
    const timer = setTimeout(() => fail(`timed out after ${formatMs(spec.timeoutMs)} while ${phase}`), spec.timeoutMs);
    if (spec.signal.aborted) return onAbort();
    spec.signal.addEventListener('abort', onAbort, { once: true });

    const visited = new Set<string>();
    const send = (url: URL, method: string, headers: Record<string, string>, body: string | null, hop: number): void => {
      visited.add(url.href);
      timings = {};
      const secure = url.protocol === 'https:';
      phase = isIP(url.hostname.replace(/^\[|\]$/g, '')) ? 'connecting' : 'resolving the host name';
      const lap = stopwatch().lap;
      let req: http.ClientRequest;
      try {
        // A refused literal or name fails here; a name is resolved once, by the guard's lookup.
        const { lookup } = spec.outbound.target(url.hostname);
        const options: https.RequestOptions = { method, headers, agent: false, lookup };
        if (secure) {
          options.rejectUnauthorized = spec.verifyTls;
          if (spec.ca) options.ca = spec.ca;
        }
        req = (secure ? https : http).request(url, options);
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ERR_OUTBOUND_REFUSED') return fail(describeNetError(err, url.hostname));
        // Header names or values Node refuses are thrown synchronously.
        return fail(`could not build the request: ${(err as Error).message}`);
      }
      current = req;
      req.on('error', (err) => {
        if (req === current) fail(describeNetError(err, url.hostname));
      });
      req.on('socket', (socket: Socket) => {
        socket.on('error', ignore);
        socket.once('lookup', () => {
          timings.dns_ms = lap();
          phase = 'connecting';
        });
        socket.once('connect', () => {
          timings.connect_ms = lap();
          phase = secure ? 'negotiating TLS' : 'waiting for the first byte';
        });
        socket.once('secureConnect', () => {
          timings.tls_ms = lap();
          phase = 'waiting for the first byte';
        });
      });
      req.on('response', (res: http.IncomingMessage) => {
        timings.first_byte_ms = lap();
        res.on('error', ignore);
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (spec.followRedirects && REDIRECTS.has(status) && location) {
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            return fail(`redirect ${status} to an invalid location "${peerExcerpt(location)}"`);
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:') return fail(`redirect ${status} to an unsupported location ${peerExcerpt(shown(next))}`);
          if (visited.has(next.href)) return fail(`redirect loop: ${peerExcerpt(shown(url))} redirects back to ${peerExcerpt(shown(next))}`);
          if (hop + 1 > spec.maxRedirects) return fail(`too many redirects (more than ${spec.maxRedirects}), last to ${peerExcerpt(shown(next))}`);
          req.destroy();
          // 303, and 301/302 after a POST, continue as GET without a body (what browsers do).
          const asGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
          return send(next, asGet ? 'GET' : method, headersForHop(headers, url, next), asGet ? null : body, hop + 1);
        }
        phase = 'reading the body';
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (truncated: boolean): void =>
          finish({ ok: true, status, headers: res.headers, body: Buffer.concat(chunks, size), truncated, url: shown(url), redirects: hop, latency_ms: total.elapsed(), timings });
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          const room = spec.maxBodyBytes - size;
          if (chunk.length < room) {
            chunks.push(chunk);
            size += chunk.length;
            return;
          }
          chunks.push(chunk.subarray(0, room));
          size += room;
          done(true);
        });
        res.on('end', () => done(false));
        res.on('close', () => {
          if (req === current && !res.complete) fail('the connection closed before the response body was complete (ECONNRESET)');
        });
      });
      req.end(body ?? undefined);
    };

    const headers = { ...spec.headers };
    if (!hasHeader(headers, 'user-agent')) headers['User-Agent'] = USER_AGENT;
    if (!hasHeader(headers, 'accept')) headers['Accept'] = '*/*';
    send(spec.url, spec.method, headers, spec.body, 0);
  });
}
