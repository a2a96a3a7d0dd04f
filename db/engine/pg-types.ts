import pg from 'pg';

/**
 * node-postgres hands bigint and numeric as strings (they may not fit a JS
 * number) and booleans as true/false. Counts, sums and epoch milliseconds
 * here always fit, and SQLite returns numbers and 0/1, so the app's pool (and
 * the e2e checks, e2e/db.ts) read them the same way: raw SQL means the same on both engines.
 */
export const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    if (oid === pg.types.builtins.BOOL) return (v: string) => (v === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
