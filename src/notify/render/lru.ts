// A small least-recently-used map: renderers keep the per-event part of a
// message for the next recipient of the same event (a fan-out sends thousands).
export class Lru<K, V> {
  private readonly items = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.items.get(key);
    if (value !== undefined) {
      this.items.delete(key);
      this.items.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as K);
  }

  /** The cached value, or `make()` stored and returned. */
  getOr(key: K, make: () => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = make();
    this.set(key, value);
    return value;
  }
}

/**
 * The per-event part of a message from `cache`, made once per event and page. Test messages are
 * never stored (they share no id), so they are always made afresh.
 */
export function perEvent<V>(cache: Lru<string, V>, event: { id: number; kind: string }, page: { id: string; url: string; name: string; logo_url: string | null; accent_color: string | null; time_zone: string }, make: () => V): V {
  if (event.kind === 'channel.test') return make();
  return cache.getOr(`${event.id}|${event.kind}|${page.id}|${page.url}|${page.name}|${page.logo_url}|${page.accent_color}|${page.time_zone}`, make);
}
