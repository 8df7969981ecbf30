// Reads vigil.yaml: YAML text in, a validated config out, and every problem
// reported as `<file>:<line>: <path>: <message>` so the operator can jump to
// it. The document's node positions are kept so problems found later (against
// the database, by services/config/applyConfig.ts) can name their line too.
// Reading and parsing stop here: the service takes the parsed file.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigFileError, type ConfigProblem, type LoadedConfig } from '../services/config/config-file.js';
import { CONFIG_SECTIONS, vigilConfig } from '../services/config/schemas.js';

/** `['components', 1, 'status']` → `components[1].status`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export async function loadVigilYaml(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ConfigFileError(file, [{ path: '', message: `cannot read the file: ${reason}` }]);
  }
  return parseVigilYaml(text, file);
}

export function parseVigilYaml(text: string, file: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigFileError(
      file,
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { path: '', message: e.message, line, column: col };
      }),
    );
  }

  const lines = new Map<string, number>();
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  indexLines(doc.contents, '', lines, lineAt);
  const lineOf = (path: string): number | undefined => {
    for (let p = path; ; p = parentPath(p)) {
      const line = lines.get(p);
      if (line !== undefined) return line;
      if (p === '') return undefined;
    }
  };
  const problem = (path: string, message: string): ConfigProblem => ({ path, message, line: lineOf(path) ?? 1 });

  // An empty file (or one with only comments) declares nothing and manages nothing.
  const raw: unknown = doc.contents === null ? {} : doc.toJS();
  const result = vigilConfig.safeParse(raw);
  if (!result.success) {
    const problems: ConfigProblem[] = [];
    for (const issue of result.error.issues) {
      const base = formatPath(issue.path);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const message = base === '' ? `unknown section (expected one of ${CONFIG_SECTIONS.join(', ')})` : 'unknown field';
          problems.push(problem(base === '' ? key : `${base}.${key}`, message));
        }
      } else if (issue.code === 'invalid_type' && !isPresent(raw, issue.path)) {
        problems.push(problem(base, 'is required'));
      } else {
        const related = (issue as { params?: { related?: PropertyKey[] } }).params?.related;
        const relatedLine = related ? lineOf(formatPath(related)) : undefined;
        const suffix = relatedLine !== undefined ? ` (first defined at line ${relatedLine})` : '';
        problems.push(problem(base, `${issue.message}${suffix}`));
      }
    }
    throw new ConfigFileError(file, sortByLine(problems));
  }
  return { file, config: result.data, lineOf, problem };
}

/** Whether the document has a value at `path` (zod v4 issues do not carry the input). */
function isPresent(root: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return false;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node !== undefined;
}

function sortByLine(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i).map(({ p }) => p);
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/** Records the line where each path's node begins: a map entry's key, a list item's first token. */
function indexLines(node: unknown, path: string, lines: Map<string, number>, lineAt: (offset: number | undefined) => number | undefined) {
  if (!lines.has(path)) {
    const line = lineAt((node as Node | null)?.range?.[0]);
    if (line !== undefined) lines.set(path, line);
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const childPath = path === '' ? String(pair.key.value) : `${path}.${String(pair.key.value)}`;
      const line = lineAt(pair.key.range?.[0]);
      if (line !== undefined) lines.set(childPath, line);
      indexLines(pair.value, childPath, lines, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => indexLines(item, `${path}[${i}]`, lines, lineAt));
  }
}
