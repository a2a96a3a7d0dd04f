import fs from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import { E2E_DB_BUSY_FLAG } from '../playwright.config';
import { holdDatabase } from './db';
import { ACCOUNTS, CODES, expect, signInAs, test } from './fixtures';

/**
 * What people see when the database cannot serve them (docs/security.md,
 * "Errors"). Two ways to make it fail for real:
 * - a second connection from this process holding the write lock past the
 *   server's busy timeout (DATABASE_BUSY_TIMEOUT_MS, 1 s in e2e): in WAL mode
 *   that stops writers only;
 * - for pages that only read, the server's test-mode switch `<db>.busy`
 *   (db/store.ts failWhileHeld), which fails every use of the database as SQLite does
 *   when it is locked.
 * Neither Next's default error texts nor a stack may ever reach the person.
 * On PostgreSQL the same two holds are table locks (e2e/db.ts holdDatabase)
 * that the server waits for past its lock_timeout, then answers "busy".
 */
const NEXT_DEFAULTS = /Application error|Internal Server Error|This page could not be found|client-side exception|at .+\.js:\d+/;

async function whileBusy<T>(work: () => Promise<T>): Promise<T> {
  const busy = await holdDatabase('everything');
  try {
    return await work();
  } finally {
    await busy.release();
  }
}

async function expectBusyNotice(page: Page) {
  const notice = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Hệ thống đang bận' }) });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Hệ thống đang bận. Vui lòng thử lại sau ít giây.');
  await expect(page.locator('body')).not.toContainText(NEXT_DEFAULTS);
}

test.afterEach(() => fs.rmSync(E2E_DB_BUSY_FLAG, { force: true }));

// Next logs a 5xx answer in the browser console, so the console-checking fixture of ./fixtures is not used for pages that get one.
base.describe('a citizen page while the database is busy', () => {
  for (const [what, path] of [
    ['the survey', `/s/${CODES.centre}`],
    ['the thank-you page', `/s/${CODES.centre}/cam-on?ma=HKMN2345`],
    ['the reply lookup', '/tra-cuu?ma=HKMN2345'],
    ['the home page', '/'],
    ['a search on the home page', '/?q=ninh+binh'],
  ] as const) {
    base(`${what} answers 503 with Retry-After and a Vietnamese page without scripts; then works again`, async ({ page, request }) => {
      const res = await whileBusy(() => request.get(path));
      expect(res.status()).toBe(503);
      expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
      expect(res.headers()['cache-control']).toContain('no-store');
      const html = await res.text();
      expect(html).toContain('Hệ thống đang bận');
      expect(html).toContain('<html lang="vi"');
      expect(html).not.toMatch(NEXT_DEFAULTS);
      expect(html).not.toContain('<script');

      // In the browser: the page, and a "Thử lại" that is the very same address (the typed code is kept).
      await whileBusy(async () => {
        await page.goto(path).catch(() => undefined);
        await expect(page.getByRole('heading', { level: 1, name: 'Hệ thống đang bận' })).toBeVisible();
        await expect(page.getByRole('link', { name: 'Thử lại' })).toHaveAttribute('href', path);
      });
      await page.getByRole('link', { name: 'Thử lại' }).click();
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Hệ thống đang bận');
    });
  }
});

base.describe('the home page in English while the database is busy', () => {
  base('says it in English, with "Try again"', async ({ page }) => {
    await whileBusy(async () => {
      await page.goto('/?lang=en').catch(() => undefined);
      await expect(page.getByRole('heading', { level: 1, name: 'The system is busy' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/?lang=en');
    });
  });
});

base.describe('an App Router page while the database is busy', () => {
  base('a staff page shows the same message in place of its content; "Thử lại" works once the database is free', async ({ page }) => {
    await signInAs(page, ACCOUNTS.admin);
    await whileBusy(async () => {
      await page.goto('/thong-ke');
      await expectBusyNotice(page);
    });
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await expect(page.getByRole('navigation', { name: 'Chức năng' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Hệ thống đang bận' })).toHaveCount(0);
  });
});

test.describe('a staff form while another connection holds the write lock', () => {
  test('says the system is busy beside the form and keeps what was typed; saved once the lock is released', async ({ page }) => {
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/canh-bao');
    const form = page.getByRole('form', { name: /^Quy tắc cảnh báo của / }).first();
    const count = form.getByLabel('Số đánh giá mức 1–2');
    await count.fill('7');
    const lock = await holdDatabase('writes');
    try {
      await form.getByRole('button', { name: 'Lưu quy tắc' }).click();
      await expect(form.getByText('Hệ thống đang bận. Vui lòng thử lại sau ít giây.')).toBeVisible();
      await expect(count).toHaveValue('7');
    } finally {
      await lock.release();
    }
    await form.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await expect(form.getByText(/^Đã lưu quy tắc: cảnh báo khi có 7 /)).toBeVisible();
  });
});

test.describe('the QR image while the database is busy', () => {
  test('answers 503 with Retry-After and a Vietnamese text', async ({ request }) => {
    const res = await whileBusy(() => request.get(`/qr/${CODES.centre}.svg`));
    expect(res.status()).toBe(503);
    expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
    expect(await res.text()).toBe('Hệ thống đang bận. Vui lòng thử lại sau ít giây.');
    expect((await request.get(`/qr/${CODES.centre}.svg`)).status()).toBe(200);
  });
});
