// The fast path: a node:http handler that answers public requests straight
// from the snapshot's pre-rendered bytes, in front of Fastify. It returns
// false for anything that is not a public document so Fastify handles it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders, type SecurityHeaders } from '../../security-headers.js';
import type { PublicSnapshot, Resolved } from '../snapshot.js';
import type { Compressed, SnapshotEntry, Variant } from '../snapshot-entry.js';
import { acceptedEncodings, etagMatches, rawHeader } from './negotiate.js';

export interface HandlerState {
  /** Set while the server shuts down: responses ask clients to close their connection. */
  closing: boolean;
}

const ALLOW = 'GET, HEAD, OPTIONS';
const NOT_READY = Buffer.from('The status page is starting; try again in a few seconds.\n');
const FAILED = Buffer.from('This page could not be sent.\n');
/** In order of preference. */
const CODINGS: readonly Compressed[] = ['br', 'gzip'];

export type PublicHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The headers of the fast path's own short answers (not ready, not allowed, preflight, failure), besides their own. */
export function plainAnswerHeaders(security: SecurityHeaders = securityHeaders()): string[] {
  return ['content-security-policy', security.documentCsp, ...security.common];
}

export function createPublicHandler(snapshot: PublicSnapshot, state: HandlerState, onError: (err: unknown) => void, plain: readonly string[] = plainAnswerHeaders()): PublicHandler {
  const send = (res: ServerResponse, status: number, headers: string[], body: Buffer | null, head: boolean) => sendPlain(res, state, status, [...headers, ...plain], body, head);
  return (req, res) => {
    const resolved = req.url === undefined ? null : snapshot.resolve(req.url);
    if (!resolved) return false;
    const method = req.method;
    if (method === 'GET' || method === 'HEAD') {
      const entry = snapshot.lookup(resolved);
      if (entry === null) {
        send(res, 503, ['content-type', 'text/plain; charset=utf-8', 'retry-after', '5', 'cache-control', 'no-store'], NOT_READY, method === 'HEAD');
      } else {
        respond(req, res, state, entry, onError, send);
      }
    } else if (method === 'OPTIONS') {
      preflight(req, res, resolved, send);
    } else {
      send(res, 405, ['allow', ALLOW, 'content-type', 'text/plain; charset=utf-8'], Buffer.from(`${method} is not allowed here; use ${ALLOW}.\n`), false);
    }
    return true;
  };
}

type Send = (res: ServerResponse, status: number, headers: string[], body: Buffer | null, head: boolean) => void;

/**
 * Sends the best representation the client accepts: br, then gzip, then the raw bytes (RFC 9110
 * leaves the order to the server; br is smallest). A compressed form made for the first time is
 * awaited (it is compressed off the event loop, and is known once the promise settles); one that is
 * not offered falls back to the next.
 */
function respond(req: IncomingMessage, res: ServerResponse, state: HandlerState, entry: SnapshotEntry, onError: (err: unknown) => void, send: Send): void {
  const accepted = acceptedEncodings(rawHeader(req, 'accept-encoding'));
  let variant: Variant | null = null;
  for (const coding of CODINGS) {
    if (!accepted[coding]) continue;
    const found = entry.encoded(coding);
    if (found instanceof Promise) {
      found.then(
        () => respond(req, res, state, entry, onError, send),
        (err: unknown) => {
          onError(err);
          send(res, 500, ['content-type', 'text/plain; charset=utf-8', 'cache-control', 'no-store'], FAILED, req.method === 'HEAD');
        },
      );
      return;
    }
    if (found) {
      variant = found;
      break;
    }
  }
  sendEntry(req, res, state, entry, variant ?? entry.identity);
}

function sendEntry(req: IncomingMessage, res: ServerResponse, state: HandlerState, entry: SnapshotEntry, variant: Variant): void {
  if (entry.hash !== null && etagMatches(rawHeader(req, 'if-none-match'), entry.hash)) {
    res.writeHead(304, withClosing(variant.notModified, state));
    res.end();
    return;
  }
  res.writeHead(entry.status, withClosing(variant.headers, state));
  if (req.method === 'HEAD') res.end();
  else res.end(variant.body);
}

/** CORS preflight for the open JSON API; a plain OPTIONS elsewhere just lists the methods. */
function preflight(req: IncomingMessage, res: ServerResponse, resolved: Resolved, send: Send): void {
  const headers = ['allow', ALLOW];
  if (resolved.route.cors) {
    headers.push('access-control-allow-origin', '*', 'access-control-allow-methods', ALLOW, 'access-control-max-age', '86400');
    const requested = req.headers['access-control-request-headers'];
    // Echoing what was asked is safe here: nothing public reads credentials or request headers.
    if (requested) headers.push('access-control-allow-headers', requested);
  }
  send(res, 204, headers, null, true);
}

function sendPlain(res: ServerResponse, state: HandlerState, status: number, headers: string[], body: Buffer | null, head: boolean): void {
  const all = body ? [...headers, 'content-length', String(body.length)] : headers;
  res.writeHead(status, withClosing(all, state));
  res.end(head || !body ? undefined : body);
}

function withClosing(headers: string[], state: HandlerState): string[] {
  return state.closing ? [...headers, 'connection', 'close'] : headers;
}
