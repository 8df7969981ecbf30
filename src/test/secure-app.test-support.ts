// The real HTTP app on loopback with the security options under test, a
// captured warn-level log, and one admin key.
import { after, before } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Clock } from '../lib/clock.js';
import { createApiKey } from '../services/api-keys/createApiKey.js';
import type { ServiceContext } from '../services/context.js';
import type { Database } from '../store/database.js';
import type { Dialect } from '../store/migrations/columns.js';
import { openTestDatabase } from './databases.test-support.js';
import { buildApp, type AppOptions } from '../web/app.js';

export interface SecureApp {
  base: string;
  keys: { admin: string; read: string };
  database: Database;
  /** Log lines written so far (JSON objects). */
  logs(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Options of the app; a function receives the database first (e.g. to give the app an engine on it). */
export type SecureAppOptions = Partial<AppOptions> | ((database: Database) => Partial<AppOptions> & { stop?: () => Promise<void> });
type Resolved = Partial<AppOptions> & { stop?: () => Promise<void> };

export async function startSecureApp(dialect: Dialect, clock: Clock, given: SecureAppOptions = {}): Promise<SecureApp> {
  const { database, close } = await openTestDatabase(dialect);
  const { stop, ...options }: Resolved = typeof given === 'function' ? given(database) : given;
  const ctx: ServiceContext = { db: database.db, clock, actor: { type: 'cli', id: null, name: 'test' } };
  const keys = {
    admin: (await createApiKey(ctx, { name: 'admin', scope: 'admin' })).key,
    read: (await createApiKey(ctx, { name: 'reader', scope: 'read' })).key,
  };
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  const app = await buildApp({ db: database.db, clock, logger, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    base: `http://127.0.0.1:${address.port}`,
    keys,
    database,
    logs: () => lines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    close: async () => {
      await app.close();
      await stop?.();
      await close();
    },
  };
}

/** Starts the app before the suite's tests and closes it after them; read members inside hooks or tests. */
export function useSecureApp(dialect: Dialect, clock: Clock, options: SecureAppOptions = {}): SecureApp {
  let running: SecureApp | undefined;
  before(async () => {
    running = await startSecureApp(dialect, clock, options);
  });
  after(() => running?.close());
  return new Proxy({} as SecureApp, {
    get(_target, member) {
      if (!running) throw new Error(`the app is not running: read app.${String(member)} inside a hook or test`);
      return Reflect.get(running, member);
    },
  });
}
