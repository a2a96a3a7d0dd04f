import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run the production build against a fresh database: a
 * SQLite file, or with E2E_ENGINE=pg a PostgreSQL database made for each
 * server on the server named by TEST_DATABASE_URL (an administrator URL, as
 * scripts/with-test-postgres.ts hands it). The same specs run on both:
 *
 *   npx playwright test                                                     (SQLite)
 *   npx tsx scripts/with-test-postgres.ts 'E2E_ENGINE=pg npx playwright test'   (PostgreSQL)
 *
 * The PostgreSQL run adds the multi-server specs (e2e/multi-server/), and its
 * last spec stops and starts that PostgreSQL server: it needs the throwaway
 * one with-test-postgres starts when TEST_DATABASE_URL is not set (TEST_PG_CTL).
 * Chromium comes from the system (CHROMIUM_PATH, default Debian's
 * /usr/bin/chromium): `npx playwright install` cannot download here.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;

export const E2E_ENGINE: 'sqlite' | 'pg' = process.env.E2E_ENGINE === 'pg' ? 'pg' : 'sqlite';
if (process.env.E2E_ENGINE && !['sqlite', 'pg'].includes(process.env.E2E_ENGINE)) throw new Error(`E2E_ENGINE=${process.env.E2E_ENGINE}: use sqlite or pg`);
const ADMIN_URL = process.env.TEST_DATABASE_URL;
if (E2E_ENGINE === 'pg' && !ADMIN_URL) {
  throw new Error('E2E_ENGINE=pg needs TEST_DATABASE_URL (run it under `tsx scripts/with-test-postgres.ts`, which starts a throwaway PostgreSQL)');
}

/** Where a server keeps its data: its SQLite file, or its own PostgreSQL database. */
export type E2eDatabase = { kind: 'sqlite'; path: string } | { kind: 'pg'; url: string; name: string };

function pgDatabase(name: string): E2eDatabase {
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${name}`;
  return { kind: 'pg', url: url.toString(), name };
}

/** A server's database and the env and shell prefix that give it a fresh one before `next start`. */
function serverDatabase(file: string, pgName: string, options: { lockTimeoutMs?: number } = {}) {
  const dir = path.dirname(file);
  const database: E2eDatabase = E2E_ENGINE === 'pg' ? pgDatabase(pgName) : { kind: 'sqlite', path: file };
  // The SQLite file's folder also holds the installation's local secrets (db/local-secrets.ts), on both engines.
  const fresh = `rm -rf ${dir} && mkdir -p ${dir}`;
  const prepare =
    database.kind === 'pg' ? `${fresh} && node e2e/pg-database.mjs ${database.name} ${options.lockTimeoutMs ?? 0}` : fresh;
  const env: Record<string, string> = { DATABASE_PATH: file, ...(database.kind === 'pg' ? { DATABASE_URL: database.url } : {}) };
  return { database, prepare, env };
}

export const E2E_DB = 'e2e/.data/e2e.db';
/** The server's test-mode switch (db/store.ts failWhileHeld): SQLite only; e2e/db.ts holdDatabase picks the engine's way. */
export const E2E_DB_BUSY_FLAG = `${E2E_DB}.busy`;

/**
 * A second server on the next port, reached directly as a production server
 * without a proxy would be (TRUST_PROXY=0): what a client writes in
 * X-Forwarded-For must change nothing there. Tests of forged headers use it.
 */
// E2E_DIRECT_PORT: when PORT + 1 is taken (several checkouts testing on one machine).
export const DIRECT_PORT = Number(process.env.E2E_DIRECT_PORT ?? PORT + 1);
export const DIRECT_URL = `http://localhost:${DIRECT_PORT}`;
export const DIRECT_DB = 'e2e/.data-direct/e2e.db';

// On PostgreSQL a statement waiting for another connection's lock gives up after the busy timeout, as SQLite's busy_timeout does (e2e/errors.spec.ts).
const BUSY_TIMEOUT_MS = 1000;
const main = serverDatabase(E2E_DB, `hl_e2e_${PORT}`, { lockTimeoutMs: BUSY_TIMEOUT_MS });
const direct = serverDatabase(DIRECT_DB, `hl_e2e_${DIRECT_PORT}`, { lockTimeoutMs: BUSY_TIMEOUT_MS });
/** The main server's database, and the direct server's, for e2e/db.ts. */
export const E2E_DATABASE = main.database;
export const DIRECT_DATABASE = direct.database;

/**
 * PostgreSQL only: two app servers on ONE database, as a deployment behind a
 * reverse proxy runs them: the same AUTH_SECRET and SIGNAL_SALT, and
 * TRUST_PROXY=1. The specs in e2e/multi-server/ run in their own project,
 * which exists only in E2E_ENGINE=pg runs; a SQLite run never lists them.
 */
// E2E_MULTI_PORT: the first of the two (the second is the next port), when PORT + 2 and + 3 are taken.
const MULTI_PORT = Number(process.env.E2E_MULTI_PORT ?? PORT + 2);
export const MULTI_PORTS = [MULTI_PORT, MULTI_PORT + 1] as const;
export const MULTI_URLS = MULTI_PORTS.map((p) => `http://localhost:${p}`);
export const MULTI_SECRETS = {
  AUTH_SECRET: 'hai-long-e2e-multi-server-secret-not-for-production',
  SIGNAL_SALT: 'hai-long-e2e-multi-server-salt',
} as const;
export const MULTI_DATABASE: E2eDatabase | null = E2E_ENGINE === 'pg' ? pgDatabase(`hl_e2e_${PORT}_multi`) : null;
const MULTI_DB = 'e2e/.data-multi/e2e.db';

/**
 * E-mail: the main server sends through SMTP on this loopback port, where
 * e2e/mail.spec.ts starts its own sink (server/testing-mail.ts) while it
 * runs; the direct server has no e-mail configured (the app says so).
 */
// E2E_SMTP_PORT: when PORT + 4 is taken.
export const SMTP_SINK_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 4);
export const MAIL_FROM = 'Hài Lòng kiểm thử <khong-tra-loi@hailong.test>';

const serverEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  HAILONG_MODE: 'test',
  SEED_RESPONSES: '400',
  // A test holding the database's lock (e2e/errors.spec.ts) should not wait five seconds for the busy page.
  DATABASE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS),
  // 50 calls per 10 seconds per dossier-system key, so e2e/dossier-api.spec.ts reaches the limit in a moment.
  API_CALLS_PER_SECOND: '5',
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      // Real browsers restore a page from the back/forward cache; Playwright turns that off by default.
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'phone',
      testIgnore: '**/e2e/multi-server/**',
      use: { ...devices['Pixel 5'], browserName: 'chromium' },
    },
    // After the phone's specs (one worker runs the projects in this order): the restart spec stops the whole PostgreSQL server.
    ...(E2E_ENGINE === 'pg'
      ? [
          { name: 'multi-server', testDir: 'e2e/multi-server', testIgnore: '**/postgres-restart.spec.ts', use: { baseURL: MULTI_URLS[0] } },
          // Last: it stops and starts the whole PostgreSQL server (TEST_PG_CTL).
          { name: 'pg-restart', testDir: 'e2e/multi-server', testMatch: '**/postgres-restart.spec.ts', use: { baseURL: MULTI_URLS[0] } },
        ]
      : []),
  ],
  webServer: [
    {
      command: `${main.prepare} && next start -p ${PORT}`,
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        ...serverEnv,
        ...main.env,
        PUBLIC_BASE_URL: BASE_URL,
        // Each test sends its own X-Forwarded-For, so network rate limits do not leak between tests.
        TRUST_PROXY: '1',
        SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK_PORT}`,
        MAIL_FROM,
      },
    },
    {
      command: `${direct.prepare} && next start -p ${DIRECT_PORT}`,
      url: `${DIRECT_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { ...serverEnv, ...direct.env, PUBLIC_BASE_URL: DIRECT_URL, TRUST_PROXY: '0' },
    },
    // Started one after the other (Playwright waits for each URL): the first makes the database, migrates and seeds it.
    ...(MULTI_DATABASE?.kind === 'pg'
      ? MULTI_PORTS.map((port, i) => ({
          command: `${i === 0 ? `rm -rf ${path.dirname(MULTI_DB)} && mkdir -p ${path.dirname(MULTI_DB)} && node e2e/pg-database.mjs ${MULTI_DATABASE.name} && ` : ''}next start -p ${port}`,
          url: `${MULTI_URLS[i]}/api/health`,
          reuseExistingServer: false,
          timeout: 120_000,
          stdout: 'pipe' as const,
          stderr: 'pipe' as const,
          env: {
            ...serverEnv,
            ...MULTI_SECRETS,
            // Under a hundred concurrent clients a request may wait a moment for a pooled connection; that is not "busy".
            DATABASE_BUSY_TIMEOUT_MS: '5000',
            DATABASE_PATH: MULTI_DB,
            DATABASE_URL: MULTI_DATABASE.url,
            PUBLIC_BASE_URL: MULTI_URLS[i]!,
            TRUST_PROXY: '1',
          },
        }))
      : []),
  ],
});
