import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_DB } from '../playwright.config';
import { ACCOUNTS, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * The daily backup job as an administrator sees it on /quan-tri/he-thong
 * (docs/decisions/025-backups-and-upgrades.md): its schedule, a run by hand,
 * its outcome — and the file with its checksum in the backup folder beside
 * the database (SQLite: the file itself; PostgreSQL: pg_dump's archive).
 */

const LABEL = /^Sao lưu cơ sở dữ liệu/;
const jobRow = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: LABEL }) });
const BACKUPS = path.join(path.dirname(E2E_DB), 'backups');

test('an administrator runs the backup job and sees where the backup went', async ({ page }) => {
  await signInAs(page, ACCOUNTS.admin);
  await page.goto('/quan-tri/he-thong');
  const row = jobRow(page);
  await expect(row.getByRole('cell').nth(0)).toHaveText('Hằng ngày lúc 01:30');

  await row.getByRole('button', { name: 'Chạy ngay' }).click();
  await expect(row.getByRole('status')).toContainText(/^Đã chạy xong trong /, { timeout: 30_000 });
  await expect(row.getByRole('status')).toContainText(/Đã sao lưu vào hai-long-\d{4}-\d{2}-\d{2}_\d{6}\.(db|dump) \([\d.,]+ (KB|MB)/);
  await page.reload();
  const outcome = jobRow(page).getByRole('cell').nth(2);
  await expect(outcome).toHaveText(/^Thành công: Đã sao lưu vào hai-long-.* giữ \d+ bản thường kỳ/);

  const name = /hai-long-\d{4}-\d{2}-\d{2}_\d{6}\.(db|dump)/.exec((await outcome.textContent()) ?? '')![0];
  expect(fs.statSync(path.join(BACKUPS, name)).size).toBeGreaterThan(10_000);
  expect(fs.readFileSync(path.join(BACKUPS, `${name}.sha256`), 'utf8')).toMatch(new RegExp(`^[0-9a-f]{64}  ${name.replace('.', '\\.')}\\n$`));
  await expectNoSeriousA11yViolations(page);
});
