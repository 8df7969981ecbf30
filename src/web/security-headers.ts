// The security headers every answer carries, computed once at start-up: the
// public fast path copies them into each document's precomputed header list,
// Fastify adds them in one onSend hook. See README "Security".
import type { FastifyInstance } from 'fastify';

export interface SecurityHeaderOptions {
  /** CSP `frame-ancestors` sources: `'none'` (default), or e.g. `https://intranet.example.com` to embed the page. */
  frameAncestors?: string;
  /** Sends Strict-Transport-Security (the public URL is https). */
  hsts?: boolean;
}

export interface SecurityHeaders {
  /** `[name, value, …]` for every answer: nosniff, referrer policy, HSTS when on. CSP is separate. */
  readonly common: readonly string[];
  /** The policy of anything that is not an HTML page (JSON, feeds, plain text): nothing may load or frame it. */
  readonly documentCsp: string;
  /** An HTML page's policy: the one its `<meta>` declares (style hashes and all), plus `frame-ancestors`, which a `<meta>` cannot set. */
  htmlCsp(pagePolicy: string | null): string;
}

export const DEFAULT_FRAME_ANCESTORS = "'none'";
const HSTS = 'max-age=31536000';
const REFERRER_POLICY = 'strict-origin-when-cross-origin';
/** What a page without its own policy gets: no scripts, styles or forms. */
const FALLBACK_PAGE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(options: SecurityHeaderOptions = {}): SecurityHeaders {
  const frameAncestors = `frame-ancestors ${options.frameAncestors ?? DEFAULT_FRAME_ANCESTORS}`;
  const common = ['x-content-type-options', 'nosniff', 'referrer-policy', REFERRER_POLICY];
  if (options.hsts) common.push('strict-transport-security', HSTS);
  return {
    common,
    documentCsp: `default-src 'none'; ${frameAncestors}`,
    htmlCsp: (pagePolicy) => `${withoutFrameAncestors(pagePolicy ?? FALLBACK_PAGE_POLICY)}; ${frameAncestors}`,
  };
}

function withoutFrameAncestors(policy: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !/^frame-ancestors\b/i.test(d))
    .join('; ');
}

/** The policy an HTML document declares in `<meta http-equiv="Content-Security-Policy">`, or null. Read once per document build. */
export function metaCsp(html: string): string | null {
  const end = html.search(/<\/head>/i);
  const head = end === -1 ? html : html.slice(0, end);
  const tag = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(head);
  return tag?.[1] ? tag[1].replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : null;
}

/**
 * Adds the headers to every Fastify answer (errors and 404s included); admin API answers
 * (under `adminPrefix`) are also `Cache-Control: no-store`, as they carry private data.
 */
export function installSecurityHeaders(app: FastifyInstance, headers: SecurityHeaders, adminPrefix?: string): void {
  const common: Record<string, string> = { 'content-security-policy': headers.documentCsp };
  for (let i = 0; i < headers.common.length; i += 2) common[headers.common[i]!] = headers.common[i + 1]!;
  const isAdmin = (url: string) => adminPrefix !== undefined && (url.startsWith(`${adminPrefix}/`) || url === adminPrefix || url.startsWith(`${adminPrefix}?`));
  app.addHook('onSend', async (request, reply, payload) => {
    // An HTML page Fastify renders (the subscription pages) sets the policy its markup declares.
    const own = reply.getHeader('content-security-policy');
    void reply.headers(common);
    if (typeof own === 'string') void reply.header('content-security-policy', own);
    if (isAdmin(request.url)) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
