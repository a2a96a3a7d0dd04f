import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { engineKind } from './engine/kind';
import { openPgStore } from './engine/pg';
import { openSqliteStore } from './engine/sqlite';
import type { Conn, Store } from './engine/types';

/**
 * A fresh, migrated database for one test on this process's engine (never a
 * mock): a SQLite file, or a PostgreSQL database copied from the migrated
 * template that vitest's global setup made (vitest.pg-setup.ts). Unique
 * indexes, foreign keys, locks and types behave exactly as in production.
 */
export type TestStore = Store & { conn: Conn; dispose(): Promise<void> };

export async function openEngineTestStore(): Promise<TestStore> {
  return engineKind() === 'pg' ? openPgTestStore() : openSqliteTestStore();
}

async function openSqliteTestStore(): Promise<TestStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-test-'));
  const store = openSqliteStore(path.join(dir, 'test.db'));
  const conn = await store.connect(async (c) => c);
  return Object.assign(store, {
    conn,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

async function openPgTestStore(): Promise<TestStore> {
  const admin = process.env.TEST_DATABASE_URL;
  const template = process.env.HAILONG_PG_TEMPLATE;
  if (!admin || !template) throw new Error('PostgreSQL tests run through `npm run test:unit` (vitest.pg-setup.ts makes the template)');
  const name = `hl_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(admin, `create database ${name} template ${template}`);
  const store = await openPgStore(withDatabase(admin, name), { migrate: false, poolSize: 4 });
  const conn = await store.connect(async (c) => c);
  return Object.assign(store, {
    conn,
    async dispose() {
      await store.close();
      await adminQuery(admin, `drop database if exists ${name} with (force)`);
    },
  });
}

export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
