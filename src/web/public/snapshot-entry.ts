// One cached public document: its raw bytes and, once a client has asked for
// them, its gzip and brotli versions, each with the exact header list the fast
// path writes. Everything here is computed at most once per content change,
// never per request; a coding nobody asks for is never computed.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { metaCsp, securityHeaders, type SecurityHeaders } from '../security-headers.js';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this size compression saves less than its header costs. */
const MIN_COMPRESS_BYTES = 256;
/**
 * Documents are recompressed whenever the data changes (up to about once a second during an
 * incident). Measured on a 165 kB incidents.json: brotli 11 takes 1.1 s for 8.8 kB, brotli 5
 * 7 ms for 9.9 kB; gzip 9 costs twice gzip 6 for 1–2% smaller output.
 */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

export type Encoding = 'br' | 'gzip' | 'identity';
export type Compressed = Exclude<Encoding, 'identity'>;

export interface Variant {
  body: Buffer;
  /** Flat `[name, value, …]` list for `writeHead`, body headers included. */
  headers: string[];
  /** For a 304: the validators and caching headers, no body headers. */
  notModified: string[];
}

export interface HeaderPolicy {
  /** Cache-Control for successful and 4xx documents, e.g. `public, max-age=10, stale-while-revalidate=60`. */
  cacheControl: string;
  /** CSP, nosniff, referrer policy, HSTS (the defaults when absent). */
  security?: SecurityHeaders;
}

const DEFAULT_SECURITY = securityHeaders();
/** A page's CSP `<meta>` is among its first tags: only this much is read to find it. */
const HEAD_BYTES = 8192;

export interface EntrySource {
  status: number;
  contentType: string;
  body: string | Buffer;
  cors: boolean;
}

/** `"<hash>"` for the raw bytes, `"<hash>-br"` / `"<hash>-gz"` for the compressed ones (a different representation needs its own strong ETag). */
export function etagFor(hash: string, encoding: Encoding): string {
  return encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

/** What a compressed form is: its variant, or null when it is not offered (small, not 2xx, not smaller, or compression failed). */
type Slot = Variant | null | Promise<Variant | null>;

export class SnapshotEntry {
  /** Hash of the raw bytes: strong ETags per encoding are derived from it. Null when not cacheable by validators (non-2xx). */
  readonly hash: string | null;
  readonly identity: Variant;
  private readonly slots: { br?: Slot; gzip?: Slot } = {};
  private readonly asked: Compressed[] = [];
  /** Worked out once per document: an HTML page's policy carries its own style hashes. */
  private readonly csp: string;

  private constructor(
    readonly status: number,
    readonly contentType: string,
    readonly cors: boolean,
    raw: Buffer,
    hash: string | null,
    private readonly policy: HeaderPolicy,
  ) {
    this.hash = hash;
    const security = policy.security ?? DEFAULT_SECURITY;
    this.csp = /^text\/html\b/i.test(contentType) ? security.htmlCsp(metaCsp(raw.subarray(0, HEAD_BYTES).toString('utf8'))) : security.documentCsp;
    this.identity = this.variant(raw, 'identity');
    if (!(hash !== null && raw.length >= MIN_COMPRESS_BYTES)) this.slots.br = this.slots.gzip = null;
  }

  /**
   * Builds the entry (hashing, no compression); when `reuse` holds the same bytes it is returned as
   * is, with whatever compressed forms it already has.
   */
  static build(source: EntrySource, policy: HeaderPolicy, reuse?: SnapshotEntry | null): SnapshotEntry {
    const raw = typeof source.body === 'string' ? Buffer.from(source.body, 'utf8') : source.body;
    const ok = source.status >= 200 && source.status < 300;
    const hash = ok ? createHash('sha256').update(raw).digest('base64url').slice(0, 27) : null;
    if (reuse && hash !== null && reuse.hash === hash && reuse.status === source.status && reuse.contentType === source.contentType && reuse.cors === source.cors) {
      return reuse;
    }
    return new SnapshotEntry(source.status, source.contentType, source.cors, raw, hash, policy);
  }

  /** The codings some request has asked this entry for (a rebuild prepares them again for the new bytes). */
  get demanded(): readonly Compressed[] {
    return this.asked;
  }

  /** The most memory the entry can come to hold: each compressed form is offered only when smaller than the raw bytes. */
  get maxSize(): number {
    return 3 * this.identity.body.length;
  }

  /**
   * The document in `encoding`: at once when known, else a promise of compressing it (on libuv's
   * thread pool; concurrent requests share it). Null when that coding is not offered.
   */
  encoded(encoding: Compressed): Slot {
    const known = this.slots[encoding];
    if (known !== undefined) return known;
    const raw = this.identity.body;
    const settle = (variant: Variant | null) => (this.slots[encoding] = variant);
    const compressing = (encoding === 'br' ? brotliAsync(raw, BROTLI_OPTIONS(raw.length)) : gzipAsync(raw, { level: GZIP_LEVEL })).then(
      // A compressed body is offered only when it is actually smaller.
      (body) => settle(body.length < raw.length ? this.variant(body, encoding) : null),
      () => settle(null),
    );
    this.slots[encoding] = compressing;
    this.asked.push(encoding);
    return compressing;
  }

  private variant(body: Buffer, encoding: Encoding): Variant {
    const common = commonHeaders(this.status, this.cors, this.policy, this.hash === null ? null : etagFor(this.hash, encoding), this.csp);
    const bodyHeaders = ['content-type', this.contentType, 'content-length', String(body.length)];
    if (encoding !== 'identity') bodyHeaders.push('content-encoding', encoding);
    return { body, headers: [...bodyHeaders, ...common], notModified: common };
  }
}

const BROTLI_OPTIONS = (size: number) => ({
  params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: size },
});

function commonHeaders(status: number, cors: boolean, policy: HeaderPolicy, etag: string | null, csp: string): string[] {
  const headers: string[] = [];
  if (etag) headers.push('etag', etag);
  // A server error is not worth keeping in a CDN for even a few seconds.
  headers.push('cache-control', status >= 500 ? 'no-store' : policy.cacheControl);
  headers.push('vary', 'Accept-Encoding');
  headers.push('content-security-policy', csp, ...(policy.security ?? DEFAULT_SECURITY).common);
  if (cors) headers.push('access-control-allow-origin', '*');
  return headers;
}
