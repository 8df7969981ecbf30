// Test support for the round-trip suites: what Vigil serves at /api/v2/<name>.json,
// and where two JSON documents differ (values, and for objects their keys and key order).
import type { ServiceContext } from '../context.js';
import { loadPublicModel } from '../public/loadPublicModel.js';
import { v2Routes } from '../../web/public/v2/index.js';

export interface Difference {
  path: string;
  imported: unknown;
  served: unknown;
}

/** Every place where `b` differs from `a`: values, and for objects the keys and their order. */
export function differences(a: unknown, b: unknown, path = ''): Difference[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.join() !== Object.keys(b).join()) return [{ path: `${path} (keys)`, imported: keys, served: Object.keys(b) }];
    // A list of component changes is compared whole: its order is part of what is compared.
    return keys.flatMap((k) => (k === 'affected_components' ? whole : differences)(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return whole(a, b, path);
}

function whole(a: unknown, b: unknown, path: string): Difference[] {
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, imported: a, served: b }];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What Vigil serves at /api/v2/<name>.json, from the database as it is now. */
export async function served(ctx: ServiceContext, name: string): Promise<any> {
  const model = await loadPublicModel(ctx, { publicUrl: 'http://vigil.invalid' });
  const url = new URL(`http://vigil.invalid/api/v2/${name}.json`);
  const route = v2Routes.find((r) => r.match(url) !== null);
  if (!route) throw new Error(`no v2 document /api/v2/${name}.json`);
  return JSON.parse(route.render(model, url).body);
}
