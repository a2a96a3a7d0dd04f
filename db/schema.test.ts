import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineKind } from './engine/kind';
import { openSqliteStore } from './engine/sqlite';
import type { Conn } from './engine/types';
import { openEngineTestStore, type TestStore } from './test-engines';

/**
 * Both engines' migrations must build the same database: the same tables,
 * columns, nullability, defaults, primary keys, unique and plain indexes
 * (by name and columns, in order). Runs in the PostgreSQL project, which has
 * both engines at hand; a column added to one schema only fails here.
 */
type Column = { name: string; family: 'integer' | 'text' | 'boolean' | 'blob'; notNull: boolean; hasDefault: boolean };
type Index = { name: string; unique: boolean; columns: string[] };
type Table = { columns: Column[]; primaryKey: string[]; indexes: Index[] };

async function describeSqlite(conn: Conn): Promise<Record<string, Table>> {
  const names = await conn.all<{ name: string }>(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
  );
  const out: Record<string, Table> = {};
  for (const { name } of names) {
    const info = await conn.all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`pragma table_info("${name}")`);
    const indexList = await conn.all<{ name: string; unique: number; origin: string }>(`pragma index_list("${name}")`);
    const indexes: Index[] = [];
    for (const idx of indexList.filter((i) => i.origin === 'c')) {
      const cols = await conn.all<{ name: string; seqno: number }>(`pragma index_info("${idx.name}")`);
      indexes.push({ name: idx.name, unique: idx.unique === 1, columns: cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.name) });
    }
    out[name] = {
      columns: info.map((c) => ({
        name: c.name,
        family: c.type.toLowerCase() === 'text' ? 'text' : c.type.toLowerCase() === 'blob' ? 'blob' : 'integer',
        // SQLite's INTEGER PRIMARY KEY is never null whatever table_info says.
        notNull: c.notnull === 1 || c.pk > 0,
        hasDefault: c.dflt_value !== null,
      })),
      primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      indexes: indexes.sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
  return out;
}

async function describePg(conn: Conn): Promise<Record<string, Table>> {
  const names = await conn.all<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const out: Record<string, Table> = {};
  for (const { name } of names) {
    const info = await conn.all<{ name: string; type: string; nullable: string; dflt: string | null; identity: string }>(
      `select column_name as name, data_type as type, is_nullable as nullable, column_default as dflt, is_identity as identity
       from information_schema.columns where table_schema = 'public' and table_name = ? order by ordinal_position`,
      [name],
    );
    const idx = await conn.all<{ name: string; unique: number; primary: number; columns: string }>(
      `select i.relname as name, x.indisunique as "unique", x.indisprimary as "primary",
              (select string_agg(a.attname, ',' order by k.ord)
                 from unnest(x.indkey) with ordinality as k(attnum, ord)
                 join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum) as columns
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
       where t.relname = ? and t.relnamespace = 'public'::regnamespace`,
      [name],
    );
    const primary = idx.find((i) => i.primary === 1);
    out[name] = {
      columns: info.map((c) => ({
        name: c.name,
        family: c.type === 'text' ? 'text' : c.type === 'boolean' ? 'boolean' : c.type === 'bytea' ? 'blob' : 'integer',
        notNull: c.nullable === 'NO',
        hasDefault: c.dflt !== null && c.identity !== 'YES',
      })),
      primaryKey: primary ? primary.columns.split(',') : [],
      indexes: idx
        .filter((i) => i.primary !== 1)
        .map((i) => ({ name: i.name, unique: i.unique === 1, columns: i.columns.split(',') }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
  return out;
}

/** SQLite stores booleans as integers; everything else must match. */
function comparable(tables: Record<string, Table>) {
  return Object.fromEntries(
    Object.entries(tables).map(([name, t]) => [
      name,
      {
        ...t,
        // Columns added by a later SQLite migration come last there; order carries no meaning.
        columns: t.columns
          .map((c) => ({ ...c, family: c.family === 'boolean' ? 'integer' : c.family }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    ]),
  );
}

describe.runIf(engineKind() === 'pg')('the PostgreSQL and SQLite schemas after migration', () => {
  let pg: TestStore;
  let dir: string;
  let sqlite: ReturnType<typeof openSqliteStore>;
  beforeAll(async () => {
    pg = await openEngineTestStore();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-schema-'));
    sqlite = openSqliteStore(path.join(dir, 'schema.db'));
  });
  afterAll(async () => {
    await pg.dispose();
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('have the same tables, columns, nullability, defaults, keys and indexes', async () => {
    const fromSqlite = await sqlite.connect(describeSqlite);
    const fromPg = await pg.connect(describePg);
    expect(Object.keys(fromPg)).toEqual(Object.keys(fromSqlite));
    expect(Object.keys(fromSqlite).length).toBeGreaterThan(20);
    expect(comparable(fromPg)).toEqual(comparable(fromSqlite));
  });

  it('keep booleans as booleans and paths and day keys byte-ordered on PostgreSQL', async () => {
    const fromPg = await pg.connect(describePg);
    expect(fromPg.units!.columns.find((c) => c.name === 'active')?.family).toBe('boolean');
    const collations = await pg.conn.all<{ column: string }>(
      `select table_name || '.' || column_name as "column" from information_schema.columns
       where table_schema = 'public' and collation_name = 'C' order by 1`,
    );
    expect(collations.map((c) => c.column)).toEqual(expect.arrayContaining(['units.path', 'rollup_office_days.day', 'rollup_office_months.month']));
  });
});
