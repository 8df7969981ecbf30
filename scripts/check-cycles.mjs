#!/usr/bin/env node
// Fails when the imports under src/ go round in a circle: between files (any import, types included,
// since a type cycle is still two modules that cannot be understood apart), or between layers
// (the folders of ARCHITECTURE.md's table, tests counted as one layer of their own). Part of `npm run check`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { layerOf, ROOT } from './layers.mjs';

function importGraph() {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join('src', f));
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(ROOT, resolve(ROOT, dirname(file), name)).replace(/\.js$/, '.ts'))
      .filter((target) => known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one member: each is at least one cycle. */
function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function layerGraph(files) {
  const layers = new Map();
  const why = new Map();
  for (const [file, targets] of files) {
    const from = layerOf(file)?.replace(' (top level)', '');
    for (const target of targets) {
      const to = layerOf(target)?.replace(' (top level)', '');
      if (!from || !to || from === to) continue;
      if (!layers.has(from)) layers.set(from, new Set());
      layers.get(from).add(to);
      if (!why.has(`${from}>${to}`)) why.set(`${from}>${to}`, `${file} → ${target}`);
    }
  }
  return { graph: new Map([...layers].map(([k, v]) => [k, [...v]])), why };
}

const files = importGraph();
const problems = [];
for (const cycle of cycles(files)) problems.push(`files import each other: ${cycle.join(', ')}`);
const layers = layerGraph(files);
for (const cycle of cycles(layers.graph)) {
  const edges = cycle.flatMap((a) => cycle.map((b) => layers.why.get(`${a}>${b}`)).filter(Boolean));
  problems.push(`layers import each other: ${cycle.join(', ')} (${edges.join('; ')})`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(`check-cycles: ${p}`);
  process.exit(1);
}
console.log(`check-cycles: no import cycles among ${files.size} files`);
