// A GET for documents fetched from user-given URLs (vigil import): every hop
// goes through the outbound guard (at most maxRedirects, each checked), the
// body is streamed and cut at maxBytes whether or not Content-Length is sent,
// and one deadline covers the whole exchange. Failures are BoundedGetError
// with a one-line reason; nothing is left to reject unhandled.
import http from 'node:http';
import https from 'node:https';
import { peerExcerpt } from '../domain/outbound-text.js';
import type { OutboundGuard } from './guard.js';

export class BoundedGetError extends Error {
  override name = 'BoundedGetError';
}

export interface BoundedGetOptions {
  guard: OutboundGuard;
  maxBytes: number;
  maxRedirects?: number;
  timeoutMs: number;
  headers?: Record<string, string>;
}

export interface BoundedGetResult {
  /** The URL that answered, after redirects. */
  url: string;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function request(url: URL, options: BoundedGetOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const { lookup } = options.guard.target(url.hostname);
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, { method: 'GET', headers: options.headers, agent: false, lookup, signal });
    req.on('error', reject);
    req.on('response', resolve);
    req.end();
  });
}

function reasonOf(err: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no complete answer within ${timeoutMs / 1000} s`;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ERR_OUTBOUND_REFUSED') return `refused by outbound policy: ${e.message}`;
  return e.code ?? e.message ?? String(err);
}

async function readCapped(res: http.IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) {
    res.destroy();
    throw new BoundedGetError(`GET ${url.href}: the document is ${declared} bytes, more than the limit of ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.destroy();
      throw new BoundedGetError(`GET ${url.href}: the document is larger than the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export async function boundedGet(start: URL, options: BoundedGetOptions): Promise<BoundedGetResult> {
  const maxRedirects = options.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = start;
  for (let hop = 0; ; hop += 1) {
    let res: http.IncomingMessage;
    try {
      res = await request(url, options, signal);
    } catch (err) {
      throw new BoundedGetError(`cannot fetch ${url.href}: ${reasonOf(err, signal, options.timeoutMs)}`);
    }
    res.on('error', () => {});
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      res.destroy();
      const next = URL.canParse(location, url.href) ? new URL(location, url) : null;
      if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) throw new BoundedGetError(`GET ${url.href} redirects to an unusable location`);
      if (hop + 1 > maxRedirects) throw new BoundedGetError(`GET ${start.href}: more than ${maxRedirects} redirects`);
      url = next;
      continue;
    }
    if (status < 200 || status > 299) {
      res.destroy();
      const words = res.statusMessage ? ` ${peerExcerpt(res.statusMessage, 60)}` : '';
      throw new BoundedGetError(`GET ${url.href} answered HTTP ${status}${words}`);
    }
    try {
      return { url: url.href, body: await readCapped(res, url, options.maxBytes) };
    } catch (err) {
      if (err instanceof BoundedGetError) throw err;
      throw new BoundedGetError(`GET ${url.href}: the body could not be read: ${reasonOf(err, signal, options.timeoutMs)}`);
    }
  }
}
