// A small JSONPath subset for HTTP assertions: `$`, `.name`, `['name']`, `[0]`.
// Deliberately no filters or wildcards: an assertion names one value.

export type JsonPathSegment = string | number;

/** Parses `$.a.b[0]['c d']`; throws an Error whose message says what is wrong. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  if (!path.startsWith('$')) throw new Error('must start with $');
  const segments: JsonPathSegment[] = [];
  const token = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let at = 1;
  while (at < path.length) {
    token.lastIndex = at;
    const m = token.exec(path);
    if (!m) throw new Error(`unexpected "${path.slice(at, at + 10)}" at position ${at}`);
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push((m[3] ?? m[4]!).replace(/\\(.)/g, '$1'));
    at = token.lastIndex;
  }
  return segments;
}

/** The value at `segments`, or `undefined` when the path does not exist. */
export function readJsonPath(value: unknown, segments: readonly JsonPathSegment[]): unknown {
  let current = value;
  for (const s of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof s === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[s];
    } else {
      if (Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, s)) return undefined;
      current = (current as Record<string, unknown>)[s];
    }
  }
  return current;
}
