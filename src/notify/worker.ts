// The delivery worker (the `worker` role): expands pending events into
// deliveries and sends them. Per channel type it keeps the type's concurrency
// full from a small local queue, refilled by claiming due rows in batches
// before it runs dry; outcomes are written back in batches. Claims are leases
// renewed while held, so a crashed worker's rows are sent again (with the same
// idempotency key) once its lease runs out, and a live worker's never are.
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { CHANNEL_TYPES, type Audience, type ChannelType, type EventKind, type EventPayload, type NotificationEvent } from '../domain/notifications.js';
import { afterFailure, DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from '../domain/retry-backoff.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { ServiceContext } from '../services/context.js';
import { disableFailingChannel } from '../services/deliveries/disableFailingChannel.js';
import { disableFailingSubscriber } from '../services/deliveries/disableFailingSubscriber.js';
import { linkSecret } from '../services/subscribers/links.js';
import { claimDeliveries, claimHolders, markTargetsFailing, markTargetsHealthy, overdueFailingTargets, pendingCount, releaseClaims, releaseHolder, renewClaims, settleDeliveries, type Settlement } from '../store/deliveries.js';
import { getEventsByIds } from '../store/notification-events.js';
import type { DB, DeliveryRow } from '../store/schema.js';
import { getSettingsRow } from '../store/settings.js';
import type { Channel, Message, PageFacts, SendOutcome } from './channels/types.js';
import { expandNextEvent } from './expand.js';
import { HOLD_IN_MEMORY_MS, TargetGate, TypeSlots } from './limits.js';
import type { NotifyMetrics } from './metrics.js';
import { resolveRecipients, type Resolved } from './recipients.js';

export interface ChannelSource {
  /** null: this type cannot be sent now (email without SMTP); its deliveries wait in the outbox. */
  get(type: ChannelType): Channel | null;
}

export interface WorkerConfig {
  /** Tries before a delivery is dead. */
  maxAttempts: number;
  /** A webhook failing without a success this long is disabled. */
  disableAfterDays: number;
  /** How often an idle worker looks for work. */
  pollMs: number;
  /** Rows claimed at once per channel type. */
  claimBatch: number;
  /** How long a claim (on a delivery or an event) lasts unless renewed. */
  leaseMs: number;
  /** Subscribers per expansion page (one transaction each). */
  expandPageSize: number;
  /** Outcomes are written at most this often (one transaction for all of them). */
  settleEveryMs: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_WORKER_CONFIG: Omit<WorkerConfig, 'maxAttempts' | 'disableAfterDays'> = {
  pollMs: 250,
  claimBatch: 250,
  leaseMs: 15_000,
  expandPageSize: 2_000,
  settleEveryMs: 100,
  backoff: DEFAULT_BACKOFF,
};

export interface WorkerOptions {
  db: Kysely<DB>;
  clock: Clock;
  logger?: Logger;
  channels: ChannelSource;
  config: Partial<WorkerConfig> & Pick<WorkerConfig, 'maxAttempts' | 'disableAfterDays'>;
  /** VIGIL_PUBLIC_URL: the page's URL when settings name none (links in messages). */
  publicUrl: string;
  metrics?: NotifyMetrics;
  /** In [0, 1); jitter of the backoff (tests pass their own). */
  random?: () => number;
}

interface EventInfo {
  event: NotificationEvent;
  createdMs: number;
}

interface Item {
  row: DeliveryRow;
  resolved: Resolved;
  info: EventInfo | undefined;
  /** A slot already reserved with the target gate (sent when it comes). */
  slotAt?: number;
}

interface Pending {
  settlement: Settlement;
  webhook: { kind: 'subscriber' | 'channel'; id: string; ok: boolean } | null;
}

const EVENT_CACHE = 5_000;
const PAGE_TTL_MS = 5_000;
const STOP_WAIT_MS = 15_000;
const ABSENT_RECHECK_MS = 30_000;
const MAX_ERROR_CHARS = 500;
/** The workers running in this process (tests run several): a claim with our pid is dead only if none of them holds it. */
const LIVE_WORKERS = new Set<string>();

export class NotificationWorker {
  readonly id = `${hostname()}/${process.pid}/${newId()}`;
  readonly config: WorkerConfig;
  private readonly log: Logger | undefined;
  private readonly random: () => number;
  private readonly queues = new Map<ChannelType, Item[]>();
  private readonly claiming = new Set<ChannelType>();
  /** Types whose last claim found nothing: not claimed again before the next poll or wake(). */
  private readonly idle = new Set<ChannelType>();
  private readonly slots = new TypeSlots();
  private readonly gate = new TargetGate();
  private readonly held = new Set<number>();
  private readonly delayed = new Map<number, { timer: NodeJS.Timeout; item: Item }>();
  private readonly sends = new Set<Promise<void>>();
  private readonly events = new Map<number, EventInfo>();
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private expanding: Promise<void> | null = null;
  private wakeQueued = false;
  private page: { facts: PageFacts; at: number } | null = null;
  private secret: string | null = null;
  private readonly absentWarned = new Set<ChannelType>();
  private absentCheckedAt = new Map<ChannelType, number>();
  private stopped = false;
  private started = false;
  private readonly system: ServiceContext;
  /** Deliveries settled by this worker so far (tests and logs). */
  settled = 0;

  constructor(private readonly options: WorkerOptions) {
    this.config = { ...DEFAULT_WORKER_CONFIG, ...options.config };
    this.log = options.logger;
    this.random = options.random ?? Math.random;
    this.system = { db: options.db, clock: options.clock, actor: { type: 'system', id: null, name: 'notifications' } };
    for (const t of CHANNEL_TYPES) this.queues.set(t, []);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    LIVE_WORKERS.add(this.id);
    this.pollTimer = setInterval(() => this.tick(), this.config.pollMs);
    this.renewTimer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.config.leaseMs / 3)));
    void this.recoverDeadLocalClaims().finally(() => this.tick());
  }

  /**
   * After a crash and restart on the same machine, the claims of the process that died are handed back at
   * once (its pid is gone, or it is ours: a container's process is pid 1 every time) instead of when their
   * lease runs out. Claims of other hosts are left to their leases.
   */
  private async recoverDeadLocalClaims(): Promise<void> {
    try {
      for (const holder of await claimHolders(this.options.db)) {
        if (holder === this.id || !localHolderIsDead(holder)) continue;
        const released = await releaseHolder(this.options.db, holder, this.nowIso());
        this.log?.info({ holder, deliveries: released }, 'took back the claims of a worker that stopped without handing them back');
      }
    } catch (err) {
      this.log?.warn({ err }, 'could not look for claims of a crashed worker; they are taken back when their lease runs out');
    }
  }

  /** Looks for work now (after an event was written, a delivery retried). */
  wake(): void {
    if (this.stopped || !this.started || this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.tick();
    });
  }

  /** Stops claiming, lets messages in flight finish, hands back what it holds, writes every outcome. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    const deadline = Date.now() + STOP_WAIT_MS;
    const unsent: number[] = [];
    for (const [id, { timer }] of this.delayed) {
      clearTimeout(timer);
      unsent.push(id);
    }
    this.delayed.clear();
    for (const queue of this.queues.values()) for (const item of queue.splice(0)) unsent.push(item.row.id);
    await Promise.race([Promise.allSettled([...this.sends, this.expanding]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
    // Claims in progress finish too; what they bring is handed back.
    while (this.claiming.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const queue of this.queues.values()) for (const item of queue.splice(0)) unsent.push(item.row.id);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flush();
    if (this.renewTimer) clearInterval(this.renewTimer);
    if (unsent.length > 0) {
      await releaseClaims(this.options.db, this.id, unsent, this.nowIso()).catch((err: unknown) => this.log?.warn({ err }, 'could not hand back claimed deliveries; they are sent again when the claim runs out'));
      for (const id of unsent) this.held.delete(id);
    }
    LIVE_WORKERS.delete(this.id);
  }

  // ── the loop ──────────────────────────────────────────────────────────────

  private tick(): void {
    if (this.stopped) return;
    this.idle.clear();
    this.gate.prune(this.nowMs());
    this.expandEvents();
    for (const type of CHANNEL_TYPES) this.pump(type);
  }

  private expandEvents(): void {
    if (this.expanding) return;
    this.expanding = (async () => {
      try {
        while (!this.stopped) {
          const written = await expandNextEvent(this.options.db, {
            holder: this.id,
            clock: this.options.clock,
            pageSize: this.config.expandPageSize,
            leaseMs: this.config.leaseMs,
            onPage: () => {
              // New deliveries: a type that cannot be sent is looked at again for the warning.
              this.absentCheckedAt.clear();
              for (const t of CHANNEL_TYPES) this.idle.delete(t);
              for (const t of CHANNEL_TYPES) this.pump(t);
            },
          });
          if (written === null) return;
        }
      } catch (err) {
        this.log?.error({ err }, 'expanding notification events failed; retrying on the next poll');
      } finally {
        this.expanding = null;
      }
    })();
  }

  /** Starts sends while the type has room, and claims more before its queue runs dry. */
  private pump(type: ChannelType): void {
    if (this.stopped) return;
    const channel = this.options.channels.get(type);
    if (!channel) {
      this.noteAbsent(type);
      return;
    }
    const queue = this.queues.get(type)!;
    const concurrency = Math.max(1, channel.limits.concurrency);
    while (queue.length > 0 && this.slots.free(type, concurrency) > 0) this.begin(channel, queue.shift()!);
    // Refilled while half full, so the type never waits on a claim's round trip.
    const capacity = Math.max(this.config.claimBatch, concurrency * 2);
    const wanted = Math.min(this.config.claimBatch, capacity - queue.length);
    if (queue.length < capacity / 2 && wanted > 0 && !this.claiming.has(type) && !this.idle.has(type)) void this.claim(type, wanted);
  }

  private async claim(type: ChannelType, limit: number): Promise<void> {
    this.claiming.add(type);
    try {
      const now = this.options.clock.now();
      const rows = await claimDeliveries(this.options.db, {
        holder: this.id,
        channelType: type,
        nowMs: now.getTime(),
        untilMs: now.getTime() + this.config.leaseMs,
        nowIso: now.toISOString(),
        limit,
      });
      if (rows.length === 0) {
        this.idle.add(type);
        return;
      }
      for (const r of rows) this.held.add(r.id);
      const items = await this.prepare(rows);
      this.queues.get(type)!.push(...items);
      if (rows.length < limit) this.idle.add(type);
    } catch (err) {
      this.idle.add(type);
      this.log?.error({ err, channel: type }, 'claiming deliveries failed; retrying on the next poll');
    } finally {
      this.claiming.delete(type);
      if (!this.stopped) this.pump(type);
    }
  }

  /** Everything a batch needs, read in bulk: its events, recipients, the page and the link secret. */
  private async prepare(rows: DeliveryRow[]): Promise<Item[]> {
    const missing = [...new Set(rows.map((r) => r.event_id))].filter((id) => !this.events.has(id));
    if (missing.length > 0) {
      for (const e of await getEventsByIds(this.options.db, missing)) {
        this.events.set(e.id, {
          event: { id: e.id, kind: e.kind as EventKind, audience: e.audience as Audience, created_at: e.created_at, thread_key: e.thread_key, payload: JSON.parse(e.payload_json) as EventPayload },
          createdMs: Date.parse(e.created_at),
        });
      }
      // Oldest first out: events are immutable, the cache only saves reads.
      for (const id of this.events.keys()) {
        if (this.events.size <= EVENT_CACHE) break;
        this.events.delete(id);
      }
    }
    const page = await this.pageFacts();
    this.secret ??= await linkSecret(this.options.db, this.options.clock.now());
    const resolved = await resolveRecipients(this.options.db, rows, (d) => this.events.get(d.event_id)?.event.audience ?? null, {
      linkSecret: this.secret,
      page,
      now: this.options.clock.now(),
    });
    return rows.map((row) => ({ row, resolved: resolved.get(row.id)!, info: this.events.get(row.event_id) }));
  }

  private async pageFacts(): Promise<PageFacts> {
    const now = this.nowMs();
    if (this.page && now - this.page.at < PAGE_TTL_MS) return this.page.facts;
    const s = await getSettingsRow(this.options.db);
    const facts: PageFacts = {
      id: s.page_id ?? '',
      name: s.name,
      url: (s.public_url ?? this.options.publicUrl).replace(/\/+$/, ''),
      logo_url: s.logo_url,
      accent_color: s.accent_color,
      time_zone: s.time_zone,
    };
    this.page = { facts, at: now };
    return facts;
  }

  // ── sending ───────────────────────────────────────────────────────────────

  private begin(channel: Channel, item: Item): void {
    const { row, resolved } = item;
    const now = this.nowMs();
    if (!resolved.ok || !item.info) {
      this.settle({ settlement: { id: row.id, state: 'dead', attemptsUsed: 0, nextAttemptAt: row.next_attempt_at, lastError: resolved.ok ? 'the event no longer exists' : resolved.reason }, webhook: null }, row, 'dead');
      return;
    }
    if (item.slotAt === undefined) {
      const at = this.gate.reserve(resolved.targetKey, channel.limits.perTargetPerSecond, now);
      if (at > now + HOLD_IN_MEMORY_MS) {
        // Far off (a long Retry-After, a busy Slack webhook): back to the outbox, no attempt used.
        this.settle({ settlement: { id: row.id, state: 'pending', attemptsUsed: 0, nextAttemptAt: at, lastError: row.last_error }, webhook: null }, row, null);
        return;
      }
      if (at > now) {
        item.slotAt = at;
        const timer = setTimeout(() => {
          this.delayed.delete(row.id);
          if (this.stopped) return;
          // Its slot has come: first in line for the next free place.
          this.queues.get(channel.type)!.unshift(item);
          this.pump(channel.type);
        }, at - now);
        this.delayed.set(row.id, { timer, item });
        return;
      }
    }
    this.slots.take(channel.type);
    const running = this.send(channel, item, resolved).finally(() => {
      this.slots.release(channel.type);
      this.sends.delete(running);
      this.pump(channel.type);
    });
    this.sends.add(running);
  }

  private async send(channel: Channel, item: Item, resolved: Extract<Resolved, { ok: true }>): Promise<void> {
    const { row } = item;
    const attempt = row.attempts + 1;
    const message: Message = {
      event: item.info!.event,
      // Read with the batch (prepare), at most every few seconds: never a query per message.
      page: this.page!.facts,
      recipient: resolved.recipient,
      attempt: { delivery_id: row.id, idempotency_key: row.idempotency_key, attempt },
    };
    let outcome: SendOutcome;
    try {
      outcome = await channel.send(message);
    } catch (err) {
      outcome = { ok: false, permanent: false, retry_after_ms: null, error: err instanceof Error ? err.message : String(err) };
    }
    const now = this.nowMs();
    const webhookTarget = resolved.webhook ? { kind: resolved.recipient.kind, id: resolved.recipient.id } : null;
    if (outcome.ok) {
      this.settle({ settlement: { id: row.id, state: 'delivered', attemptsUsed: 1, nextAttemptAt: row.next_attempt_at, lastError: null }, webhook: webhookTarget && { ...webhookTarget, ok: true } }, row, 'delivered');
      this.options.metrics?.latency.observe({ channel: row.channel_type }, Math.max(0, (now - item.info!.createdMs) / 1000));
      return;
    }
    if (outcome.retry_after_ms !== null) this.gate.pause(resolved.targetKey, now + outcome.retry_after_ms);
    const verdict = afterFailure(attempt, this.config.maxAttempts, outcome.permanent);
    const error = scrubError(outcome.error);
    const nextAttemptAt = verdict === 'dead' ? row.next_attempt_at : now + retryDelayMs(attempt, this.config.backoff, this.random(), outcome.retry_after_ms);
    if (verdict === 'dead') this.log?.warn({ delivery: row.id, channel: row.channel_type, target: `${row.target_type}:${row.target_id}`, attempts: attempt, error }, 'delivery failed for good (dead letter)');
    this.settle(
      { settlement: { id: row.id, state: verdict === 'dead' ? 'dead' : 'pending', attemptsUsed: 1, nextAttemptAt, lastError: error }, webhook: webhookTarget && { ...webhookTarget, ok: false } },
      row,
      verdict === 'dead' ? 'dead' : 'retried',
    );
  }

  // ── settling ──────────────────────────────────────────────────────────────

  private settle(p: Pending, row: DeliveryRow, counted: 'delivered' | 'retried' | 'dead' | null): void {
    if (counted) this.options.metrics?.deliveries.inc({ channel: row.channel_type, state: counted });
    this.pending.push(p);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, this.config.settleEveryMs);
  }

  /** Writes every outcome collected so far in one transaction; a failed write is tried again. */
  private async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = (async () => {
      const nowIso = this.nowIso();
      try {
        await settleDeliveries(this.options.db, batch.map((p) => p.settlement), nowIso);
        for (const p of batch) this.held.delete(p.settlement.id);
        this.settled += batch.length;
      } catch (err) {
        this.log?.error({ err, deliveries: batch.length }, 'writing delivery outcomes failed; retrying');
        this.pending.unshift(...batch);
        if (!this.stopped) this.flushTimer ??= setTimeout(() => ((this.flushTimer = null), void this.flush()), 1000);
        return;
      }
      await this.trackTargets(batch, nowIso).catch((err: unknown) => this.log?.error({ err }, 'updating failing webhook marks failed'));
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  /** failing_since: set on the first failure after a success, cleared on success; too long failing → disabled. */
  private async trackTargets(batch: Pending[], nowIso: string): Promise<void> {
    const ok = { subscribers: new Set<string>(), channels: new Set<string>() };
    const failed = { subscribers: new Set<string>(), channels: new Set<string>() };
    for (const { webhook } of batch) {
      if (!webhook) continue;
      const sets = webhook.ok ? ok : failed;
      (webhook.kind === 'subscriber' ? sets.subscribers : sets.channels).add(webhook.id);
    }
    // A target with a success in this batch is healthy, whatever else failed.
    for (const id of ok.subscribers) failed.subscribers.delete(id);
    for (const id of ok.channels) failed.channels.delete(id);
    const db = this.options.db;
    if (ok.subscribers.size + ok.channels.size > 0) await markTargetsHealthy(db, { subscribers: [...ok.subscribers], channels: [...ok.channels] }, nowIso);
    if (failed.subscribers.size + failed.channels.size === 0) return;
    const targets = { subscribers: [...failed.subscribers], channels: [...failed.channels] };
    await markTargetsFailing(db, targets, nowIso);
    const before = new Date(Date.parse(nowIso) - this.config.disableAfterDays * 86_400_000).toISOString();
    const overdue = await overdueFailingTargets(db, targets, before);
    const days = this.config.disableAfterDays;
    for (const s of overdue.subscribers) {
      if (await disableFailingSubscriber(this.system, s, days)) {
        this.log?.warn({ subscriber: s.id }, `disabled a webhook subscriber failing for more than ${days} day(s); its contact is told by email`);
        this.wake();
      }
    }
    for (const c of overdue.channels) {
      const reason = await disableFailingChannel(this.system, c, days);
      if (reason) this.log?.warn({ channel: c.id, name: c.name, reason }, `disabled the channel "${c.name}": ${reason}`);
    }
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    try {
      await renewClaims(this.options.db, this.id, this.nowMs() + this.config.leaseMs);
    } catch (err) {
      this.log?.warn({ err }, 'renewing delivery claims failed');
    }
  }

  /** Said once per start per type: messages for a channel that is not configured wait in the outbox. */
  private noteAbsent(type: ChannelType): void {
    if (this.absentWarned.has(type)) return;
    const now = this.nowMs();
    const last = this.absentCheckedAt.get(type);
    if (last !== undefined && now - last < ABSENT_RECHECK_MS) return;
    this.absentCheckedAt.set(type, now);
    void pendingCount(this.options.db, type).then(
      (n) => {
        if (n === 0 || this.absentWarned.has(type)) return;
        this.absentWarned.add(type);
        const what = type === 'email' ? 'email is not configured (VIGIL_SMTP_URL)' : `${type} delivery is not available`;
        this.log?.warn({ channel: type, waiting: n }, `${what}; ${n} ${type} deliveries wait in the outbox`);
      },
      () => {},
    );
  }

  private nowMs(): number {
    return this.options.clock.now().getTime();
  }

  private nowIso(): string {
    return this.options.clock.now().toISOString();
  }
}

/** A holder id is `host/pid/nonce`: dead when on this host with a pid that no longer runs, or with our own pid. */
export function localHolderIsDead(holder: string): boolean {
  const parts = holder.split('/');
  if (parts.length < 3) return false;
  const pid = Number(parts.at(-2));
  const host = parts.slice(0, -2).join('/');
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !LIVE_WORKERS.has(holder);
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Errors are kept short, and URLs in them lose path and query (webhook URLs carry secrets). */
export function scrubError(error: string): string {
  return error
    .replace(/\b(https?:\/\/)(?:[^@/\s?#]*@)?([^/\s?#]+)(\S*)/gi, (_m, scheme: string, host: string, rest: string) => `${scheme}${host}${rest ? '/…' : ''}`)
    .slice(0, MAX_ERROR_CHARS);
}
