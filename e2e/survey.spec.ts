import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, test } from './fixtures';

test.describe('citizen survey from a QR poster', () => {
  test('poster → scan the PNG QR → rate → thank-you, and the response is stored', async ({ page, survey, db, request, baseURL }) => {
    // Posters are printed by the staff who manage the office.
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto(`/poster/${CODES.counter}`);
    const counter = (await db.counterByCode(CODES.counter))!;
    await expect(page.getByText(counter.name)).toBeVisible();

    // Decode the print-resolution PNG the poster offers, as a phone camera would.
    const pngHref = await page.getByRole('link', { name: /PNG/ }).getAttribute('href');
    const png = await request.get(pngHref!);
    expect(png.headers()['content-type']).toBe('image/png');
    const image = PNG.sync.read(await png.body());
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    // The QR holds the public address the app is configured with (PUBLIC_BASE_URL = the test server's).
    expect(decoded?.data).toBe(`${baseURL}/s/${CODES.counter}`);

    await page.goto(decoded!.data);
    await expect(page.getByRole('heading', { level: 1, name: 'Đánh giá sự hài lòng' })).toBeVisible();
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill('Cán bộ hướng dẫn rất tận tình.');
    const clientId = await survey.submissionId();
    await survey.submit();

    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    const stored = (await db.responseByClientId(clientId))!;
    expect(stored).toMatchObject({ channel: 'qr', counter_id: counter.id, unit_id: counter.unitId, comment: 'Cán bộ hướng dẫn rất tận tình.', excluded: 0 });
    expect((await db.answersOf(stored.id))).toEqual([
      { questionKey: 'q1', score: 5, choice: null },
      { questionKey: 'q2', score: 4, choice: null },
    ]);
    // The receipt shown to the citizen is the one stored with the comment.
    await expect(page.getByText(stored.receipt_code!, { exact: true })).toBeVisible();
    // Abuse signals are stored as salted hashes, never as the address itself.
    expect(stored.network_hash).toMatch(/^[0-9a-f]{32}$/);
  });

  test('reasons appear only for a low score, and are stored', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    const reasons = page.getByRole('group', { name: 'Lý do chưa hài lòng' });
    await expect(reasons).toBeHidden();
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    await expect(reasons).toBeHidden();
    await survey.rate(Q2, 'Không hài lòng');
    await expect(reasons).toBeVisible();
    await reasons.getByText('Phải chờ lâu').click();
    await reasons.getByText('Trễ hẹn trả kết quả').click();
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    const stored = (await db.responseByClientId(clientId))!;
    expect((await db.answersOf(stored.id)).filter((a) => a.questionKey === 'q10').map((a) => a.choice)).toEqual(['waiting', 'late']);
  });

  test('optional questions stay collapsed and can be answered', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    const more = page.getByText('Đánh giá chi tiết hơn (không bắt buộc)');
    await expect(page.getByRole('group', { name: /Thời gian chờ đợi/ })).toBeHidden();
    await more.click();
    await survey.rate(/Thời gian chờ đợi/, 'Bình thường');
    await page.getByRole('group', { name: /đi lại mấy lần/ }).getByText('2 lần').click();
    await page.getByLabel('Lĩnh vực/thủ tục đã thực hiện').selectOption({ index: 1 });
    await survey.rate(Q1, 'Hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    const stored = (await db.responseByClientId(clientId))!;
    expect((await db.answersOf(stored.id))).toEqual([
      { questionKey: 'q1', score: 4, choice: null },
      { questionKey: 'q2', score: 4, choice: null },
      { questionKey: 'q6', score: 3, choice: null },
      { questionKey: 'q8', score: null, choice: 'two' },
    ]);
  });

  test('a double tap on the submit button stores one response', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    const clientId = await survey.submissionId();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).dblclick();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    expect((await db.responsesByClientId(clientId))).toBe(1);
  });

  test('the comment counter shows the length and the limit', async ({ page }) => {
    await page.goto(`/s/${CODES.centre}`);
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill('Tốt lắm');
    await expect(page.getByText('7/500 ký tự')).toBeVisible();
  });

  test('a phone number without consent is refused with its message, and stored once consent is given', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Không hài lòng');
    await survey.rate(Q2, 'Rất không hài lòng');
    await page.getByText('Tôi muốn được liên hệ lại').click();
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912 345 678');
    const before = (await db.countResponses());
    await survey.submit();
    await expect(page.getByRole('alert')).toContainText('Chưa gửi được đánh giá');
    await expect(page.getByText('Để lưu số điện thoại, Ông/Bà cần đánh dấu ô đồng ý').first()).toBeVisible();
    expect((await db.countResponses())).toBe(before);
    // The answers are kept on the page; tick the box and send again.
    await expect(survey.question(Q1).getByRole('radio', { name: 'Không hài lòng', exact: true })).toBeChecked();
    const consent = page.getByRole('checkbox', { name: /Tôi đồng ý/ });
    await expect(consent).not.toBeChecked();
    await consent.check();
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    const stored = (await db.responseByClientId(clientId))!;
    expect((await db.contactOf(stored.id))).toEqual({ phone: '0912345678', consentVersion: 'lien-he-v1' });
  });

  test('English is one tap away and the rating keeps its language', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rate your visit' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await survey.rate(/attitude of the official/, 'Very satisfied');
    await survey.rate(/Overall/, 'Satisfied');
    const clientId = await survey.submissionId();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect((await db.responseByClientId(clientId))?.lang).toBe('en');
  });

  test('an unknown or disabled code shows the friendly Vietnamese 404 page', async ({ page }) => {
    for (const code of ['ZZZZZZ', CODES.disabled, 'not-a-code']) {
      const res = await page.goto(`/s/${code}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Không tìm thấy trang Ông/Bà cần' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Về trang chủ' })).toBeVisible();
    }
  });

  test('home page finds an office without accents and its ratings have channel web', async ({ page, survey, db }) => {
    await page.goto('/');
    await page.getByLabel('Tìm cơ quan, đơn vị').fill('trung tam phuc vu hanh chinh cong tinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    const centre = (await db.unitByCode(CODES.centre))!;
    await page.getByRole('link', { name: centre.name }).click();
    await survey.rate(Q1, 'Hài lòng');
    await survey.rate(Q2, 'Rất hài lòng');
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    expect((await db.responseByClientId(clientId))).toMatchObject({ channel: 'web', unit_id: centre.id, counter_id: null });
  });

  test('the home page in English: the switch keeps the search, and an office opens its survey in English', async ({ page, db }) => {
    await page.goto('/?q=gia+vien');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/[?&]lang=en/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByText('Have you just dealt with a public office?')).toBeVisible();
    await expect(page.getByRole('heading', { name: /offices? found for “gia vien”/ })).toBeVisible();

    // A new search stays in English.
    await page.getByLabel('Find an office').fill('trung tam phuc vu hanh chinh cong tinh');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/lang=en/);
    const centre = (await db.unitByCode(CODES.centre))!;
    await page.getByRole('link', { name: centre.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rate your visit' })).toBeVisible();

    // And back to Vietnamese, search kept.
    await page.goto('/?q=gia+vien&lang=en');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect(page.getByRole('heading', { name: /cơ quan cho “gia vien”/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'English' })).toBeVisible();
  });

  test('accessibility: home, survey, thank-you and 404 have no serious violations', async ({ page, survey }) => {
    // Six axe runs: more than the default 30 s when the machine is busy.
    test.setTimeout(60_000);
    await page.goto('/');
    await expectNoSeriousA11yViolations(page);
    await page.goto('/?lang=en&q=gia+vien');
    await expectNoSeriousA11yViolations(page);
    await page.goto(`/s/${CODES.centre}`);
    await expectNoSeriousA11yViolations(page);
    await survey.rate(Q1, 'Bình thường');
    await page.getByText('Đánh giá chi tiết hơn (không bắt buộc)').click();
    await page.getByText('Tôi muốn được liên hệ lại').click();
    await expectNoSeriousA11yViolations(page);
    // Past the browser's own required-field check, to see the server's error summary.
    await page.locator('form[data-survey]').evaluate((f) => f.setAttribute('novalidate', ''));
    await survey.submit();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await survey.rate(Q2, 'Bình thường');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill('Góp ý để kiểm tra trang cảm ơn.');
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.goto('/s/ZZZZZZ');
    await expectNoSeriousA11yViolations(page);
  });
});
