import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { queryAll, queryOne } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, SurveyPage, test } from './fixtures';
import { newNetwork } from './network';

/**
 * Personal data (PDPL 2025): a citizen erases the phone number left with a
 * comment by the receipt code, with no account and no JavaScript; staff record
 * a request received by phone; phone numbers and e-mail addresses typed into a
 * comment are masked before they are stored.
 */

const aPhone = () => `09${String(randomInt(10_000_000, 99_999_999))}`;

/** Rates the centre with a comment and a consented phone number; returns the receipt code. */
async function rateWithContact(page: Page, { comment, phone }: { comment: string; phone: string }): Promise<string> {
  const survey = new SurveyPage(page);
  await page.goto(`/s/${CODES.centre}`);
  // Neutral, not low: these ratings must not add to another spec's alert burst.
  await survey.rate(Q1, 'Bình thường');
  await survey.rate(Q2, 'Bình thường');
  await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill(comment);
  await page.getByText('Tôi muốn được liên hệ lại').click();
  await page.getByRole('textbox', { name: 'Số điện thoại' }).fill(phone);
  await page.getByRole('checkbox', { name: /Tôi đồng ý/ }).check();
  await survey.submit();
  await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
  return (await page.getByRole('region', { name: 'Mã tra cứu phản hồi' }).getByText(/^[23456789A-Z]{8}$/).textContent())!.trim();
}

const contactsOf = (code: string) =>
  queryAll<{ phone: string }>('select c.phone from contacts c join responses r on r.id = c.response_id where r.receipt_code = ?', [code]);

