import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, test } from './fixtures';

/**
 * What a citizen reads after rating and around it: a low score is answered
 * with what happens next, not a smile; the reply lookup is reachable from the
 * home page and the survey, in English too; the 404 page and the posters
 * carry English.
 */
test.describe('after a low score', () => {
  test('the thank-you page thanks without a smiling face, says what happens next and gives the receipt code', async ({ page, survey }) => {
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Rất không hài lòng');
    await survey.rate(Q2, 'Không hài lòng');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill('Cán bộ thu thêm 200.000 đồng ngoài quy định.');
    await survey.submit();

    await expect(page.getByRole('heading', { level: 1, name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    await expect(page.getByText('Chúng tôi rất tiếc vì Ông/Bà chưa hài lòng.')).toBeVisible();
    await expect(page.locator('svg.face')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toHaveCount(0);
    const next = page.getByRole('region', { name: 'Điều gì diễn ra tiếp theo' });
    await expect(next).toContainText('Lãnh đạo Trung tâm Phục vụ hành chính công tỉnh Ninh Bình được báo ngay về đánh giá chưa hài lòng này');
    await expect(next).toContainText('Cơ quan sẽ trả lời góp ý của Ông/Bà.');
    const receipt = page.getByRole('region', { name: 'Mã tra cứu phản hồi' });
    const code = (await receipt.locator('.receipt').textContent())!.trim();
    await expect(receipt.getByRole('link', { name: 'Tra cứu phản hồi' })).toHaveAttribute('href', `/tra-cuu?ma=${code}`);
    await expectNoSeriousA11yViolations(page);

    // The reply can be followed up with the code.
    await receipt.getByRole('link', { name: 'Tra cứu phản hồi' }).click();
    await expect(page.getByRole('heading', { name: `Góp ý mã ${code}` })).toBeVisible();
  });

  test('without a comment it says where to report something specific', async ({ page, survey }) => {
    await page.goto(`/s/${CODES.counter}`);
    await survey.rate(Q1, 'Không hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    await survey.submit();
    await expect(page.getByRole('heading', { level: 1, name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Điều gì diễn ra tiếp theo' })).toContainText('Cổng Dịch vụ công quốc gia');
    await expect(page.getByRole('region', { name: 'Mã tra cứu phản hồi' })).toHaveCount(0);
  });

  test('a good rating still gets the smiling thanks', async ({ page, survey }) => {
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Bình thường');
    await survey.submit();
    await expect(page.getByRole('heading', { level: 1, name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    await expect(page.locator('.thanks svg.face')).toHaveCount(1);
  });

  test('in English: what happens next, and the lookup opens in English with the code', async ({ page, survey }) => {
    await page.goto(`/s/${CODES.centre}?lang=en`);
    await survey.rate(/attitude of the official/, 'Very dissatisfied');
    await survey.rate(/Overall/, 'Very dissatisfied');
    await page.getByLabel('Other comments (optional)').fill('I was asked for a fee that is not in the rules.');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thank you for telling us' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'What happens next' })).toContainText('The office will reply to your comment.');
    const receipt = page.getByRole('region', { name: 'Reply look-up code' });
    const code = (await receipt.locator('.receipt').textContent())!.trim();
    await expect(receipt.getByRole('link', { name: 'Look up the reply' })).toHaveAttribute('href', `/tra-cuu?ma=${code}&lang=en`);
    await expectNoSeriousA11yViolations(page);

    await receipt.getByRole('link', { name: 'Look up the reply' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Look up the reply to a comment' })).toBeVisible();
    const result = page.getByRole('region', { name: `Comment ${code}` });
    await expect(result).toContainText('Received');
    await expect(result).toContainText('The office has received your comment');
    await expectNoSeriousA11yViolations(page);
    // One tap back to Vietnamese, the code kept.
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect(page.getByRole('heading', { name: `Góp ý mã ${code}` })).toBeVisible();
  });
});

test.describe('the reply lookup is never a dead end', () => {
  test('the home page and the survey link to it, in their language', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Tra cứu phản hồi góp ý' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tra cứu phản hồi góp ý' })).toBeVisible();

    await page.goto('/?lang=en');
    await page.getByRole('link', { name: 'Look up a reply' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Look up the reply to a comment' })).toBeVisible();

    await page.goto(`/s/${CODES.centre}`);
    await page.getByRole('link', { name: 'Đã gửi góp ý trước đây? Tra cứu phản hồi của cơ quan' }).click();
    await expect(page).toHaveURL(/\/tra-cuu$/);

    await page.goto(`/s/${CODES.centre}?lang=en`);
    await page.getByRole('link', { name: "Sent a comment before? Look up the office's reply" }).click();
    await expect(page).toHaveURL(/\/tra-cuu\?lang=en$/);
  });

  test('the English lookup checks the code in English', async ({ page }) => {
    const bad = await page.goto('/tra-cuu?lang=en&ma=abc');
    expect(bad?.status()).toBe(400);
    await expect(page.getByLabel('Reply look-up code')).toHaveAccessibleDescription(/A look-up code has 8 characters/);
    const missing = await page.goto('/tra-cuu?lang=en&ma=ZZZZZZZZ');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'No comment found with the code ZZZZZZZZ' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('English on the 404 page and the posters', () => {
  test('an unknown code answers 404 in the language asked, with a line in the other', async ({ page }) => {
    const en = await page.goto('/s/ZZZZZZ?lang=en');
    expect(en?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'The page you asked for was not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Home page in English' })).toHaveAttribute('href', '/?lang=en');
    await expectNoSeriousA11yViolations(page);

    const vi = await page.goto(`/s/${CODES.disabled}`);
    expect(vi?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang Ông/Bà cần' })).toBeVisible();
    const english = page.getByRole('region', { name: 'The page you asked for was not found' });
    await expect(english).toHaveAttribute('lang', 'en');
    await english.getByRole('link', { name: 'Home page in English' }).click();
    await expect(page.getByText('Have you just dealt with a public office?')).toBeVisible();

    // Any address no page answers gets the same page.
    const unknown = await page.goto('/khong-co-trang-nay');
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang Ông/Bà cần' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('a poster carries one English line', async ({ page }) => {
    await signInAs(page, ACCOUNTS.admin);
    await page.goto(`/poster/${CODES.counter}`);
    const poster = page.getByRole('article');
    await expect(poster.getByText('Quét mã QR để đánh giá sự hài lòng của Ông/Bà')).toBeVisible();
    const english = poster.getByText('Scan to rate this office, in English too: anonymous, under 15 seconds.');
    await expect(english).toBeVisible();
    await expect(english).toHaveAttribute('lang', 'en');
    await expectNoSeriousA11yViolations(page);
  });
});
