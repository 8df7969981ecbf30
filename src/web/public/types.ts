// The contract between the public renderers (v2 JSON, pages, feeds) and the
// snapshot that serves their bytes. A renderer is a pure function of the
// public model; the snapshot decides when to call it and caches the result.
import type { PublicModel } from '../../services/public/model.js';

export interface RenderedDocument {
  status: number;
  contentType: string;
  body: string;
}

export interface PublicRoute {
  /**
   * Returns the cache key for a request this route answers (e.g. the pathname,
   * or `/history?page=2` with the query normalised), or null if it does not match.
   */
  match(url: URL): string | null;
  /** Called on a document's first request after each rebuild; the snapshot keeps the bytes until the next one. */
  render(model: PublicModel, url: URL): RenderedDocument;
  /** Adds `Access-Control-Allow-Origin: *` (the JSON API). */
  cors?: boolean;
}

/** A route answering exactly one path. */
export function exactRoute(path: string, contentType: string, render: (model: PublicModel) => string, options: { cors?: boolean } = {}): PublicRoute {
  return {
    match: (url) => (url.pathname === path ? path : null),
    render: (model) => ({ status: 200, contentType, body: render(model) }),
    cors: options.cors,
  };
}
