import type { Page } from '@playwright/test';
import { E2E_DATABASE } from '../playwright.config';
import { dayKeyOf } from '../lib/indicators/periods';
import { openSql } from './db';
import { ACCOUNTS, CODES, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, OFFICIAL_ACCOUNT, signInAs, test } from './fixtures';

/**
 * An official's advisory figures (issue 14, docs/decisions/023): the head of
 * that office and assessors see them, the official sees only their own,
 * supervisors never any; every view is audited.
 */

const ADVISORY = 'đánh giá tại quầy còn phản ánh thời gian chờ đợi và thủ tục, không chỉ riêng người cán bộ';

/**
 * An official of the centre with 40 attributed ratings today (q1 and q2: 30 × 5, 6 × 4, 4 × 2), written
 * as the submit path writes them: the ratings and the official's day and month rollups.
 */
async function officialWithRatings(name: string): Promise<number> {
  const rw = await openSql(E2E_DATABASE, { write: true });
  try {
    const unitId = (await rw.value<number>('select id from units where code = ?', [CODES.centre]))!;
    const now = Date.now();
    await rw.run('insert into officials (unit_id, full_name, search_name, position, updated_at) values (?, ?, ?, ?, ?)', [unitId, name, name.toLowerCase(), 'chuyên viên', now]);
    const id = (await rw.value<number>('select id from officials where full_name = ?', [name]))!;
    const day = dayKeyOf(now);
    for (const key of ['q1', 'q2']) {
      await rw.run('insert into rollup_official_days (official_id, day, question_key, excluded, n1, n2, n3, n4, n5) values (?, ?, ?, false, 0, 4, 0, 6, 30)', [id, day, key]);
      await rw.run('insert into rollup_official_months (official_id, month, question_key, excluded, n1, n2, n3, n4, n5) values (?, ?, ?, false, 0, 4, 0, 6, 30)', [id, day.slice(0, 7), key]);
    }
    return id;
  } finally {
    await rw.close();
  }
}

async function expectNotFound(page: Page, url: string) {
  const res = await page.goto(url);
  expect(res!.status(), url).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang Ông/Bà cần');
}

test("the office head sees an official's figures, advisory, with n and the interval, and the view is audited", async ({ page, db }) => {
  const name = `Cao Thị Số Liệu ${Date.now() % 100000}`;
  const id = await officialWithRatings(name);
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/can-bo');
  await page.getByRole('link', { name: `Kết quả của ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kết quả đánh giá: ${name}`);
  await expect(page.getByText(ADVISORY)).toBeVisible();
  const card = page.locator('.card').filter({ hasText: 'Tỷ lệ hài lòng (câu “Nhìn chung…”)' });
  await expect(card).toContainText('90');
  await expect(card).toContainText('n = 40');
  await expect(card).toContainText('khoảng tin cậy 95 %');
  await expect(page.getByRole('heading', { name: 'Phân bố năm mức đánh giá' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Diễn biến theo tháng' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const views = (await db.auditActions('official', id)).filter((a) => a.action === 'official.figures.view');
  expect(views.length).toBeGreaterThanOrEqual(1);

  // Below the minimum sample: no rate, the rule said.
  await page.goto(`/can-bo/${id}/ket-qua?ky=7-ngay`);
  await expect(card).toContainText('n = 40');
  const empty = await officialWithRatings(`${name} B`);
  const rw = await openSql(E2E_DATABASE, { write: true });
  await rw.run('update rollup_official_days set n5 = 10 where official_id = ?', [empty]);
  await rw.run('update rollup_official_months set n5 = 10 where official_id = ?', [empty]);
  await rw.close();
  await page.goto(`/can-bo/${empty}/ket-qua`);
  await expect(page.locator('.card').first()).toContainText('Chưa đủ dữ liệu (n = 20 < 30)');
});

test('a comment linked on the comments page appears on the official’s figures', async ({ page }) => {
  const name = `Mạc Văn Góp Ý ${Date.now() % 100000}`;
  const id = await officialWithRatings(name);
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/gop-y');
  // Held by its own id: comments submitted meanwhile by other specs move the list.
  const titleId = (await page.locator('.comment-item article').first().getAttribute('aria-labelledby'))!;
  const item = page.locator('.comment-item').filter({ has: page.locator(`[id="${titleId}"]`) });
  const text = (await item.locator('.comment-text').innerText()).trim();
  await item.getByLabel('Cán bộ được nhắc tới trong góp ý').selectOption({ label: `${name} (chuyên viên)` });
  await item.getByRole('button', { name: 'Lưu cán bộ được nhắc tới' }).click();
  await expect(item.getByText('Đã gắn góp ý với cán bộ.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/can-bo/${id}/ket-qua?ky=nam-nay`);
  const linked = page.getByRole('region', { name: 'Góp ý liên quan đến cán bộ' });
  await expect(linked.getByText(text)).toBeVisible();
});

test('an assessor sees figures in scope; a supervisor sees no individual figure at all', async ({ page, browser }) => {
  const name = `Tô Thị Phạm Vi ${Date.now() % 100000}`;
  const id = await officialWithRatings(name);
  await signInAs(page, ACCOUNTS.assessor);
  await page.goto(`/can-bo/${id}/ket-qua`);
  await expect(page.getByText(ADVISORY)).toBeVisible();
  await expectNotFound(page, `/can-bo/${id}`);

  // The ward's assessor: the centre is not in the ward.
  const ward = await browser.newContext();
  const wardPage = await ward.newPage();
  await signInAs(wardPage, ACCOUNTS.assessorHoaLu);
  await expectNotFound(wardPage, `/can-bo/${id}/ket-qua`);
  await ward.close();

  const sup = await browser.newContext();
  const supPage = await sup.newPage();
  await signInAs(supPage, ACCOUNTS.supervisor);
  await supPage.goto('/tong-quan');
  const nav = supPage.getByRole('navigation', { name: 'Chức năng' });
  await expect(nav.getByRole('link', { name: 'Cán bộ', exact: true })).toHaveCount(0);
  for (const url of ['/can-bo', `/can-bo/${id}`, `/can-bo/${id}/ket-qua`, '/ca-nhan']) await expectNotFound(supPage, url);
  // The comments page names no official to a supervisor.
  await supPage.goto('/gop-y');
  await expect(supPage.getByText('Cán bộ được nhắc tới')).toHaveCount(0);
  await sup.close();
});

test('the official signs in to their own figures and can open nothing else', async ({ page, db }) => {
  const other = (await db.sql.value<number>('select o.id from officials o where o.full_name = ?', ['Trần Văn Minh']))!;
  const own = (await db.sql.value<number>('select o.id from officials o join users u on u.id = o.user_id where u.username = ?', [OFFICIAL_ACCOUNT.login]))!;
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(OFFICIAL_ACCOUNT.login);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/ca-nhan/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả đánh giá của tôi');
  await expect(page.getByText(OFFICIAL_ACCOUNT.fullName).first()).toBeVisible();
  await expect(page.getByText(ADVISORY)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Chức năng' });
  await expect(nav.getByRole('link')).toHaveText(['Kết quả của tôi']);
  await expectNoSeriousA11yViolations(page);
  expect((await db.auditActions('official', own)).some((a) => a.action === 'official.figures.view')).toBe(true);

  await page.goto('/tong-quan');
  await expect(page).toHaveURL(/\/ca-nhan/);
  for (const url of [`/can-bo/${other}/ket-qua`, `/can-bo/${own}/ket-qua`, `/can-bo/${own}`, '/can-bo', '/thong-ke', '/gop-y']) await expectNotFound(page, url);
});
