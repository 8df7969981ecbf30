// Text that came from outside (a peer's bytes, an imported document's names)
// made safe to store, show and print: control and invisible formatting
// characters escaped, so nothing can move a terminal's cursor, recolour it,
// reorder a line (bidi overrides) or hide text; and peer excerpts bounded.

/** Controls (C0, DEL, C1), zero-width and bidi formatting characters, line/paragraph separators, BOM, lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character written as an escape (`\x1b`, `\u202e`); all else unchanged. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** The longest an excerpt of peer material may be in a reason or a result's detail. */
export const PEER_EXCERPT_MAX = 200;

/**
 * A short, printable excerpt of what a peer sent: decoded as UTF-8 by the caller, escaped, and cut
 * at `max` characters (escapes counted as written, never split) with "…" when cut.
 */
export function peerExcerpt(text: string, max = PEER_EXCERPT_MAX): string {
  let out = '';
  // Every piece shows as at least as many characters as it has, so max + 2 of them always reach the cut:
  // a megabyte of body costs no more than a short one.
  for (const piece of text.slice(0, max + 2).match(/[\ud800-\udbff][\udc00-\udfff]|[^]/g) ?? []) {
    const shown = piece.replace(UNSAFE, escapeOne);
    if (out.length + shown.length > max) return `${out}…`;
    out += shown;
  }
  return out;
}
