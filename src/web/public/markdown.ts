// Markdown from incident and maintenance updates → HTML that is safe to put in
// a public page or feed. Bodies are Markdown, and may hold the HTML Statuspage
// bodies carry (`<br />`, `<strong>`, `<a href>`): marked renders them, raw
// HTML is kept only for known formatting tags — any other tag is shown as the
// text it is (a body saying "<Foo> is down" shows exactly that; a <script> is
// just text) — then sanitize-html keeps only an allowlist of tags, attributes
// and link schemes, so no script, style, handler or javascript: URL survives.
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'strong', 'em', 'b', 'i', 'del', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Links written by operators point elsewhere: no referrer, no ranking credit.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }) },
};

/**
 * Tags a body may write as HTML: the allowlist, plus `<h1>` (kept as a lower
 * heading) and harmless formatting the sanitizer reduces to its text (`<div>`,
 * `<span>`, `<u>`). Anything
 * else (script, style, iframe, img, svg, form, unknown names) stays visible as
 * written, escaped, rather than vanishing with its text.
 */
const KNOWN_TAGS = new Set([
  ...(SANITIZE.allowedTags as string[]),
  'h1', 'div', 'span', 'u', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'cite', 'q', 'dl', 'dt', 'dd', 'center', 'font', 'caption', 'tfoot',
]);
const RAW_TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * Raw HTML from a body: known tags pass to the sanitizer, comments go, other
 * tags become text; headings are kept below `minDepth` as Markdown ones are.
 * `flatten` (the feeds' one-paragraph form) turns block tags into the same
 * breaks, bullets and bold the inline Markdown gets.
 */
function rawHtml(text: string, minDepth: number, flatten: boolean): string {
  return text.replace(RAW_TAG, (tag, close: string | undefined, name: string | undefined) => {
    if (name === undefined) return '';
    const lower = name.toLowerCase();
    if (!KNOWN_TAGS.has(lower)) return escapeHtml(tag);
    const heading = /^h([1-6])$/.exec(lower);
    if (!flatten) return heading ? `<${close}h${Math.max(minDepth, Number(heading[1]))}>` : tag;
    if (heading) return close ? '</strong><br />' : '<strong>';
    if (lower === 'li') return close ? '<br />' : '• ';
    if (lower === 'hr') return '<br />';
    if (/^(p|div|blockquote|pre|tr|dt|dd|table)$/.test(lower)) return close ? '<br />' : '';
    if (/^(ul|ol|dl|thead|tbody|tfoot|caption)$/.test(lower)) return '';
    if (lower === 'td' || lower === 'th') return close ? ' ' : '';
    return tag;
  });
}

/** A renderer whose headings never go above `minDepth`, so a body cannot outrank the page's own headings. */
function markedFor(minDepth: number, flatten = false): Marked {
  return new Marked({
    gfm: true,
    breaks: true,
    async: false,
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => rawHtml(text, minDepth, flatten),
      // Images would load third-party content into the page; show them as links.
      image({ href, text }: Tokens.Image) {
        return `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`;
      },
      heading(this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } }, { tokens, depth }: Tokens.Heading) {
        const level = Math.min(6, Math.max(minDepth, depth));
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
    },
  });
}

/**
 * Every snapshot rebuild renders the same bodies again, and parsing plus
 * sanitizing costs far more than a lookup: results are kept, up to a budget of
 * characters, after which the cache starts over (bodies change rarely).
 */
const CACHE_BUDGET = 4_000_000;
const cache = new Map<string, string>();
let cachedChars = 0;

function memo(key: string, render: () => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = render();
  if (cachedChars + key.length + out.length > CACHE_BUDGET) {
    cache.clear();
    cachedChars = 0;
  }
  cache.set(key, out);
  cachedChars += key.length + out.length;
  return out;
}

const byDepth = new Map<number, Marked>();

/** Block Markdown → sanitized HTML; headings start at `<h{minHeading}>` (default 4: bodies sit under an h3). */
export function renderMarkdown(source: string, options: { minHeading?: number } = {}): string {
  const depth = Math.min(6, Math.max(2, options.minHeading ?? 4));
  return memo(`b${depth}:${source}`, () => {
    let marked = byDepth.get(depth);
    if (!marked) byDepth.set(depth, (marked = markedFor(depth)));
    return sanitizeHtml(marked.parse(source, { async: false }), SANITIZE).trim();
  });
}

const inlineMarked = markedFor(6, true);

/**
 * Markdown as a run of inline HTML, the way Statuspage's feeds carry update
 * bodies: lines joined by `<br />`, paragraphs by `<br /><br />`, headings as
 * bold text, list items as bullets — so each update stays one `<p>` in the feed.
 */
export function renderMarkdownInline(source: string): string {
  return memo(`i:${source}`, () => inline(source));
}

function inline(source: string): string {
  const paragraphs = source
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => {
          const heading = /^#{1,6}\s+(.*)$/.exec(line);
          const bullet = /^[*+-]\s+(.*)$/.exec(line);
          const html = inlineMarked.parseInline(heading?.[1] ?? bullet?.[1] ?? line, { async: false });
          return heading ? `<strong>${html}</strong>` : bullet ? `• ${html}` : html;
        })
        .join('<br />'),
    )
    .filter((p) => p !== '');
  const html = sanitizeHtml(paragraphs.join('<br /><br />'), { ...SANITIZE, allowedTags: ['br', 'strong', 'em', 'b', 'i', 'del', 's', 'code', 'a'] });
  // Block tags flattened to breaks can leave runs of them: at most a paragraph's two, none at the ends.
  return html.replace(/(?:<br \/>\s*){3,}/g, '<br /><br />').replace(/^(?:<br \/>\s*)+|(?:\s*<br \/>)+$/g, '');
}
