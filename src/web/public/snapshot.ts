// The public snapshot: the current PublicModel and every public document
// rendered from it, as bytes ready to send (docs/adr/0008). A rebuild loads a
// fresh model and renders the hot documents; the others (incident pages,
// history pages) are rendered from the in-memory model on first request and
// kept until the next rebuild. Serving never touches the database.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PublicModel } from '../../services/public/model.js';
import { buildEntry, type HeaderPolicy, type SnapshotEntry } from './serving/entry.js';
import type { PublicRoute, RenderedDocument } from './types.js';

export type { SnapshotEntry };

export interface SnapshotOptions {
  routes: readonly PublicRoute[];
  load(): Promise<PublicModel>;
  headers: HeaderPolicy;
  /** Bytes of lazily rendered documents kept per snapshot; past it, documents are rendered per request. */
  maxLazyBytes?: number;
  /** A renderer threw: the document becomes a 500 until the next rebuild. */
  onRenderError?(err: unknown, key: string): void;
}

/** A request URL matched to the route that answers it. */
export interface Resolved {
  route: PublicRoute;
  key: string;
  url: URL;
}

export interface RebuildResult {
  generation: number;
  /** False when a newer rebuild finished first and this one was dropped. */
  committed: boolean;
  documents: number;
  /** Documents whose bytes had not changed, so their compressed forms were reused. */
  unchanged: number;
}

interface Generation {
  id: number;
  model: PublicModel;
  entries: Map<string, SnapshotEntry>;
  pending: Map<string, Promise<SnapshotEntry>>;
  lazyBytes: number;
  /** The previous generation's documents, to reuse compressed bytes that did not change. */
  previous: Map<string, SnapshotEntry> | null;
}

const PARSE_BASE = 'http://localhost';
const RESOLVE_MEMO_LIMIT = 10_000;

export class PublicSnapshot {
  private current: Generation | null = null;
  private generations = 0;
  private started = 0;
  private committed = 0;
  private readonly memo = new Map<string, Resolved | null>();
  private readonly maxLazyBytes: number;

  constructor(private readonly options: SnapshotOptions) {
    this.maxLazyBytes = options.maxLazyBytes ?? 64 * 1024 * 1024;
  }

  /** The model the current documents were rendered from; null before the first successful rebuild. */
  get model(): PublicModel | null {
    return this.current?.model ?? null;
  }

  get generation(): number {
    return this.current?.id ?? 0;
  }

  /** The route and cache key for a request target (`/path?query`), or null when no public route answers it. */
  resolve(target: string): Resolved | null {
    const known = this.memo.get(target);
    if (known !== undefined) return known;
    let resolved: Resolved | null = null;
    let url: URL | null = null;
    try {
      url = new URL(target, PARSE_BASE);
    } catch {
      url = null;
    }
    if (url) {
      for (const route of this.options.routes) {
        const key = route.match(url);
        if (key !== null) {
          resolved = { route, key, url };
          break;
        }
      }
    }
    // Bounded: a crawler inventing URLs must not grow memory without limit.
    if (this.memo.size >= RESOLVE_MEMO_LIMIT) this.memo.clear();
    this.memo.set(target, resolved);
    return resolved;
  }

  /**
   * The document for a resolved request: at once when cached, else a promise of rendering it from
   * the in-memory model (concurrent first requests share one render). Null before the first rebuild.
   */
  lookup(resolved: Resolved): SnapshotEntry | Promise<SnapshotEntry> | null {
    const gen = this.current;
    if (!gen) return null;
    const hit = gen.entries.get(resolved.key);
    if (hit) return hit;
    const pending = gen.pending.get(resolved.key);
    if (pending) return pending;
    const rendering = this.render(resolved.route, gen.model, resolved.url, resolved.key, gen.previous?.get(resolved.key)).finally(() => {
      gen.pending.delete(resolved.key);
    });
    gen.pending.set(
      resolved.key,
      rendering.then((entry) => {
        const size = entrySize(entry);
        if (gen.lazyBytes + size <= this.maxLazyBytes) {
          gen.entries.set(resolved.key, entry);
          gen.lazyBytes += size;
        }
        return entry;
      }),
    );
    return gen.pending.get(resolved.key)!;
  }

  /**
   * Loads a fresh model and renders every eager document, then swaps it in. On failure the last
   * good snapshot stays and the error is thrown to the caller. Rebuilds may overlap (one can hang on
   * a lost database): whichever started last wins.
   */
  async rebuild(): Promise<RebuildResult> {
    const seq = ++this.started;
    const model = await this.options.load();
    const previous = this.current?.entries ?? null;
    const entries = new Map<string, SnapshotEntry>();
    let unchanged = 0;
    for (const route of this.options.routes) {
      for (const key of route.eager ?? []) {
        // Rendering is synchronous; yielding between documents keeps requests flowing during a rebuild.
        await yieldToEventLoop();
        const before = previous?.get(key);
        const entry = await this.render(route, model, new URL(key, PARSE_BASE), key, before);
        if (entry === before) unchanged++;
        entries.set(key, entry);
      }
    }
    if (seq <= this.committed) return { generation: this.generation, committed: false, documents: entries.size, unchanged };
    this.committed = seq;
    this.current = { id: ++this.generations, model, entries, pending: new Map(), lazyBytes: 0, previous };
    return { generation: this.current.id, committed: true, documents: entries.size, unchanged };
  }

  private async render(route: PublicRoute, model: PublicModel, url: URL, key: string, reuse: SnapshotEntry | undefined): Promise<SnapshotEntry> {
    let doc: RenderedDocument;
    try {
      doc = route.render(model, url);
    } catch (err) {
      this.options.onRenderError?.(err, key);
      doc = { status: 500, contentType: 'text/plain; charset=utf-8', body: 'This page could not be rendered.\n' };
    }
    return buildEntry({ ...doc, cors: route.cors === true }, this.options.headers, reuse);
  }
}

function entrySize(entry: SnapshotEntry): number {
  return entry.identity.body.length + (entry.gzip?.body.length ?? 0) + (entry.br?.body.length ?? 0);
}
