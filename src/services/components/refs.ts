// Components and component groups are named in the admin API by their id or by the key vigil.yaml
// gave them (`billing-api`). Every service that takes one resolves it here, inside its transaction,
// and works with ids from then on; answers always name ids. An id wins over a key equal to it.
import type { Kysely } from 'kysely';
import { notFound, validationError, type FieldIssue } from '../../domain/errors.js';
import { groupsByIdOrKey } from '../../store/component-groups.js';
import { componentsByIdOrKey } from '../../store/components.js';
import type { DB } from '../../store/schema.js';

type Db = Kysely<DB>;
type Kind = 'component' | 'component group';
type Lookup = (db: Db, refs: readonly string[]) => Promise<{ id: string; key: string | null }[]>;

const LOOKUP: Record<Kind, Lookup> = { component: componentsByIdOrKey, 'component group': groupsByIdOrKey };

/** Refs resolved in one query; each field read through it adds its problems, `check()` throws them all at once. */
export class Refs {
  private readonly issues: FieldIssue[] = [];

  private constructor(
    private readonly kind: Kind,
    private readonly ids: Set<string>,
    private readonly keys: Map<string, string>,
  ) {}

  static async load(db: Db, kind: Kind, refs: Iterable<string>): Promise<Refs> {
    const wanted = [...new Set(refs)];
    const rows = wanted.length === 0 ? [] : await LOOKUP[kind](db, wanted);
    return new Refs(kind, new Set(rows.map((r) => r.id)), new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, r.id])));
  }

  /** The id `ref` names, or undefined. */
  idOf(ref: string): string | undefined {
    return this.ids.has(ref) ? ref : this.keys.get(ref);
  }

  private unknown(path: string, ref: string): void {
    this.issues.push({ path, message: `no ${this.kind} with id or key "${ref}"` });
  }

  /** One field (`component_id`, `group_id`); null and undefined pass through. */
  one<R extends string | null | undefined>(ref: R, field: string): R {
    if (ref === null || ref === undefined) return ref;
    const id = this.idOf(ref);
    if (id === undefined) this.unknown(field, ref);
    return (id ?? ref) as R;
  }

  /** A list field, in the order given; with `unique`, naming one entity twice (by id and key, say) is an issue. */
  list(refs: readonly string[], field: string, options: { unique?: boolean } = {}): string[] {
    const seen = new Map<string, string>();
    return refs.map((ref, index) => {
      const id = this.idOf(ref);
      if (id === undefined) {
        this.unknown(`${field}.${index}`, ref);
        return ref;
      }
      const first = seen.get(id);
      if (options.unique && first !== undefined) this.issues.push({ path: `${field}.${index}`, message: `${this.kind} "${ref}" is listed more than once` });
      seen.set(id, first ?? ref);
      return id;
    });
  }

  /** A map keyed by refs (`components: {ref: status}`), keyed by id, in the order given. */
  map<V>(values: Readonly<Record<string, V>>, field: string): Record<string, V> {
    const out: Record<string, V> = {};
    const given = new Map<string, string>();
    for (const [ref, value] of Object.entries(values)) {
      const id = this.idOf(ref);
      if (id === undefined) {
        this.unknown(`${field}.${ref}`, ref);
        continue;
      }
      const other = given.get(id);
      if (other !== undefined) this.issues.push({ path: `${field}.${ref}`, message: `names the same ${this.kind} as "${other}"` });
      given.set(id, ref);
      out[id] = value;
    }
    return out;
  }

  /** Throws a VALIDATION error listing every problem the fields read so far had. */
  check(): void {
    if (this.issues.length > 0) throw validationError(this.issues);
  }
}

export function componentRefs(db: Db, refs: Iterable<string>): Promise<Refs> {
  return Refs.load(db, 'component', refs);
}

export function groupRefs(db: Db, refs: Iterable<string>): Promise<Refs> {
  return Refs.load(db, 'component group', refs);
}

/** The component a path names (`/components/{id}`): its id, or NOT_FOUND naming the ref. */
export async function componentIdOf(db: Db, ref: string): Promise<string> {
  const id = (await componentRefs(db, [ref])).idOf(ref);
  if (id === undefined) throw notFound('component', ref);
  return id;
}

/** The component group a path names (`/component-groups/{id}`): its id, or NOT_FOUND naming the ref. */
export async function groupIdOf(db: Db, ref: string): Promise<string> {
  const id = (await groupRefs(db, [ref])).idOf(ref);
  if (id === undefined) throw notFound('component group', ref);
  return id;
}

/** A list of components (group members, a maintenance's components): ids in the order given, each once; VALIDATION at `<field>.<index>`. */
export async function resolveComponentList(db: Db, refs: readonly string[], field: string): Promise<string[]> {
  const resolved = await componentRefs(db, refs);
  const ids = resolved.list(refs, field, { unique: true });
  resolved.check();
  return ids;
}

/** One component field (a monitor's `component_id`): its id, null kept; VALIDATION naming the field. */
export async function resolveComponentField(db: Db, ref: string | null, field: string): Promise<string | null> {
  if (ref === null) return null;
  const resolved = await componentRefs(db, [ref]);
  const id = resolved.one(ref, field);
  resolved.check();
  return id;
}

/** One group field (a component's `group_id`): its id, null and undefined kept; VALIDATION naming the field. */
export async function resolveGroupField<R extends string | null | undefined>(db: Db, ref: R, field: string): Promise<R> {
  if (ref === null || ref === undefined) return ref;
  const resolved = await groupRefs(db, [ref]);
  const id = resolved.one(ref, field);
  resolved.check();
  return id;
}
