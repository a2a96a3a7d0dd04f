import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: every test on the embedded SQLite, and every test that
 * touches the database again on PostgreSQL (TEST_DATABASE_URL, a server the
 * tests may create databases on; scripts/with-test-postgres.ts starts a
 * throwaway one). DATABASE_URL only names the engine here: each test opens
 * its own database (db/testing.ts).
 */
const onDatabase = ['db/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'];

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['lib/**/*.test.ts', ...onDatabase],
          env: { DATABASE_URL: '' },
        },
      },
      {
        extends: true,
        test: {
          name: 'pg',
          include: onDatabase,
          env: { DATABASE_URL: 'postgres://one-database-per-test' },
          globalSetup: ['./vitest.pg-setup.ts'],
        },
      },
    ],
  },
});
