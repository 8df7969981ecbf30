// Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL
// database created on the server named by VIGIL_TEST_DATABASE_URL (scripts/test.mjs
// provides one). Each suite gets its own and drops it afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { newId } from '../lib/ids.js';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import type { Dialect } from '../store/migrations/columns.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  dialect: Dialect;
  /** A URL Vigil itself accepts as VIGIL_DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.VIGIL_TEST_DATABASE_URL;
  if (!url) throw new Error('VIGIL_TEST_DATABASE_URL is not set: run the tests with `npm test`, or point it at a PostgreSQL server');
  return url;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
    return { dialect, url: join(dir, 'vigil.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `vigil_t_${newId()}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A migrated database opened through Vigil's own store, plus its cleanup. */
export async function openTestDatabase(dialect: Dialect): Promise<{ database: Database; testDb: TestDatabase; close(): Promise<void> }> {
  const testDb = await createTestDatabase(dialect);
  const database = openDatabase(testDb.url);
  await migrateToLatest(database);
  return {
    database,
    testDb,
    close: async () => {
      await database.close();
      await testDb.drop();
    },
  };
}
