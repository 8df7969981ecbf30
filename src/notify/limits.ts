// How fast one target may be sent to: a per-target rate (Slack takes one
// message per second per webhook) and the pause a target asked for with
// Retry-After. The worker asks for a slot before each send; a slot far in the
// future puts the delivery back in the outbox without using an attempt.

/** Slots further ahead than this go back to the outbox instead of waiting in memory. */
export const HOLD_IN_MEMORY_MS = 2_000;

export class TargetGate {
  /** Per target: the earliest time the next message may go. */
  private readonly nextSlot = new Map<string, number>();
  /** Per target: a Retry-After in force until this time. */
  private readonly pausedUntil = new Map<string, number>();

  /**
   * Reserves the next time a message may go to `target` (now or later) under `perSecond` (null: no
   * rate) and any pause the target asked for.
   */
  reserve(target: string, perSecond: number | null, nowMs: number): number {
    const paused = this.pausedUntil.get(target) ?? 0;
    if (paused <= nowMs) this.pausedUntil.delete(target);
    let at = Math.max(nowMs, paused);
    if (perSecond !== null && perSecond > 0) {
      at = Math.max(at, this.nextSlot.get(target) ?? 0);
      this.nextSlot.set(target, at + Math.ceil(1000 / perSecond));
    }
    return at;
  }

  /** The target said "Retry-After": nothing more goes to it before then. */
  pause(target: string, untilMs: number): void {
    if (untilMs > (this.pausedUntil.get(target) ?? 0)) this.pausedUntil.set(target, untilMs);
  }

  /** Forgets slots long past, so the maps do not grow with every target ever seen. */
  prune(nowMs: number): void {
    for (const [k, v] of this.nextSlot) if (v < nowMs - 60_000) this.nextSlot.delete(k);
    for (const [k, v] of this.pausedUntil) if (v < nowMs) this.pausedUntil.delete(k);
  }
}

/** Messages in flight per channel type, within each type's concurrency. */
export class TypeSlots {
  private readonly inFlight = new Map<string, number>();

  running(type: string): number {
    return this.inFlight.get(type) ?? 0;
  }

  free(type: string, concurrency: number): number {
    return Math.max(0, concurrency - this.running(type));
  }

  take(type: string): void {
    this.inFlight.set(type, this.running(type) + 1);
  }

  release(type: string): void {
    this.inFlight.set(type, Math.max(0, this.running(type) - 1));
  }

  total(): number {
    let n = 0;
    for (const v of this.inFlight.values()) n += v;
    return n;
  }
}
