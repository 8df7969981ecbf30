// What a sink has seen since its last reset: every accepted message counted by
// recipient and by idempotency key, so a benchmark can tell delivered, lost and
// duplicated apart. Times are epoch milliseconds with sub-millisecond precision
// (performance.timeOrigin + now), comparable across processes on one machine.

export interface SinkStatus {
  /** Messages the sink accepted (SMTP 250, HTTP 2xx). */
  accepted: number;
  /** Messages the sink refused on purpose (SMTP 421). */
  refused: number;
  /** Distinct recipients accepted at least once. */
  recipients: number;
  /** Distinct idempotency keys accepted at least once. */
  keys: number;
  /** Keys accepted more than once: the same delivery reached the receiver twice. */
  duplicateKeys: number;
  /** Recipients accepted more than once, whatever the key (two deliveries for one recipient). */
  repeatedRecipients: number;
  /** Accepted messages without the idempotency header. */
  withoutKey: number;
  bytes: number;
  firstAt: number | null;
  lastAt: number | null;
  /** When the distinct recipients reached `expect` (set by the reset); null until then. */
  completeAt: number | null;
  expect: number | null;
}

export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export class Tally {
  private byRecipient = new Map<string, number>();
  private byKey = new Map<string, number>();
  private accepted = 0;
  private refused = 0;
  private duplicateKeys = 0;
  private repeatedRecipients = 0;
  private withoutKey = 0;
  private bytes = 0;
  private firstAt: number | null = null;
  private lastAt: number | null = null;
  private completeAt: number | null = null;
  private expect: number | null = null;

  reset(expect: number | null): void {
    this.byRecipient = new Map();
    this.byKey = new Map();
    this.accepted = this.refused = this.duplicateKeys = this.repeatedRecipients = this.withoutKey = this.bytes = 0;
    this.firstAt = this.lastAt = this.completeAt = null;
    this.expect = expect;
  }

  accept(recipients: readonly string[], key: string | null, bytes: number): void {
    const at = preciseNow();
    this.accepted++;
    this.bytes += bytes;
    this.firstAt ??= at;
    this.lastAt = at;
    if (key === null) this.withoutKey++;
    else {
      const seen = this.byKey.get(key) ?? 0;
      if (seen === 1) this.duplicateKeys++;
      this.byKey.set(key, seen + 1);
    }
    for (const r of recipients) {
      const seen = this.byRecipient.get(r) ?? 0;
      if (seen === 1) this.repeatedRecipients++;
      this.byRecipient.set(r, seen + 1);
    }
    if (this.completeAt === null && this.expect !== null && this.byRecipient.size >= this.expect) this.completeAt = at;
  }

  refuse(): void {
    this.refused++;
  }

  status(): SinkStatus {
    return {
      accepted: this.accepted,
      refused: this.refused,
      recipients: this.byRecipient.size,
      keys: this.byKey.size,
      duplicateKeys: this.duplicateKeys,
      repeatedRecipients: this.repeatedRecipients,
      withoutKey: this.withoutKey,
      bytes: this.bytes,
      firstAt: this.firstAt,
      lastAt: this.lastAt,
      completeAt: this.completeAt,
      expect: this.expect,
    };
  }

  recipients(): string[] {
    return [...this.byRecipient.keys()];
  }
}
