// Test support: validates what the statuspage.js client returns against that
// client's own TypeScript declarations, read with the TypeScript compiler from
// its package (not copied here): every declared field present unless optional,
// and of the declared type — `Date` meaning the client's reviver recognised the
// timestamp, string-literal unions meaning the value is one of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * Values Statuspage documents and serves that the client's unions leave out:
 * the "maintenance" indicator and impact, "under_maintenance" components, and
 * maintenance statuses (its ScheduledMaintenance reuses IncidentStatus).
 */
export const CLIENT_TYPE_GAPS: Record<string, string[]> = {
  Indicator: ['maintenance'],
  ComponentStatus: ['under_maintenance'],
  IncidentStatus: ['scheduled', 'in_progress', 'verifying', 'completed'],
};

interface Declarations {
  interfaces: Map<string, { bases: string[]; props: Map<string, { optional: boolean; type: ts.TypeNode }> }>;
  aliases: Map<string, ts.TypeNode>;
}

export function loadClientDeclarations(): Declarations {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('statuspage.js')), 'lib.d.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const decls: Declarations = { interfaces: new Map(), aliases: new Map() };
  for (const node of source.statements) {
    if (ts.isTypeAliasDeclaration(node)) decls.aliases.set(node.name.text, node.type);
    if (ts.isInterfaceDeclaration(node)) {
      const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
      const props = new Map<string, { optional: boolean; type: ts.TypeNode }>();
      for (const m of node.members) {
        if (ts.isPropertySignature(m) && m.type) props.set(m.name.getText(source), { optional: m.questionToken !== undefined, type: m.type });
      }
      decls.interfaces.set(node.name.text, { bases, props });
    }
  }
  return decls;
}

/** Every way `value` fails to be a `typeName` as the client declares it (empty: it is one). */
export function clientTypeErrors(decls: Declarations, typeName: string, value: unknown, where = typeName): string[] {
  const errors: string[] = [];
  checkNamed(decls, typeName, value, where, errors);
  return errors;
}

function checkNamed(decls: Declarations, name: string, value: unknown, where: string, errors: string[]): void {
  if (name === 'Date') {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) errors.push(`${where}: not a Date the client recognised (${JSON.stringify(value)})`);
    return;
  }
  if (name === 'String') {
    if (typeof value !== 'string') errors.push(`${where}: not a string`);
    return;
  }
  const alias = decls.aliases.get(name);
  if (alias) {
    const extra = CLIENT_TYPE_GAPS[name] ?? [];
    if (typeof value === 'string' && extra.includes(value)) return;
    check(decls, alias, value, where, errors);
    return;
  }
  const iface = decls.interfaces.get(name);
  if (!iface) throw new Error(`statuspage.js declares no type ${name}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${where}: not an object`);
    return;
  }
  for (const base of iface.bases) checkNamed(decls, base, value, where, errors);
  for (const [prop, { optional, type }] of iface.props) {
    if (!Object.hasOwn(value, prop)) {
      if (!optional) errors.push(`${where}.${prop}: missing`);
      continue;
    }
    check(decls, type, (value as Record<string, unknown>)[prop], `${where}.${prop}`, errors);
  }
}

function check(decls: Declarations, type: ts.TypeNode, value: unknown, where: string, errors: string[]): void {
  if (ts.isUnionTypeNode(type)) {
    const attempts = type.types.map((t) => {
      const e: string[] = [];
      check(decls, t, value, where, e);
      return e;
    });
    if (!attempts.some((e) => e.length === 0)) errors.push(`${where}: ${JSON.stringify(value)} is none of ${type.getText()}`);
    return;
  }
  if (ts.isLiteralTypeNode(type)) {
    const lit = type.literal;
    const ok = lit.kind === ts.SyntaxKind.NullKeyword ? value === null : ts.isStringLiteral(lit) ? value === lit.text : false;
    if (!ok) errors.push(`${where}: ${JSON.stringify(value)} is not ${type.getText()}`);
    return;
  }
  if (ts.isArrayTypeNode(type)) {
    if (!Array.isArray(value)) errors.push(`${where}: not an array`);
    else value.forEach((v, i) => check(decls, type.elementType, v, `${where}[${i}]`, errors));
    return;
  }
  if (ts.isTypeReferenceNode(type)) return checkNamed(decls, type.typeName.getText(), value, where, errors);
  const primitive: Partial<Record<ts.SyntaxKind, string>> = {
    [ts.SyntaxKind.StringKeyword]: 'string',
    [ts.SyntaxKind.NumberKeyword]: 'number',
    [ts.SyntaxKind.BooleanKeyword]: 'boolean',
  };
  const expected = primitive[type.kind];
  if (!expected) throw new Error(`${where}: unsupported declared type ${type.getText()}`);
  if (typeof value !== expected) errors.push(`${where}: ${JSON.stringify(value)} is not a ${expected}`);
}