test.describe('privacy', () => {
  test('a citizen without JavaScript erases their phone number with the receipt code and sees that it is done; the comment was stored masked', async ({ browser, baseURL, page }) => {
    const plain = await browser.newContext({ baseURL, locale: 'vi-VN', javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': newNetwork() } });
    const citizen = await plain.newPage();
    const phone = aPhone();
    const code = await rateWithContact(citizen, { comment: `Xin gọi lại số 0912 345 678 hoặc thư nguyen.van.a@gmail.com ${Date.now()}`, phone });

    // Stored: the consented number apart, and nothing personal left in the comment.
    const stored = await queryOne<{ comment: string }>('select comment from responses where receipt_code = ?', [code]);
    expect(stored.comment).toMatch(/^Xin gọi lại số \[số điện thoại đã ẩn\] hoặc thư \[e-mail đã ẩn\] \d+$/);
    expect(await contactsOf(code)).toEqual([{ phone }]);

    // From the reply look-up to the erasure page.
    await citizen.goto(`/tra-cuu?ma=${code}`);
    await citizen.getByRole('link', { name: 'Yêu cầu xoá số điện thoại đã để lại' }).click();
    await expect(citizen.getByRole('heading', { level: 1, name: 'Xoá số điện thoại đã để lại' })).toBeVisible();
    const section = citizen.getByRole('region', { name: `Góp ý mã ${code}` });
    await expect(section).toContainText('đang lưu số điện thoại Ông/Bà để lại');
    await expect(citizen.getByText(phone)).toHaveCount(0);

    // Without the confirmation box: refused with its message, nothing erased.
    await section.getByRole('button', { name: 'Xoá số điện thoại của tôi' }).click();
    await expect(citizen.getByText('Ông/Bà vui lòng đánh dấu ô xác nhận trước khi gửi yêu cầu.')).toBeVisible();
    expect(await contactsOf(code)).toEqual([{ phone }]);

    await citizen.getByRole('checkbox', { name: /Tôi hiểu rằng số điện thoại sẽ bị xoá ngay/ }).check();
    await citizen.getByRole('button', { name: 'Xoá số điện thoại của tôi' }).click();
    await expect(citizen).toHaveURL(`/xoa-so-dien-thoai?ma=${code}`);
    const done = citizen.getByRole('status').filter({ has: citizen.getByRole('heading', { name: 'Đã xoá số điện thoại' }) });
    await expect(done).toBeVisible();
    await expect(done).toContainText('Người dân tự yêu cầu trên trang xoá số điện thoại');
    await expect(done.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)).toHaveCount(2);
    expect(await contactsOf(code)).toEqual([]);
    const audit = await queryAll<{ after: string }>(
      "select a.after from audit_log a join responses r on a.entity_id = cast(r.id as text) where a.action = 'contact.erase' and r.receipt_code = ?",
      [code],
    );
    expect(audit.map((a) => JSON.parse(a.after) as unknown)).toEqual([{ channel: 'citizen', note: null }]);

    // A day later the code still says it is done (no form any more).
    await citizen.goto(`/xoa-so-dien-thoai?ma=${code.toLowerCase()}`);
    await expect(citizen.getByRole('heading', { name: 'Đã xoá số điện thoại' })).toBeVisible();
    await expect(citizen.getByRole('button', { name: 'Xoá số điện thoại của tôi' })).toHaveCount(0);
    await plain.close();

    // Unknown and malformed codes say so.
    const unknown = await page.goto('/xoa-so-dien-thoai?ma=ZZZZZZZZ');
    expect(unknown!.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Không tìm thấy mã ZZZZZZZZ' })).toBeVisible();
    const bad = await page.goto('/xoa-so-dien-thoai?ma=12');
    expect(bad!.status()).toBe(400);
    await expect(page.getByText(/^Mã tra cứu gồm 8 ký tự/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.goto(`/xoa-so-dien-thoai?ma=${code}`);
    await expectNoSeriousA11yViolations(page);
    // The reply look-up, which now links here.
    await page.goto(`/tra-cuu?ma=${code}`);
    await expect(page.getByRole('link', { name: 'Yêu cầu xoá số điện thoại đã để lại' })).toHaveAttribute('href', `/xoa-so-dien-thoai?ma=${code}`);
    await expectNoSeriousA11yViolations(page);
  });

  test('a post from another site is refused', async ({ request }) => {
    const res = await request.post('/xoa-so-dien-thoai', {
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      data: 'ma=ABCD2345&dongY=on',
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('Yêu cầu này phải được gửi từ trang của Hài Lòng');
  });

  test('the centre head records a request received by phone; the citizen sees by the code that it is done', async ({ page, browser, baseURL }) => {
    const phone = aPhone();
    const citizenContext = await browser.newContext({ baseURL, locale: 'vi-VN', extraHTTPHeaders: { 'x-forwarded-for': newNetwork() } });
    const citizen = await citizenContext.newPage();
    const code = await rateWithContact(citizen, { comment: `Cần được gọi lại ${Date.now()}`, phone });

    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/tong-quan');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Yêu cầu xoá SĐT' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Yêu cầu xoá số điện thoại' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Nothing typed: every problem at once, in Vietnamese.
    await page.getByRole('button', { name: 'Xoá số điện thoại' }).click();
    await expect(page.getByText('Nhập mã tra cứu hoặc số điện thoại người dân yêu cầu xoá.')).toBeVisible();
    await expect(page.getByText(/^Vui lòng ghi cách nhận yêu cầu/)).toBeVisible();

    await page.getByRole('textbox', { name: 'Hoặc số điện thoại cần xoá' }).fill(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
    await page.getByRole('textbox', { name: 'Cách nhận yêu cầu' }).fill('Người dân gọi điện đến bộ phận một cửa');
    await page.getByRole('button', { name: 'Xoá số điện thoại' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã xoá số điện thoại khỏi 1 phiếu đánh giá.' })).toBeVisible();
    expect(await contactsOf(code)).toEqual([]);
    const row = page.getByRole('region', { name: 'Đã xoá gần đây' }).getByRole('row').filter({ hasText: code });
    await expect(row).toContainText('Cán bộ ghi nhận yêu cầu (điện thoại, trực tiếp)');
    await expect(row).toContainText('Phạm Thị Hành');
    await expect(row).toContainText('Người dân gọi điện đến bộ phận một cửa');

    // The same number again (the form is empty after a success): nothing left to erase.
    await expect(page.getByRole('textbox', { name: 'Cách nhận yêu cầu' })).toHaveValue('');
    await page.getByRole('textbox', { name: 'Hoặc số điện thoại cần xoá' }).fill(phone);
    await page.getByRole('textbox', { name: 'Cách nhận yêu cầu' }).fill('Người dân gọi lại lần hai');
    await page.getByRole('button', { name: 'Xoá số điện thoại' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Không tìm thấy số điện thoại này trong phạm vi của Ông/Bà.' })).toBeVisible();

    await citizen.goto(`/xoa-so-dien-thoai?ma=${code}`);
    await expect(citizen.getByRole('heading', { name: 'Đã xoá số điện thoại' })).toBeVisible();
    await expect(citizen.getByRole('status')).toContainText('Cán bộ ghi nhận yêu cầu (điện thoại, trực tiếp)');
    await citizenContext.close();
  });
});
