// The public snapshot: the current PublicModel and the public documents
// rendered from it, as bytes ready to send (docs/adr/0008). A rebuild loads a
// fresh model and, before swapping it in, renders again the documents that
// were in demand (in the codings they were asked for); any other document is
// rendered from the in-memory model on its first request and kept until the
// next rebuild. So a document nobody asks for between two changes costs
// nothing, and a busy one never makes its requests wait. Serving never
// touches the database.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PublicModel } from '../../services/public/model.js';
import { SnapshotEntry, type HeaderPolicy } from './snapshot-entry.js';
import type { PublicRoute, RenderedDocument } from './types.js';

export { SnapshotEntry };

export interface SnapshotOptions {
  routes: readonly PublicRoute[];
  load(): Promise<PublicModel>;
  headers: HeaderPolicy;
  /** Bytes of documents kept per snapshot (each counted with room for its compressed forms); past it, documents are rendered per request. */
  maxBytes?: number;
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
}

interface Cached {
  entry: SnapshotEntry;
  resolved: Resolved;
  /** Requests it answered in this generation. */
  hits: number;
}

interface Generation {
  id: number;
  model: PublicModel;
  docs: Map<string, Cached>;
  bytes: number;
  /** The previous generation's documents, to reuse compressed bytes that did not change. */
  previous: Map<string, Cached> | null;
}

const PARSE_BASE = 'http://localhost';
const RESOLVE_MEMO_LIMIT = 10_000;
/** A document asked for this often since the last rebuild is rendered again by the next one, before the swap. */
const WARM_MIN_HITS = 2;
/** At most this many, the most requested first: a crawler's visits must not make every rebuild render the whole site. */
const WARM_MAX_DOCUMENTS = 16;

export class PublicSnapshot {
  private current: Generation | null = null;
  private generations = 0;
  private started = 0;
  private committed = 0;
  private readonly memo = new Map<string, Resolved | null>();
  private readonly maxBytes: number;

  constructor(private readonly options: SnapshotOptions) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
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
   * The document for a resolved request, rendered now from the in-memory model if this snapshot has
   * not rendered it yet. Null before the first rebuild.
   */
  lookup(resolved: Resolved): SnapshotEntry | null {
    const gen = this.current;
    if (!gen) return null;
    const cached = gen.docs.get(resolved.key);
    if (cached) {
      cached.hits++;
      return cached.entry;
    }
    const entry = this.render(resolved, gen.model, gen.previous?.get(resolved.key)?.entry);
    this.keep(gen, resolved, entry, 1);
    return entry;
  }

  /**
   * Loads a fresh model, renders the documents in demand from it, and swaps it in. On failure the
   * last good snapshot stays and the error is thrown to the caller. Rebuilds may overlap (one can
   * hang on a lost database): whichever started last wins.
   */
  async rebuild(): Promise<RebuildResult> {
    const seq = ++this.started;
    const model = await this.options.load();
    if (seq <= this.committed) return { generation: this.generation, committed: false };
    const before = this.current;
    // The previous snapshot's documents: one whose bytes come out the same keeps its compressed forms.
    const next: Generation = { id: 0, model, docs: new Map(), bytes: 0, previous: before?.docs ?? null };
    if (before) await this.warm(before, next);
    if (seq <= this.committed) return { generation: this.generation, committed: false };
    this.committed = seq;
    next.id = ++this.generations;
    this.current = next;
    return { generation: next.id, committed: true };
  }

  /** Renders `to`'s versions of the documents most in demand in `from`, and compresses them as they were asked for. */
  private async warm(from: Generation, to: Generation): Promise<void> {
    const hot = [...from.docs.values()]
      .filter((c) => c.hits >= WARM_MIN_HITS)
      .sort((a, b) => b.hits - a.hits)
      .slice(0, WARM_MAX_DOCUMENTS);
    const compressing: Promise<unknown>[] = [];
    for (const { resolved, entry: old } of hot) {
      // Rendering is synchronous; yielding between documents keeps requests flowing meanwhile.
      await yieldToEventLoop();
      const entry = this.render(resolved, to.model, old);
      this.keep(to, resolved, entry, 0);
      for (const coding of old.demanded) {
        const found = entry.encoded(coding);
        if (found instanceof Promise) compressing.push(found);
      }
    }
    await Promise.all(compressing);
  }

  private keep(gen: Generation, resolved: Resolved, entry: SnapshotEntry, hits: number): void {
    if (gen.bytes + entry.maxSize > this.maxBytes) return;
    gen.docs.set(resolved.key, { entry, resolved, hits });
    gen.bytes += entry.maxSize;
  }

  private render({ route, url, key }: Resolved, model: PublicModel, reuse: SnapshotEntry | undefined): SnapshotEntry {
    let doc: RenderedDocument;
    try {
      doc = route.render(model, url);
    } catch (err) {
      this.options.onRenderError?.(err, key);
      doc = { status: 500, contentType: 'text/plain; charset=utf-8', body: 'This page could not be rendered.\n' };
    }
    return SnapshotEntry.build({ ...doc, cors: route.cors === true }, this.options.headers, reuse);
  }
}
