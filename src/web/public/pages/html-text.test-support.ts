// Test support: small readers of rendered HTML for renderer tests (the browser tests check
// the real DOM): visible text in document order, and every start tag.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** The text a reader sees, whitespace collapsed; <style> and <head> left out. */
export function visibleText(markup: string): string {
  return markup
    .replace(/<head>[\s\S]*?<\/head>/i, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? m)
    .replace(/\s+/g, ' ')
    .replace(/ ([,.])/g, '$1')
    .trim();
}

/** Every start tag, e.g. `<a href="/x">`. */
export function startTags(markup: string): string[] {
  return markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

/** Tags or attributes that would run script: <script> and friends, on*= handlers, javascript:/data:/vbscript: URLs. */
export function executableMarkup(markup: string): string[] {
  return startTags(markup).filter((tag) => {
    const name = /^<([a-zA-Z][\w-]*)/.exec(tag)![1]!.toLowerCase();
    if (DANGEROUS_TAGS.has(name)) return true;
    // Attributes parsed properly, so an escaped "onerror=" inside a quoted value is not mistaken for one.
    for (const m of tag.matchAll(/\s([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)) {
      const attr = m[1]!.toLowerCase();
      // eslint-disable-next-line no-control-regex -- browsers ignore control characters inside a URL scheme
      const value = decode((m[2] ?? '').replace(/^["']|["']$/g, '')).replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (attr.startsWith('on')) return true;
      if (URL_ATTRS.has(attr) && /^(javascript|data|vbscript):/.test(value)) return true;
      if (name === 'meta' && attr === 'http-equiv' && value === 'refresh') return true;
    }
    return false;
  });
}

const DANGEROUS_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'base']);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'poster', 'background']);

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(\w+);/g, (m, n: string) => ENTITIES[n] ?? m);
}
