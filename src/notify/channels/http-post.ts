// The one HTTP POST every HTTP channel (webhook, Slack, Discord, Teams) sends.
// It connects only through the outbound guard (the socket's `lookup`, so the
// address checked is the address used), never follows a redirect, reads at most
// a few KB of the answer, and gives up on a slow connect or a slow answer.
// Target URLs are secrets (a Slack or Discord URL is its own credential): an
// outcome's error names only the scheme and host.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { peerExcerpt } from '../../domain/outbound-text.js';
import type { Clock } from '../../lib/clock.js';
import type { OutboundGuard } from '../../outbound/guard.js';
import type { SendOutcome } from './types.js';

export interface HttpPostOptions {
  outbound: OutboundGuard;
  clock: Clock;
  connectTimeoutMs?: number;
  /** From the start of the request to the end of the (cut) answer. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Trusted roots replacing the system's (private CAs, tests); undefined = system roots. */
  ca?: string[];
}

export interface HttpPoster {
  post(url: string, body: string, headers: Record<string, string>): Promise<SendOutcome>;
  close(): void;
}

/** Longest Retry-After honoured: a receiver cannot park a delivery for longer than a day. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

const NET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed for now',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted TLS certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate for another host',
};

/** What a message may say about a target URL: scheme and host, never the path or query. */
export function shownOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an invalid URL';
  }
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (!Number.isFinite(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

const fail = (permanent: boolean, error: string, retryAfterMs: number | null = null): SendOutcome => ({ ok: false, permanent, retry_after_ms: retryAfterMs, error });

export function createHttpPoster(options: HttpPostOptions): HttpPoster {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 4096;
  // Keep-alive: a fan-out to one receiver reuses its connections. Sockets only ever connect through the guard.
  const agents = {
    http: new http.Agent({ keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' }),
    https: new https.Agent({ keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo', ...(options.ca ? { ca: options.ca } : {}) }),
  };

  const post = (target: string, body: string, headers: Record<string, string>): Promise<SendOutcome> =>
    new Promise((resolve) => {
      const origin = shownOrigin(target);
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return resolve(fail(true, 'the target is not a valid URL'));
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return resolve(fail(true, `${url.protocol} targets are not supported`));
      // Everything a receiver could echo of the URL's secret part is masked in what we report.
      const secretParts = [url.pathname, url.search].filter((s) => s.length > 1);
      const scrub = (text: string): string => secretParts.reduce((t, s) => t.split(s).join('…'), text);

      let settled = false;
      let req: http.ClientRequest | null = null;
      let connectTimer: NodeJS.Timeout | undefined;
      const finish = (outcome: SendOutcome, destroy = false): void => {
        if (settled) return;
        settled = true;
        clearTimeout(overall);
        clearTimeout(connectTimer);
        if (destroy) req?.destroy();
        resolve(outcome);
      };
      const overall = setTimeout(() => finish(fail(false, `${origin}: no answer within ${timeoutMs / 1000} s`), true), timeoutMs);

      try {
        const { lookup } = options.outbound.target(url.hostname.replace(/^\[|\]$/g, ''));
        const secure = url.protocol === 'https:';
        const bodyBytes = Buffer.from(body);
        req = (secure ? https : http).request(url, {
          method: 'POST',
          agent: secure ? agents.https : agents.http,
          lookup,
          headers: { ...headers, 'Content-Length': String(bodyBytes.length) },
        });
        req.on('socket', (socket: Socket) => {
          if (!socket.connecting) return;
          connectTimer = setTimeout(() => finish(fail(false, `${origin}: could not connect within ${connectTimeoutMs / 1000} s`), true), connectTimeoutMs);
          socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ERR_OUTBOUND_REFUSED') return finish(fail(true, `${origin}: refused by outbound policy: ${peerExcerpt(scrub(err.message), 160)}`));
          const what = (err.code && NET_ERRORS[err.code]) ?? 'request failed';
          finish(fail(false, `${origin}: ${what}${err.code ? ` (${err.code})` : ''}`));
        });
        req.on('response', (res: http.IncomingMessage) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          const judge = (cut: boolean): void => {
            const text = Buffer.concat(chunks, size).toString('utf8');
            finish(classify(status, res.headers, text, origin, scrub, options.clock), cut);
          };
          res.on('data', (chunk: Buffer) => {
            if (settled) return;
            const room = maxBodyBytes - size;
            if (chunk.length < room) {
              chunks.push(chunk);
              size += chunk.length;
              return;
            }
            chunks.push(chunk.subarray(0, room));
            size += room;
            judge(true);
          });
          res.on('end', () => judge(false));
          res.on('error', () => judge(true));
        });
        req.end(bodyBytes);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'ERR_OUTBOUND_REFUSED') return finish(fail(true, `${origin}: refused by outbound policy: ${peerExcerpt(scrub(e.message), 160)}`));
        finish(fail(true, `${origin}: could not build the request`));
      }
    });

  return {
    post,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function classify(status: number, headers: http.IncomingHttpHeaders, body: string, origin: string, scrub: (t: string) => string, clock: Clock): SendOutcome {
  if (status >= 200 && status < 300) return { ok: true };
  const excerpt = peerExcerpt(scrub(body.trim()), 120);
  const said = `${origin} answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`;
  if (status >= 300 && status < 400) return fail(true, `${origin} answered HTTP ${status} (redirects are not followed)`);
  const retryAfter = status === 429 || status === 503 ? parseRetryAfter(headers['retry-after'], clock.now()) : null;
  if (status === 408 || status === 429 || status >= 500) return fail(false, said, retryAfter);
  return fail(true, said);
}
