// The layer table of ARCHITECTURE.md as data, read by eslint (the `vigil/layers` rule: each import
// may only reach the layers its folder's row allows) and by scripts/check-cycles.mjs. Change the
// table there and here together.
import { dirname, relative, resolve, sep } from 'node:path';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Which layers each layer's code may import (besides its own folder). `lib/` is open to everyone. */
export const MAY_IMPORT = {
  domain: [],
  lib: [],
  store: ['domain', 'lib'],
  outbound: ['domain', 'lib'],
  services: ['domain', 'lib', 'store', 'outbound'],
  // The engine's top-level files read and write results, leases and pending marks at volume through store/.
  engine: ['domain', 'lib', 'services', 'outbound'],
  'engine (top level)': ['domain', 'lib', 'services', 'outbound', 'store'],
  // The notification worker claims and settles deliveries at volume through store/, like the engine.
  notify: ['domain', 'lib', 'services', 'outbound', 'store'],
  web: ['domain', 'lib', 'services', 'outbound'],
  config: ['domain', 'lib', 'services'],
  server: '*',
  cli: '*',
  test: '*',
  bench: '*',
};

export const isTestFile = (path) => /\.test(-support)?\.[jt]s$/.test(path) || path.split('/').includes('fixtures');

/** The layer a repository path (`src/web/route.ts`) belongs to; tests form one layer wherever they sit. */
export function layerOf(path) {
  const parts = path.split(sep).join('/').split('/');
  if (parts[0] === 'bench') return 'bench';
  if (parts[0] !== 'src' || parts.length < 3) return null;
  if (isTestFile(path)) return 'test';
  if (parts[1] === 'engine' && parts.length === 3) return 'engine (top level)';
  return parts[1];
}

/** The folder layer an import lands in (`engine`, whatever file of it). */
function targetLayer(path) {
  const parts = path.split(sep).join('/').split('/');
  return parts[0] === 'src' && parts.length >= 3 ? parts[1] : null;
}

/** Why `file` may not import `specifier`, or null when it may. Paths are relative to the repository root. */
export function importProblem(file, specifier) {
  if (!specifier.startsWith('.')) return null;
  // Sources import `./x.js`; the file is `x.ts`.
  const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join('/').replace(/\.js$/, '.ts');
  if (!isTestFile(file) && isTestFile(target)) return `${target} is test-only code (.test-support.ts, fixtures/); only tests may import it`;
  const from = layerOf(file);
  const to = targetLayer(target);
  if (!from || !to || from === to || (from === 'engine (top level)' && to === 'engine')) return null;
  const allowed = MAY_IMPORT[from];
  if (allowed === '*' || allowed === undefined || allowed.includes(to)) return null;
  return `${from}/ may import ${allowed.length ? allowed.join(', ') : 'nothing outside itself'}, not ${to}/ (${target}); see the layer table in ARCHITECTURE.md`;
}

/** The eslint plugin: `vigil/layers` reports every import its folder's row does not allow. */
export const layersPlugin = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [], docs: { description: 'imports follow the layer table of ARCHITECTURE.md' } },
      create(context) {
        const file = relative(ROOT, context.filename);
        const check = (source) => {
          if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
          const problem = importProblem(file, source.value);
          if (problem) context.report({ node: source, message: problem });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
        };
      },
    },
  },
};
