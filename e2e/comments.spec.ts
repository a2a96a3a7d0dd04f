import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, test } from './fixtures';

test.describe('comments and replies', () => {
  test('a citizen comments, the office head replies, the citizen reads the reply with the receipt code', async ({ page, survey }) => {
    const text = `Phải chờ quá lâu ở quầy ${Date.now()}.`;
    const reply = 'Cảm ơn Ông/Bà. Trung tâm đã bố trí thêm cán bộ vào giờ cao điểm.';

    // The citizen rates the centre low and leaves a comment.
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Không hài lòng');
    await survey.rate(Q2, 'Rất không hài lòng');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill(text);
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    const receipt = page.getByRole('region', { name: 'Mã tra cứu phản hồi' });
    const code = (await receipt.getByText(/^[23456789A-Z]{8}$/).textContent())!.trim();
    await expect(receipt.getByRole('link', { name: 'Tra cứu phản hồi' })).toHaveAttribute('href', `/tra-cuu?ma=${code}`);

    // Before any reply, the look-up says the comment is new.
    await page.goto(`/tra-cuu?ma=${code.toLowerCase()}`);
    await expect(page.getByRole('heading', { name: `Góp ý mã ${code}` })).toBeVisible();
    await expect(page.getByText('Mới', { exact: true })).toBeVisible();

    // The head of the centre finds it among the low scores and replies.
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/tong-quan');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Góp ý', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Góp ý của người dân' })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Chỉ điểm thấp (1–2)' }).check();
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(/diem-thap=1/);
    const item = page.getByRole('listitem').filter({ hasText: text });
    await expect(item).toHaveCount(1);
    await expect(item.getByText('Thái độ phục vụ: 2/5')).toBeVisible();
    await item.getByLabel('Trạng thái').selectOption({ label: 'Đã trả lời' });
    await item.getByRole('button', { name: 'Lưu' }).click();
    // "Đã trả lời" without a reply is refused with its message.
    await expect(item.getByText('Vui lòng nhập nội dung trả lời để đánh dấu “Đã trả lời”.')).toBeVisible();
    await item.getByLabel('Nội dung trả lời').fill(reply);
    await item.getByRole('button', { name: 'Lưu' }).click();
    await expect(item.getByRole('status')).toContainText('Đã gửi trả lời');
    await expect(item.getByText(reply, { exact: true }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The citizen, signed out, types the code and reads the reply.
    await page.context().clearCookies();
    await page.goto('/tra-cuu');
    await page.getByLabel('Mã tra cứu phản hồi').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(page.getByRole('heading', { name: `Góp ý mã ${code}` })).toBeVisible();
    await expect(page.getByText('Đã trả lời', { exact: true })).toBeVisible();
    await expect(page.getByText(reply)).toBeVisible();
    await expect(page.getByText('Trung tâm Phục vụ hành chính công', { exact: false }).first()).toBeVisible();
    // Nothing the citizen wrote is echoed back to whoever holds the code.
    await expect(page.getByText(text)).toHaveCount(0);
  });

  test('a phone number shown to the office head is audited; the supervisor never sees it', async ({ page, survey, db }) => {
    const phone = `09${String(Date.now()).slice(-8)}`;
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Không hài lòng');
    await survey.rate(Q2, 'Không hài lòng');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill('Xin gọi lại cho tôi về hồ sơ đất đai.');
    await page.getByText('Tôi muốn được liên hệ lại').click();
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill(phone);
    await page.getByRole('checkbox', { name: /Tôi đồng ý/ }).check();
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    const { id } = (await db.responseByClientId(clientId))!;
    const views = async () => (await db.auditActions('response', id)).filter((a) => a.action === 'contacts.view').length;

    await signInAs(page, ACCOUNTS.supervisor);
    await page.goto('/gop-y?lien-he=1');
    await expect(page.getByRole('heading', { level: 1, name: 'Góp ý của người dân' })).toBeVisible();
    await expect(page.getByText(phone)).toHaveCount(0);

    await page.context().clearCookies();
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/gop-y?lien-he=1');
    await expect(page.getByRole('link', { name: phone })).toHaveAttribute('href', `tel:${phone}`);
    // Recorded once the page has been sent.
    await expect.poll(views).toBe(1);

    // The administrator reads it in the audit log under its Vietnamese name.
    await page.context().clearCookies();
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/quan-tri/nhat-ky?action=contacts.view');
    await expect(page.getByRole('cell', { name: 'Xem số điện thoại người góp ý' }).first()).toBeVisible();
  });

  test('an unknown code gets a friendly message, not an error page', async ({ page }) => {
    const res = await page.goto('/tra-cuu?ma=ZZZZZZZZ');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Không tìm thấy mã ZZZZZZZZ' })).toBeVisible();
    // Like the survey, the look-up ships no client runtime.
    await expect(page.locator('script[src*="/_next/"]')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    const bad = await page.goto('/tra-cuu?ma=%00%27;drop');
    expect(bad?.status()).toBe(400);
    await expect(page.getByText(/Mã tra cứu gồm 8 ký tự/)).toBeVisible();
  });

  test('a supervisor reads comments without reply forms, and a bad filter is noted, not a 500', async ({ page }) => {
    await signInAs(page, ACCOUNTS.supervisor);
    const res = await page.goto('/gop-y?trang-thai=xyz&tu=2026-13-45&trang=-1');
    expect(res?.status()).toBe(200);
    await expect(page.getByText('Bộ lọc “trạng thái” không hợp lệ nên đã được bỏ qua.')).toBeVisible();
    await expect(page.getByText('Số trang không hợp lệ nên đang hiển thị trang 1.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lưu' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^tel:|^0\d{9}$/ })).toHaveCount(0);
  });
});
