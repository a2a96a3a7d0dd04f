import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run the production build against a fresh SQLite file.
 * Chromium comes from the system (CHROMIUM_PATH, default Debian's
 * /usr/bin/chromium): `npx playwright install` cannot download here.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
export const E2E_DB = 'e2e/.data/e2e.db';

/**
 * A second server on the next port, reached directly as a production server
 * without a proxy would be (TRUST_PROXY=0): what a client writes in
 * X-Forwarded-For must change nothing there. Tests of forged headers use it.
 */
// E2E_DIRECT_PORT: when PORT + 1 is taken (several checkouts testing on one machine).
export const DIRECT_PORT = Number(process.env.E2E_DIRECT_PORT ?? PORT + 1);
export const DIRECT_URL = `http://localhost:${DIRECT_PORT}`;
export const DIRECT_DB = 'e2e/.data-direct/e2e.db';

const serverEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  HAILONG_MODE: 'test',
  SEED_RESPONSES: '400',
  // A test holding the database's lock (e2e/errors.spec.ts) should not wait five seconds for the busy page.
  DATABASE_BUSY_TIMEOUT_MS: '1000',
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
      use: { ...devices['Pixel 5'], browserName: 'chromium' },
    },
  ],
  webServer: [
    {
      command: `rm -rf e2e/.data && mkdir -p e2e/.data && next start -p ${PORT}`,
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        ...serverEnv,
        DATABASE_PATH: E2E_DB,
        PUBLIC_BASE_URL: BASE_URL,
        // Each test sends its own X-Forwarded-For, so network rate limits do not leak between tests.
        TRUST_PROXY: '1',
      },
    },
    {
      command: `rm -rf e2e/.data-direct && mkdir -p e2e/.data-direct && next start -p ${DIRECT_PORT}`,
      url: `${DIRECT_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { ...serverEnv, DATABASE_PATH: DIRECT_DB, PUBLIC_BASE_URL: DIRECT_URL, TRUST_PROXY: '0' },
    },
  ],
});
