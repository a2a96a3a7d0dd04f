import type { Page } from '@playwright/test';
import { queryOne } from './db';
import { ACCOUNTS, expect, expectNoSeriousA11yViolations, rateVeryLowAsNewCitizen, signInAs, test } from './fixtures';

/**
 * The staff navigation's alerts link, by its accessible name: "Cảnh báo", or
 * "Cảnh báo, 4 mục cần xử lý" (Chromium puts a space before the comma of the
 * visually hidden text).
 */
const alertsLink = (page: Page, count: number) =>
  page
    .getByRole('navigation', { name: 'Chức năng' })
    .getByRole('link', { name: count === 0 ? /^Cảnh báo$/ : new RegExp(`^Cảnh báo ?, ${count.toLocaleString('vi-VN')} mục cần xử lý$`) });

/** The number in a section heading such as "Góp ý chưa trả lời (12, 2 mới)". */
async function headingCount(page: Page, name: RegExp): Promise<number> {
  const text = (await page.getByRole('heading', { level: 2, name }).textContent())!;
  return Number(text.match(/\((\d+)/)![1]);
}

function alertState(id: number) {
  return queryOne<{ acknowledgedAt: number | null; note: string | null }>('select acknowledged_at as "acknowledgedAt", note from alerts where id = ?', [id]);
}

test.describe('alerts', () => {
  test('three ratings of 1 raise an alert the centre head acknowledges with a note; what waits stays counted until handled; another office never sees it', async ({ page, browser, baseURL }) => {
    test.setTimeout(150_000);
    await signInAs(page, ACCOUNTS.headCentre);

    // Close whatever earlier tests left open and look at every low rating, so only what follows waits.
    await page.goto('/canh-bao');
    const openSection = page.getByRole('region', { name: /^Cảnh báo đang mở/ });
    for (let left = await openSection.getByRole('listitem').count(); left > 0; left--) {
      const item = openSection.getByRole('listitem').first();
      await item.getByLabel('Ghi chú xử lý').fill('Đã xử lý trước khi kiểm thử.');
      await item.getByRole('button', { name: 'Xác nhận đã xử lý' }).click();
      await expect(page.getByRole('status').filter({ hasText: /Đã xác nhận cảnh báo #/ })).toBeVisible();
    }
    await expect(openSection.getByText('Không có cảnh báo nào đang mở.')).toBeVisible();
    const lowSection = page.getByRole('region', { name: /^Đánh giá thấp chưa xử lý/ });
    while ((await lowSection.getByText('Không có đánh giá thấp nào đang chờ xử lý.').count()) === 0) {
      await lowSection.getByRole('button', { name: /^Đánh dấu (cả \d+ đánh giá|đánh giá) trên là đã xem xét$/ }).click();
      await expect(lowSection.getByRole('status')).toContainText(/Đã đánh dấu \d+ đánh giá thấp là đã xem xét\./);
      await page.reload();
    }
    // Unanswered comments stay counted: the badge is exactly them now.
    const comments = await headingCount(page, /^Góp ý chưa trả lời/);
    await expect(alertsLink(page, comments)).toBeVisible();

    for (let i = 0; i < 3; i++) await rateVeryLowAsNewCitizen(browser, baseURL!);

    // The badge counts the three low ratings and the open alert, on top of the comments.
    await page.goto('/tong-quan');
    await expect(alertsLink(page, comments + 4)).toBeVisible();
    await alertsLink(page, comments + 4).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cảnh báo' })).toBeVisible();
    // Seeing the page handles nothing: the count stays; what is new is marked "Mới".
    await expect(page.getByRole('heading', { level: 2, name: 'Cảnh báo đang mở (1, 1 mới)' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Đánh giá thấp chưa xử lý (3, 3 mới)' })).toBeVisible();
    await expect(lowSection.getByText('Mới', { exact: true })).toHaveCount(3);
    await expectNoSeriousA11yViolations(page);
    // A head interrupted mid-page comes back to the same list, no longer marked new.
    await page.goto('/tong-quan');
    await expect(alertsLink(page, comments + 4)).toBeVisible();
    await page.goto('/canh-bao');
    await expect(page.getByRole('heading', { level: 2, name: 'Cảnh báo đang mở (1)' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Đánh giá thấp chưa xử lý (3)' })).toBeVisible();
    await expect(lowSection.getByText('Mới', { exact: true })).toHaveCount(0);
    await expect(alertsLink(page, comments + 4)).toBeVisible();

    const centreName = (await lowSection.getByRole('cell').nth(1).textContent())!;
    const alert = openSection.getByRole('listitem');
    await expect(alert).toHaveCount(1);
    await expect(alert.getByRole('heading', { level: 3 })).toContainText(centreName);
    await expect(alert).toContainText('3 đánh giá thấp');
    await expect(alert).toContainText('3 đánh giá mức 1–2 trong vòng 60 phút');
    await expect(lowSection.getByRole('row')).toHaveCount(4);
    await expect(lowSection.getByRole('cell', { name: '1/5' })).toHaveCount(3);

    // One low rating looked at: it stops waiting, the others stay.
    await lowSection.getByRole('button', { name: /^Đã xem xét đánh giá #\d+$/ }).first().click();
    await expect(lowSection.getByRole('status')).toHaveText('Đã đánh dấu 1 đánh giá thấp là đã xem xét.');
    await expect(page.getByRole('heading', { level: 2, name: 'Đánh giá thấp chưa xử lý (2)' })).toBeVisible();
    await expect(lowSection.getByRole('row')).toHaveCount(3);
    await page.goto('/tong-quan');
    await expect(alertsLink(page, comments + 3)).toBeVisible();
    await page.goto('/canh-bao');
    await expectNoSeriousA11yViolations(page);

    const id = Number((await alert.getByRole('heading', { level: 3 }).textContent())!.match(/#(\d+)/)![1]);
    const form = alert.getByRole('form', { name: `Xác nhận cảnh báo #${id}` });

    // The head of Hoa Lư neither sees it nor can acknowledge it by replaying the centre's form.
    // The form as served before any script runs carries the action's reference (progressive enhancement).
    const plain = await browser.newContext({ baseURL, locale: 'vi-VN', javaScriptEnabled: false });
    const plainPage = await plain.newPage();
    await signInAs(plainPage, ACCOUNTS.headCentre);
    await plainPage.goto('/canh-bao');
    const fields = await plainPage.getByRole('form', { name: `Xác nhận cảnh báo #${id}` }).evaluate((f: HTMLFormElement) => {
      const data = new FormData(f);
      data.set('note', 'Không phải đơn vị của tôi.');
      return [...data.entries()].map(([k, v]) => [k, String(v)] as const);
    });
    await plain.close();
    const other = await browser.newContext({ baseURL, locale: 'vi-VN' });
    const otherPage = await other.newPage();
    await signInAs(otherPage, ACCOUNTS.headHoaLu);
    await otherPage.goto('/canh-bao');
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Cảnh báo' })).toBeVisible();
    await expect(otherPage.getByText(`Cảnh báo #${id}`)).toHaveCount(0);
    const replay = await otherPage.request.post('/canh-bao', { multipart: Object.fromEntries(fields), headers: { origin: baseURL! } });
    expect(replay.status()).toBeLessThan(500);
    // The action ran and answered as for a missing alert; nothing changed.
    expect(await replay.text()).toContain('Không tìm thấy mục này, hoặc Ông/Bà không có quyền với nó.');
    expect(await alertState(id)).toEqual({ acknowledgedAt: null, note: null });
    await other.close();

    // The centre head: a note is required, then the alert moves to "Đã xác nhận" with the note, who and when.
    await form.getByRole('button', { name: 'Xác nhận đã xử lý' }).click();
    await expect(form.getByText('Vui lòng ghi chú việc đơn vị đã làm (ví dụ: đã kiểm tra quầy, đã nhắc nhở cán bộ).')).toBeVisible();
    await expect(form.getByLabel('Ghi chú xử lý')).toHaveAttribute('aria-invalid', 'true');
    const note = 'Đã kiểm tra quầy và nhắc nhở cán bộ tiếp dân.';
    await form.getByLabel('Ghi chú xử lý').fill(note);
    await form.getByRole('button', { name: 'Xác nhận đã xử lý' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Đã xác nhận cảnh báo #${id}` })).toBeVisible();
    await expect(openSection.getByText('Không có cảnh báo nào đang mở.')).toBeVisible();
    const done = page.getByRole('region', { name: /^Đã xác nhận/ }).getByRole('listitem').filter({ hasText: `Cảnh báo #${id}` });
    await expect(done).toContainText(note);
    await expect(done).toContainText(/Phạm Thị Hành, lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await alertState(id)).toMatchObject({ note });
    await expectNoSeriousA11yViolations(page);

    // The alert is closed and with it the low ratings of its burst: only the comments still wait.
    await expect(page.getByRole('heading', { level: 2, name: 'Đánh giá thấp chưa xử lý (0)' })).toBeVisible();
    await page.goto('/tong-quan');
    await expect(alertsLink(page, comments)).toBeVisible();
  });

  test('a supervisor reads alerts without forms, and a bad URL value is noted, not a 500', async ({ page }) => {
    await signInAs(page, ACCOUNTS.supervisor);
    const res = await page.goto('/canh-bao?don-vi=abc&trang=0');
    expect(res?.status()).toBe(200);
    await expect(page.getByText('Bộ lọc “đơn vị” không hợp lệ nên đã được bỏ qua.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Xác nhận đã xử lý' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Quy tắc cảnh báo' })).toHaveCount(0);
  });

  test('an administrator sets an office rule; a value out of range is refused with its message', async ({ page }) => {
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/canh-bao');
    const rules = page.getByRole('region', { name: 'Quy tắc cảnh báo' });
    // Hoa Lư, not the centre: the first test counts on the centre's default rule.
    await rules.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Trung tâm Phục vụ hành chính công phường Hoa Lư' });
    await rules.getByRole('button', { name: 'Xem quy tắc' }).click();
    await expect(page).toHaveURL(/don-vi=\d+/);
    await expect(rules).toContainText('Đây là quy tắc mặc định.');
    await rules.getByLabel('Số đánh giá mức 1–2').fill('1');
    await rules.getByLabel('Trong vòng (phút)').fill('30');
    await rules.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await expect(rules.getByText('Số đánh giá thấp ít nhất là 2.')).toBeVisible();
    await rules.getByLabel('Số đánh giá mức 1–2').fill('4');
    await rules.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await expect(rules.getByRole('status')).toContainText('Đã lưu quy tắc: cảnh báo khi có 4 đánh giá mức 1–2 trong vòng 30 phút.');
    await expect(rules).toContainText('Đang bật: cảnh báo khi có 4 đánh giá mức 1–2 trong vòng 30 phút.');
    await expectNoSeriousA11yViolations(page);
  });
});
