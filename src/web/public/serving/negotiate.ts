// Content-coding negotiation and conditional requests for the snapshot's
// fast path. Browsers send a handful of distinct Accept-Encoding values, so
// parsed results are memoised.
import type { IncomingMessage } from 'node:http';

export interface Acceptable {
  br: boolean;
  gzip: boolean;
}

const NOTHING: Acceptable = { br: false, gzip: false };
const MEMO_LIMIT = 256;
const memo = new Map<string, Acceptable>();

/** Which codings the client accepts (q > 0), per RFC 9110 §12.5.3; `*` stands for any coding not listed. */
export function acceptedEncodings(header: string | string[] | undefined): Acceptable {
  if (header === undefined) return NOTHING;
  const value = Array.isArray(header) ? header.join(',') : header;
  let result = memo.get(value);
  if (result) return result;
  result = parseAcceptEncoding(value);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(value, result);
  return result;
}

function parseAcceptEncoding(value: string): Acceptable {
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [nameRaw, ...params] = part.split(';');
    const name = nameRaw?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const star = q.get('*');
  const accepts = (name: string, alias?: string) => {
    const w = q.get(name) ?? (alias ? q.get(alias) : undefined) ?? star;
    return w !== undefined && w > 0;
  };
  return { br: accepts('br'), gzip: accepts('gzip', 'x-gzip') };
}

/**
 * True when `If-None-Match` names the document's current bytes. Weak comparison (RFC 9110 §13.1.2),
 * and any coding's tag counts: `"h-br"` and `"h"` describe the same content.
 */
export function etagMatches(header: string | undefined, hash: string): boolean {
  if (header === undefined) return false;
  if (!header.includes(hash)) return header.trim() === '*';
  for (const part of header.split(',')) {
    let tag = part.trim();
    if (tag.startsWith('W/')) tag = tag.slice(2);
    if (tag.length < 2 || !tag.startsWith('"') || !tag.endsWith('"')) continue;
    tag = tag.slice(1, -1);
    if (tag === hash || tag === `${hash}-br` || tag === `${hash}-gz`) return true;
  }
  return false;
}

/**
 * A request header (lower-case `name`), repeated ones joined with ", " as `req.headers` does. Read
 * from the raw list because building `req.headers` costs a fair share of answering from memory.
 */
export function rawHeader(req: Pick<IncomingMessage, 'rawHeaders'>, name: string): string | undefined {
  const raw = req.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const n = raw[i]!;
    if (n.length === name.length && n.toLowerCase() === name) value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}
