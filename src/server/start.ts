// The composition root of `vigil serve`: database, migrations, first admin
// key, then each enabled role. Every failure on the way becomes a one-line
// StartupError, and whatever was opened is closed again.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import { AppError } from '../domain/errors.js';
import type { Clock } from '../lib/clock.js';
import type { ServiceContext } from '../services/context.js';
import type { Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { databaseReadOnlyCause, READ_ONLY_REASON } from '../store/read-only.js';
import { buildApp } from '../web/app.js';
import { buildMetricsApp } from '../web/metrics.routes.js';
import { createAndPrintFirstAdminKey } from './bootstrap-admin-key.js';
import { gracefulClose } from './http-close.js';
import { SCHEDULER_ACTOR, scheduledJobs } from './jobs.js';
import { describeDatabase } from '../lib/database-url.js';
import { openReachableDatabase, reason, StartupError } from './open-database.js';
import { startScheduler, type Job, type Scheduler } from './scheduler.js';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { MonitorEngine } from '../engine/engine.js';
import { createOutboundGuards } from '../outbound/guards.js';
import type { EngineConfig } from '../engine/config.js';
import { createEngineMetrics } from '../engine/metrics.js';
import { createChannels, type Channels } from '../notify/channels/registry.js';
import { createNotifyMetrics } from '../notify/metrics.js';
import { createNotificationRuntime } from '../notify/runtime.js';
import { NotificationWorker, type WorkerConfig } from '../notify/worker.js';

export interface StartOptions {
  clock: Clock;
  logger: Logger;
  /** Where the first-start banner and the ready line go. */
  stdout: { write(chunk: string): unknown };
  version?: string;
  /** Runs after migrations and before anything is served (e.g. applying vigil.yaml). */
  prepare?: (database: Database) => Promise<void>;
  /** Replaces the built-in job list (tests). */
  jobs?: readonly Job<ServiceContext>[];
  /** Overrides engine tunables (tests compress time with timeUnitMs). */
  engine?: Partial<EngineConfig>;
  /** Overrides delivery worker tunables (tests shorten leases and backoff). */
  worker?: Partial<WorkerConfig>;
}

export interface VigilHandle {
  database: Database;
  /** The HTTP app when the `web` role is on. */
  app: FastifyInstance | null;
  /** The monitoring engine when the `scheduler` role is on. */
  engine: MonitorEngine | null;
  /** The delivery worker when the `worker` role is on. */
  worker: NotificationWorker | null;
  /** The address actually listened on, e.g. `http://127.0.0.1:3000`; null without the `web` role. */
  listeningOn: string | null;
  /** Stops accepting requests, lets in-flight ones finish, waits for running jobs, closes the database. Idempotent. */
  close(): Promise<void>;
}

export { StartupError };

export async function startVigil(config: Config, options: StartOptions): Promise<VigilHandle> {
  const { clock, logger } = options;
  const where = describeDatabase(config.databaseUrl);
  const database = await openReachableDatabase(config.databaseUrl);

  let app: FastifyInstance | null = null;
  let closeHttp: () => Promise<void> = async () => {};
  let closeMetrics: () => Promise<void> = async () => {};
  let scheduler: Scheduler | null = null;
  let engine: MonitorEngine | null = null;
  let worker: NotificationWorker | null = null;
  let channels: Channels | null = null;
  let listeningOn: string | null = null;
  const closeAll = async () => {
    await closeHttp();
    await closeMetrics();
    logger.debug('http server closed');
    await engine?.stop();
    logger.debug('monitor engine stopped');
    await scheduler?.stop();
    logger.debug('scheduler stopped');
    // In-flight messages finish and their outcomes are written before the database closes.
    await worker?.stop();
    await channels?.close();
    logger.debug('delivery worker stopped');
    await database.close();
    logger.debug('database closed');
  };

  try {
    // Reported here, before anything fails on it; the process still serves what it can read.
    const readOnly = await databaseReadOnlyCause(database.db);
    if (readOnly !== null) logger.error({ database: where, cause: readOnly }, `${READ_ONLY_REASON}: ${readOnly}; every change will be refused until it is writable`);
    const applied = await migrateToLatest(database).catch((err: unknown) => {
      throw new StartupError(`cannot migrate the database at ${where}: ${readOnly === null ? reason(err) : `${READ_ONLY_REASON} (${readOnly})`}`);
    });
    if (applied.length > 0) logger.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
    await options.prepare?.(database);

    const systemCtx: ServiceContext = { db: database.db, clock, actor: { type: 'system', id: null, name: 'startup' } };
    // Shown only once, so made only once the start can no longer fail before the banner is read: right after
    // the web role listens (a busy port must not eat it), or here when there is no web role (CLI-only use).
    const firstAdminKey = () => createAndPrintFirstAdminKey(systemCtx, { logger, stdout: options.stdout, publicUrl: config.publicUrl, where });
    if (!config.roles.includes('web')) await firstAdminKey();

    const metrics = new Registry();
    // One policy object per use, made here from configuration and passed down (docs/adr/0011).
    const outbound = createOutboundGuards(config.outbound);
    collectDefaultMetrics({ register: metrics });
    if (config.roles.includes('scheduler')) {
      const m = config.monitoring;
      engine = new MonitorEngine({
        db: database.db,
        clock,
        logger: logger.child({ role: 'monitors' }),
        metrics: createEngineMetrics(metrics, { db: database.db }),
        outbound: outbound.monitors,
        config: {
          concurrency: m.concurrency,
          storm: { threshold: m.stormThreshold, window_ms: m.stormWindowSeconds * 1000 },
          groupWaitMs: m.groupWaitSeconds * 1000,
          ...options.engine,
        },
      });
    }

    const n = config.notify;
    // The worker sends through the channels; the web role's channel tests do too.
    channels = createChannels({
      smtp: n.smtpUrl === null ? null : { url: n.smtpUrl, from: n.mailFrom, pool: n.smtpPool },
      outbound: outbound.strict,
      clock,
      logger: logger.child({ role: 'notifications' }),
      httpConcurrency: n.httpConcurrency,
    });
    if (config.roles.includes('worker')) {
      worker = new NotificationWorker({
        db: database.db,
        clock,
        logger: logger.child({ role: 'worker' }),
        channels,
        publicUrl: config.publicUrl,
        metrics: createNotifyMetrics(metrics, { db: database.db, clock }),
        config: { maxAttempts: n.maxAttempts, disableAfterDays: n.disableAfterDays, ...options.worker },
      });
    }
    const deliveryWorker = worker;
    const notifications = createNotificationRuntime({
      db: database.db,
      clock,
      channels,
      smtpConfigured: n.smtpUrl !== null,
      publicUrl: config.publicUrl,
      wake: deliveryWorker ? () => deliveryWorker.wake() : undefined,
    });

    const { security } = config;
    if (security.metricsPort !== null) {
      // Loopback only, whatever the roles: a scheduler-only process is scraped here too.
      const metricsApp = buildMetricsApp({ registry: metrics, token: security.metricsToken, clock, logger, security: { frameAncestors: security.frameAncestors } });
      closeMetrics = () => metricsApp.close();
      try {
        await metricsApp.listen({ host: '127.0.0.1', port: security.metricsPort });
      } catch (err) {
        throw new StartupError(`cannot listen on 127.0.0.1:${security.metricsPort} (VIGIL_METRICS_PORT): ${listenReason(err)}`);
      }
    }

    if (config.roles.includes('web')) {
      app = await buildApp({
        db: database.db,
        clock,
        logger,
        bodyLimit: config.bodyLimit,
        version: options.version,
        public: { publicUrl: config.publicUrl, cache: config.publicCache },
        // With VIGIL_METRICS_PORT, /metrics is served there and not on the main port.
        metrics: security.metricsPort === null ? metrics : undefined,
        metricsToken: security.metricsToken,
        security: { trustProxy: security.trustProxy, frameAncestors: security.frameAncestors },
        monitors: engine ?? undefined,
        outbound: outbound.monitors,
        strictOutbound: outbound.strict,
        notifications,
      });
      closeHttp = gracefulClose(app);
      try {
        await app.listen({ host: config.host, port: config.port });
      } catch (err) {
        throw new StartupError(`cannot listen on ${config.host}:${config.port}: ${listenReason(err)}`);
      }
      listeningOn = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
      await firstAdminKey();
    }
    if (config.roles.includes('scheduler')) {
      scheduler = startScheduler(options.jobs ?? scheduledJobs(config.monitoring), {
        context: () => ({ db: database.db, clock, actor: SCHEDULER_ACTOR }),
        logger: logger.child({ role: 'scheduler' }),
      });
      await engine?.start();
    }
    worker?.start();

    const name = options.version ? `Vigil ${options.version}` : 'Vigil';
    const serving = listeningOn ? `ready at ${config.publicUrl} (listening on ${listeningOn})` : 'running without the web role';
    const writable = readOnly === null ? '' : ` (${READ_ONLY_REASON}: changes are refused)`;
    options.stdout.write(`${name} ${serving}; roles: ${config.roles.join(', ')}; database: ${where}${writable}\n`);
  } catch (err) {
    await closeAll().catch(() => {});
    // Coded errors (e.g. an invalid vigil.yaml from `prepare`) are already written for the operator.
    if (err instanceof StartupError || err instanceof AppError) throw err;
    throw new StartupError(`start-up failed: ${reason(err)}`);
  }

  let closing: Promise<void> | null = null;
  return {
    database,
    app,
    engine,
    worker,
    listeningOn,
    close: () => (closing ??= closeAll()),
  };
}

function listenReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the address is already in use (is another Vigil running?)';
  if (code === 'EACCES') return 'permission denied (ports below 1024 need privileges)';
  if (code === 'EADDRNOTAVAIL') return 'the address is not available on this machine (check HOST)';
  return reason(err);
}
