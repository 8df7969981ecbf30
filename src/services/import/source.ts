// Where an import's document comes from: a file, or a live page's public API.
// A page's root URL (https://status.example.com) means its summary.json.
import { readFile } from 'node:fs/promises';

/** Real summary.json files of large pages are a few MB; anything far beyond is not one. */
const MAX_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

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

export async function readSource(arg: string, options: { timeoutMs?: number } = {}): Promise<SourceText> {
  return isUrl(arg) ? fetchDocument(documentUrl(arg), options.timeoutMs ?? TIMEOUT_MS) : readDocumentFile(arg);
}

async function readDocumentFile(path: string): Promise<SourceText> {
  try {
    return { source: path, text: await readFile(path, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new ImportSourceError(`cannot read ${path}: ${why}`);
  }
}

async function fetchDocument(url: URL, timeoutMs: number): Promise<SourceText> {
  const source = url.toString();
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new ImportSourceError(`cannot fetch ${source}: ${why}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ImportSourceError(`GET ${source} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) {
    await response.body?.cancel();
    throw new ImportSourceError(`GET ${source}: the document is ${length} bytes, more than the ${MAX_BYTES} a Statuspage document can be`);
  }
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new ImportSourceError(`GET ${source}: the document is larger than ${MAX_BYTES} bytes`);
  return { source, text };
}
