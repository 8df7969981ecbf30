// The public site as one object: the snapshot, the fast-path handler that
// serves it, and the refresher that keeps it current. Its inputs are
// injected (how to load the model, which routes, how to detect changes), so
// it is tested with stub models and wired to the real ones in web/app.ts.
import type { PublicModel } from '../../../services/public/model.js';
import { PublicSnapshot } from '../snapshot.js';
import type { PublicRoute } from '../types.js';
import { securityHeaders, type SecurityHeaders } from '../../security-headers.js';
import { createPublicHandler, plainAnswerHeaders, type HandlerState, type PublicHandler } from './handler.js';
import { DEFAULT_TIMING, Refresher, type RefreshActivity, type RefreshTiming } from './refresher.js';

export interface PublicCacheConfig {
  /** Seconds browsers and CDNs may reuse a document without asking again. */
  maxAge: number;
  /** Seconds a CDN may keep serving a document while it fetches a fresh one. */
  staleWhileRevalidate: number;
}

export const DEFAULT_PUBLIC_CACHE: PublicCacheConfig = { maxAge: 10, staleWhileRevalidate: 60 };

/** When Vigil itself is unreachable a CDN may serve its last copy this long (seconds). */
const STALE_IF_ERROR = 86_400;

interface SiteLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PublicSiteOptions {
  routes: readonly PublicRoute[];
  load(): Promise<PublicModel>;
  changeToken(): Promise<string>;
  cache?: PublicCacheConfig;
  timing?: Partial<RefreshTiming>;
  logger?: SiteLogger | null;
  /** CSP, nosniff, referrer policy, HSTS: copied into each document's precomputed headers. */
  security?: SecurityHeaders;
}

export interface PublicSite {
  readonly snapshot: PublicSnapshot;
  /** Answers a public request and returns true, or returns false for anything else. Never throws. */
  readonly handle: PublicHandler;
  /** Builds the first snapshot (awaited) and starts watching for changes. */
  start(): Promise<void>;
  /** Data changed in this process: rebuild soon (debounced). */
  changed(): void;
  /** Rebuilds now and resolves when the new snapshot is in place (or the attempt failed). */
  refresh(): Promise<void>;
  /** Counts of rebuild requests, rebuilds and polls (and their failures): observable by tests without sleeping. */
  readonly activity: Readonly<RefreshActivity>;
  /** Resolves once no rebuild is running or waiting for its debounce. */
  idle(): Promise<void>;
  /** From now on responses ask clients to close their connections (the server is shutting down). */
  closing(): void;
  stop(): Promise<void>;
}

export function cacheControlHeader(cache: PublicCacheConfig): string {
  return `public, max-age=${cache.maxAge}, stale-while-revalidate=${cache.staleWhileRevalidate}, stale-if-error=${STALE_IF_ERROR}`;
}

export function createPublicSite(options: PublicSiteOptions): PublicSite {
  const log = options.logger ?? null;
  const security = options.security ?? securityHeaders();
  const plain = plainAnswerHeaders(security);
  const snapshot = new PublicSnapshot({
    routes: options.routes,
    load: options.load,
    headers: { cacheControl: cacheControlHeader(options.cache ?? DEFAULT_PUBLIC_CACHE), security },
    onRenderError: (err, key) => log?.error({ err, key }, 'a public document failed to render'),
  });
  const refresher = new Refresher({
    rebuild: () => snapshot.rebuild(),
    changeToken: options.changeToken,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    onHealth: (healthy, err) => {
      if (healthy) log?.info({ generated_at: snapshot.model?.generated_at }, 'public snapshot is being rebuilt again');
      else log?.warn({ err, generated_at: snapshot.model?.generated_at ?? null }, 'cannot rebuild the public snapshot; serving the last good one');
    },
  });
  const state: HandlerState = { closing: false };
  const serve = createPublicHandler(snapshot, state, (err) => log?.error({ err }, 'the public fast path failed'), plain);

  const handle: PublicHandler = (req, res) => {
    try {
      return serve(req, res);
    } catch (err) {
      // A bug here must cost one response, never the process.
      log?.error({ err }, 'the public fast path failed');
      if (!res.headersSent) res.writeHead(500, ['content-type', 'text/plain; charset=utf-8', 'cache-control', 'no-store', ...plain]);
      res.end();
      return true;
    }
  };

  return {
    snapshot,
    handle,
    start: () => refresher.start(),
    changed: () => refresher.requestRebuild(),
    refresh: () => refresher.runNow(),
    activity: refresher.activity,
    idle: () => refresher.idle(),
    closing: () => {
      state.closing = true;
    },
    stop: () => refresher.stop(),
  };
}
