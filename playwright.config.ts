import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run the production build against a fresh SQLite file.
 * Chromium comes from the system (CHROMIUM_PATH, default Debian's
 * /usr/bin/chromium): `npx playwright install` cannot download here.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
export const E2E_DB = 'e2e/.data/e2e.db';

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
  webServer: {
    command: `rm -rf e2e/.data && mkdir -p e2e/.data && next start -p ${PORT}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      HAILONG_MODE: 'test',
      DATABASE_PATH: E2E_DB,
      PUBLIC_BASE_URL: BASE_URL,
      SEED_RESPONSES: '400',
      // Each test sends its own X-Forwarded-For, so network rate limits do not leak between tests.
      TRUST_PROXY: '1',
    },
  },
});
