// A binary min-heap of (due time, monitor). Entries are never removed in
// place: a rescheduled or deleted monitor bumps its generation and stale
// entries are skipped when they surface.

export interface DueEntry {
  dueAt: number;
  id: string;
  generation: number;
}

export class DueQueue {
  private readonly heap: DueEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: DueEntry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.dueAt <= entry.dueAt) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = entry;
  }

  peek(): DueEntry | undefined {
    return this.heap[0];
  }

  pop(): DueEntry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= h.length) break;
      const right = left + 1;
      const child = right < h.length && h[right]!.dueAt < h[left]!.dueAt ? right : left;
      if (h[child]!.dueAt >= last.dueAt) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }

  clear(): void {
    this.heap.length = 0;
  }
}
