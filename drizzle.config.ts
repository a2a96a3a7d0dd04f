import { defineConfig } from 'drizzle-kit';

// One config per engine: `npm run db:generate` writes the migrations of both (db/migrations/<engine>).
const engine = process.env.DRIZZLE_ENGINE === 'pg' ? 'pg' : 'sqlite';

export default engine === 'pg'
  ? defineConfig({ dialect: 'postgresql', schema: './db/schema.pg.ts', out: './db/migrations/pg' })
  : defineConfig({
      dialect: 'sqlite',
      schema: './db/schema.sqlite.ts',
      out: './db/migrations/sqlite',
      dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/hai-long.db' },
    });
