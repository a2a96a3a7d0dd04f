import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, test } from './fixtures';

test.describe('comments and replies', () => {
  test('a citizen comments with reasons; the office head finds it by receipt code, reads the reasons and scores, replies in one step; the citizen reads the reply', async ({ page, survey }) => {
    const text = `Phải chờ quá lâu ở quầy ${Date.now()}.`;
    const reply = 'Cảm ơn Ông/Bà. Trung tâm đã bố trí thêm cán bộ vào giờ cao điểm.';

    // The citizen rates the centre low, picks two reasons and leaves a comment.
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Không hài lòng');
    await survey.rate(Q2, 'Rất không hài lòng');
    const reasons = page.getByRole('group', { name: 'Lý do chưa hài lòng' });
    await reasons.getByText('Phải chờ lâu').click();
    await reasons.getByText('Trễ hẹn trả kết quả').click();
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

    // The head of the centre types the code the citizen reads out (lower case, with a space).
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/tong-quan');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Góp ý', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Góp ý của người dân' })).toBeVisible();
    await page.getByLabel('Mã tra cứu').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(/[?&]ma=/);
    await expect(page.getByLabel('Mã tra cứu')).toHaveValue(code);
    await expect(page.getByText('Góp ý 1–1 trong 1 góp ý khớp bộ lọc')).toBeVisible();
    const items = page.locator('ol.comment-list > li');
    await expect(items).toHaveCount(1);
    const item = items.first();
    await expect(item.getByText(text)).toBeVisible();
    await expect(item.getByText(code, { exact: true })).toBeVisible();
    // The scores and the reasons the citizen chose, under the question set's Vietnamese labels.
    const scores = item.getByRole('list', { name: 'Điểm đánh giá' });
    await expect(scores.getByRole('listitem')).toHaveText(['Thái độ phục vụ: 2/5', 'Hài lòng chung: 1/5']);
    await expect(item.getByRole('term')).toHaveText(['Lý do chưa hài lòng']);
    await expect(item.getByRole('definition')).toHaveText(['Phải chờ lâu; Trễ hẹn trả kết quả']);
    await expect(item.locator('.comment-head').getByText('Mới', { exact: true })).toBeVisible();

    // The reply form is folded away until asked for.
    const replyBox = item.getByRole('textbox', { name: 'Nội dung trả lời' });
    await expect(replyBox).toBeHidden();
    await item.getByText(/^Trả lời góp ý #\d+$/).click();
    await expect(replyBox).toBeVisible();
    // An empty reply is refused with its message, and nothing changes.
    await item.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect(item.getByText('Vui lòng nhập nội dung trả lời.')).toBeVisible();
    await expect(replyBox).toHaveAttribute('aria-invalid', 'true');
    // A typed reply is sent as it is: no status to switch first; the comment becomes answered.
    await replyBox.fill(reply);
    await item.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect(item.getByText('Đã gửi trả lời; góp ý chuyển sang “Đã trả lời”.', { exact: false })).toBeVisible();
    await expect(item.locator('.comment-head').getByText('Đã trả lời', { exact: true })).toBeVisible();
    await expect(item.locator('.comment-reply').getByText(reply, { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // After a reload the reply is stored, the form folded again under "Sửa câu trả lời".
    await page.reload();
    await expect(item.locator('.comment-reply').getByText(reply, { exact: true })).toBeVisible();
    await expect(item.getByRole('textbox', { name: 'Nội dung trả lời' })).toBeHidden();
    await expect(item.getByText(/^Sửa câu trả lời góp ý #\d+$/)).toBeVisible();

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

    // Another office's head searching that code finds nothing: it is not in their scope.
    await signInAs(page, ACCOUNTS.headHoaLu);
    await page.goto(`/gop-y?ma=${code}`);
    await expect(page.getByText('Không có góp ý nào khớp bộ lọc.')).toBeVisible();
    await expect(page.getByText(text)).toHaveCount(0);
  });

  test('text search finds a comment with or without diacritics, and "Đang xử lý" is set without a reply', async ({ page, survey }) => {
    const token = String(Date.now());
    const text = `Hồ sơ đất đai bị trả lại nhiều lần, mã ${token}.`;
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Bình thường');
    await survey.rate(Q2, 'Hài lòng');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill(text);
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();

    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/gop-y');
    await page.getByRole('searchbox', { name: 'Tìm trong nội dung' }).fill(`HO SO DAT DAI ${token}`);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(/tim=HO\+SO\+DAT\+DAI/);
    const items = page.locator('ol.comment-list > li');
    await expect(items).toHaveCount(1);
    await expect(items.first().getByText(text)).toBeVisible();
    // No reason was asked for a fair score: none is shown; the scores are.
    await expect(items.first().getByRole('term')).toHaveCount(0);
    await expect(items.first().getByRole('list', { name: 'Điểm đánh giá' }).getByRole('listitem')).toHaveText(['Thái độ phục vụ: 3/5', 'Hài lòng chung: 4/5']);

    // "Đã trả lời" cannot be chosen by status alone before a reply exists; "Đang xử lý" can.
    await items.first().getByText(/^Trả lời góp ý #\d+$/).click();
    const status = items.first().getByRole('combobox', { name: 'Trạng thái' });
    await expect(status.getByRole('option')).toHaveText(['Mới', 'Đang xử lý']);
    await status.selectOption({ label: 'Đang xử lý' });
    await items.first().getByRole('button', { name: 'Đổi trạng thái' }).click();
    await expect(items.first().getByText('Đã chuyển trạng thái thành “Đang xử lý”.')).toBeVisible();
    await expect(items.first().locator('.comment-head').getByText('Đang xử lý', { exact: true })).toBeVisible();

    // A search that matches nothing says so.
    await page.goto(`/gop-y?tim=${encodeURIComponent(`không có ${token}x`)}`);
    await expect(page.getByText('Không có góp ý nào khớp bộ lọc.')).toBeVisible();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the folded reply form opens and a reply is sent and marks the comment answered', async ({ page, survey }) => {
      const text = `Không có ghế chờ ${Date.now()}.`;
      await page.goto(`/s/${CODES.centre}`);
      await survey.rate(Q1, 'Hài lòng');
      await survey.rate(Q2, 'Bình thường');
      await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill(text);
      await survey.submit();
      const code = (await page.getByRole('region', { name: 'Mã tra cứu phản hồi' }).getByText(/^[23456789A-Z]{8}$/).textContent())!.trim();

      await signInAs(page, ACCOUNTS.headCentre);
      await page.goto(`/gop-y?ma=${code}`);
      const item = page.locator('ol.comment-list > li');
      await expect(item).toHaveCount(1);
      await expect(item.getByRole('textbox', { name: 'Nội dung trả lời' })).toBeHidden();
      await item.getByText(/^Trả lời góp ý #\d+$/).click();
      await item.getByRole('textbox', { name: 'Nội dung trả lời' }).fill('Trung tâm đã bổ sung ghế chờ.');
      await item.getByRole('button', { name: 'Gửi trả lời' }).click();
      await expect(item.locator('.comment-head').getByText('Đã trả lời', { exact: true })).toBeVisible();
      await expect(item.locator('.comment-reply').getByText('Trung tâm đã bổ sung ghế chờ.', { exact: true })).toBeVisible();
    });
  });

  test.describe('on an office PC (1366×768)', () => {
    test.use({ viewport: { width: 1366, height: 768 } });

    test('twenty comments a page, folded forms, page links that keep the filters, and the old links still work', async ({ page }) => {
      await signInAs(page, ACCOUNTS.assessor);
      await page.goto('/gop-y');
      const items = page.locator('ol.comment-list > li');
      await expect(items).toHaveCount(20);
      const summary = (await page.getByText(/^Góp ý 1–20 trong [\d.]+ góp ý · trang 1\/\d+\.$/).textContent())!;
      const total = Number(/trong ([\d.]+) góp ý/.exec(summary)![1]!.replace(/\./g, ''));
      expect(total).toBeGreaterThan(20);
      // An assessor reads; office heads answer. Either way no reply box is open on arrival.
      await expect(page.getByRole('textbox', { name: 'Nội dung trả lời' })).toHaveCount(0);
      // The page is a list to scan, not 32,000 px of forms.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(9000);
      await expectNoSeriousA11yViolations(page);

      // Filters from another page's link (?tu=&den=&trang-thai=) still apply, and page links keep them.
      await page.goto('/gop-y?sap-xep=cu-nhat&tu=2020-01-01');
      await expect(page.getByLabel('Sắp xếp')).toHaveValue('cu-nhat');
      await expect(page.getByLabel('Từ ngày')).toHaveValue('01/01/2020');
      const nav = page.getByRole('navigation', { name: 'Phân trang' });
      await expect(nav.getByText('Trang 1', { exact: true })).toHaveAttribute('aria-current', 'page');
      await nav.getByRole('link', { name: 'Trang 2', exact: true }).click();
      await expect(page).toHaveURL(/\?tu=2020-01-01&sap-xep=cu-nhat&trang=2$/);
      await expect(page.getByText(/^Góp ý 21–\d+ trong [\d.]+ góp ý khớp bộ lọc · trang 2\//)).toBeVisible();
      await expect(page.getByLabel('Sắp xếp')).toHaveValue('cu-nhat');
      // Oldest first: each comment on the page is no newer than the next.
      const times = await page.locator('ol.comment-list time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!)));
      expect(times.length).toBeGreaterThan(0);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      await expect(nav.getByRole('link', { name: 'Trang 1', exact: true })).toHaveAttribute('href', '/gop-y?tu=2020-01-01&sap-xep=cu-nhat');

      // "Chưa trả lời": new and in progress, never answered.
      await page.goto('/gop-y?trang-thai=unanswered');
      await expect(page.getByLabel('Trạng thái')).toHaveValue('unanswered');
      await expect(items.first()).toBeVisible();
      await expect(page.locator('ol.comment-list .comment-head').getByText('Đã trả lời', { exact: true })).toHaveCount(0);

      await page.goto('/gop-y?trang-thai=new');
      await expect(page.getByLabel('Trạng thái')).toHaveValue('new');
      await expect(page.locator('ol.comment-list .comment-head .badge').first()).toHaveText('Mới');
    });
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
    await expect(page.getByRole('button', { name: 'Gửi trả lời' })).toHaveCount(0);
    await expect(page.getByText(/^Trả lời góp ý #\d+$/)).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^tel:|^0\d{9}$/ })).toHaveCount(0);
    // A receipt code that cannot be one is noted and dropped, like any bad filter.
    await page.goto('/gop-y?ma=abc');
    await expect(page.getByText(/^Mã tra cứu gồm 8 ký tự chữ và số/)).toBeVisible();
  });
});
