// `vigil serve`: runs the enabled roles until SIGTERM or SIGINT, then shuts
// down gracefully: stop accepting, finish in-flight requests and jobs, close
// the database.
import { loadConfig, parseRoles, ConfigError, type Config } from '../../config/env.js';
import { loadVigilYaml } from '../../config/vigil-yaml.js';
import { systemClock } from '../../lib/clock.js';
import { createLogger } from '../../server/logger.js';
import { startVigil, type VigilHandle } from '../../server/start.js';
import { applyConfig } from '../../services/config/applyConfig.js';
import { formatSummary } from '../../services/config/report.js';
import type { CliIo } from '../io.js';
import { cliActor } from '../io.js';
import { parseCommandLine, UsageError } from '../usage.js';
import { vigilVersion } from '../version.js';
import { createOutboundGuards } from '../../outbound/guards.js';

export const serveUsage = `Usage: vigil serve [--config vigil.yaml] [--roles web,scheduler,worker]

Runs Vigil: migrates the database, creates and prints an admin API key on the
very first start, then serves until SIGTERM or SIGINT.

Options:
  --config <file>  apply this vigil.yaml at start (as \`vigil apply\` does, without pruning)
  --roles <list>   roles to run, overriding VIGIL_ROLES (default: all of web, scheduler, worker)

Environment:
  VIGIL_DATABASE_URL  SQLite file path or sqlite: URL, or postgres://…   (default ./data/vigil.db)
  PORT, HOST          where to listen                                     (default 3000, 0.0.0.0)
  VIGIL_PUBLIC_URL    the URL users reach Vigil at                        (default http://localhost:PORT)
  VIGIL_LOG_LEVEL     fatal, error, warn, info, debug, trace or silent    (default info; logs go to stderr)
  VIGIL_BODY_LIMIT    largest request body in bytes                       (default 1048576)
  VIGIL_ROLES         comma-separated roles                               (default web,scheduler,worker)
  VIGIL_PUBLIC_MAX_AGE, VIGIL_PUBLIC_STALE_WHILE_REVALIDATE
                      Cache-Control seconds for the public page, API, feeds (default 10, 60)
`;

/** How long in-flight requests and jobs get to finish after SIGTERM before the process gives up on them. */
export const SHUTDOWN_GRACE_MS = 10_000;

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('serve', args, { config: { type: 'string' }, roles: { type: 'string' } });
  let config: Config = loadConfig(io.env);
  if (values.roles !== undefined) config = { ...config, roles: rolesFlag(values.roles as string) };

  // Read and validate the file before touching the database, so a typo fails fast.
  const file = values.config as string | undefined;
  const loaded = file === undefined ? null : await loadVigilYaml(file);

  const logger = createLogger(config.logLevel);
  // Listening for signals before start-up: a SIGTERM that arrives while starting must not kill the process
  // half-way (the default action); it shuts down as soon as start-up is done.
  const shutdown = shutdownSignals(io);
  let handle: VigilHandle;
  try {
    handle = await startVigil(config, {
      clock: systemClock,
      logger,
      stdout: io.stdout,
      version: vigilVersion(),
      prepare: loaded
        ? async (database) => {
            const ctx = { db: database.db, clock: systemClock, actor: cliActor(io.env) };
            const guards = createOutboundGuards(config.outbound);
            const report = await applyConfig(ctx, loaded, { prune: false, dryRun: false, outbound: guards.monitors, strictOutbound: guards.strict });
            logger.info({ file: loaded.file, counts: report.counts }, formatSummary(report));
          }
        : undefined,
    });
  } catch (err) {
    shutdown.dispose();
    throw err;
  }

  const signal = await shutdown.received;
  logger.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
  const timer = setTimeout(() => {
    io.stderr.write(`vigil: shutdown did not finish within ${SHUTDOWN_GRACE_MS / 1000}s; exiting\n`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  timer.unref();
  await handle.close();
  clearTimeout(timer);
  logger.info('stopped');
  return 0;
}

function rolesFlag(value: string): Config['roles'] {
  try {
    return parseRoles(value, '--roles');
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message, 'serve');
    throw err;
  }
}

/**
 * A signal this soon after the first is the same request delivered twice, not an impatient operator:
 * under `npm start`, Ctrl-C reaches Vigil from the terminal and again forwarded by npm.
 */
const ECHO_MS = 1000;

/** `received` resolves on the first SIGTERM or SIGINT; a second one while shutting down ends the process at once. */
function shutdownSignals(io: CliIo): { received: Promise<NodeJS.Signals>; dispose(): void } {
  let first: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => {
    first = (signal) => {
      dispose();
      const at = performance.now();
      const again = (repeated: NodeJS.Signals) => {
        if (repeated === signal && performance.now() - at < ECHO_MS) return;
        io.stderr.write('vigil: second signal, exiting without waiting\n');
        process.exit(1);
      };
      process.on('SIGTERM', again);
      process.on('SIGINT', again);
      resolve(signal);
    };
  });
  const dispose = () => {
    process.off('SIGTERM', first);
    process.off('SIGINT', first);
  };
  process.on('SIGTERM', first);
  process.on('SIGINT', first);
  return { received, dispose };
}
