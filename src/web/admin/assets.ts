// The web app's own CSS and JavaScript, read once at start from the files
// beside this module (copied next to the build by scripts/copy-assets.mjs),
// compressed once, and served under a content hash so browsers keep them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export interface Asset {
  name: string;
  type: string;
  bytes: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface AssetSet {
  /** By file name (`admin.css`). */
  byName: Map<string, Asset>;
  /** One hash over every asset: the `?v=` of their URLs, so a new build is fetched fresh. */
  version: string;
  /** The URL a page links to. */
  url(name: string): string;
}

export function loadAssets(dir: URL = new URL('./assets/', import.meta.url)): AssetSet {
  const byName = new Map<string, Asset>();
  const all = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const ext = name.slice(name.lastIndexOf('.'));
    const type = TYPES[ext];
    if (!type) continue;
    const bytes = readFileSync(new URL(name, dir));
    const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
    all.update(name).update(hash);
    byName.set(name, { name, type, bytes, gzip: gzipSync(bytes, { level: 9 }), br: brotliCompressSync(bytes), etag: `"${hash}"` });
  }
  const version = all.digest('base64url').slice(0, 12);
  return {
    byName,
    version,
    url: (name) => {
      if (!byName.has(name)) throw new Error(`no admin asset named ${name}`);
      return `/admin/assets/${name}?v=${version}`;
    },
  };
}

/** The page's scripts, each an independent module (no imports between them, so the `?v=` URLs hold). */
export const SCRIPTS = ['admin.js'] as const;
