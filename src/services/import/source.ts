// Where an import's document comes from: a file, or a live page's public API.
// A page's root URL (https://status.example.com) means its summary.json.
import { createReadStream } from 'node:fs';
import { BoundedGetError, boundedGet } from '../../outbound/bounded-get.js';
import type { OutboundGuard } from '../../outbound/guard.js';

/** Real summary.json files of large pages are a few MB; anything far beyond is not one. */
const MAX_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

export class ImportSourceError extends Error {
  override name = 'ImportSourceError';
}

export interface SourceText {
  /** The file as given, or the URL actually fetched. */
  source: string;
  text: string;
}

export function isUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/** `https://status.example.com` and `…/api/v2` mean `…/api/v2/summary.json`; other URLs are used as given. */
export function documentUrl(arg: string): URL {
  if (!URL.canParse(arg)) throw new ImportSourceError(`not a valid URL: ${arg}`);
  const url = new URL(arg);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/api/v2/summary.json';
  else if (/\/api\/v2\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/?$/, '/summary.json');
  return url;
}

export interface SourceOptions {
  /** The strict outbound policy: a URL and every redirect it takes are checked by it. */
  guard: OutboundGuard;
  /** The largest document read, from a URL or a file (VIGIL_IMPORT_MAX_BYTES, 50 MB by default). */
  maxBytes?: number;
  timeoutMs?: number;
}

export async function readSource(arg: string, options: SourceOptions): Promise<SourceText> {
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  return isUrl(arg) ? fetchDocument(documentUrl(arg), options.guard, maxBytes, options.timeoutMs ?? TIMEOUT_MS) : readDocumentFile(arg, maxBytes);
}

async function readDocumentFile(path: string, maxBytes: number): Promise<SourceText> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Streamed with the same cap as a URL: a path may name a device or a growing file.
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new ImportSourceError(`cannot read ${path}: the document is larger than the limit of ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof ImportSourceError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new ImportSourceError(`cannot read ${path}: ${why}`);
  }
  return { source: path, text: Buffer.concat(chunks, size).toString('utf8') };
}

async function fetchDocument(url: URL, guard: OutboundGuard, maxBytes: number, timeoutMs: number): Promise<SourceText> {
  try {
    const { body } = await boundedGet(url, { guard, maxBytes, maxRedirects: MAX_REDIRECTS, timeoutMs, headers: { accept: 'application/json' } });
    return { source: url.toString(), text: body.toString('utf8') };
  } catch (err) {
    if (err instanceof BoundedGetError) throw new ImportSourceError(err.message);
    throw err;
  }
}
