import { CODES, expect, Q1, Q2, test } from './fixtures';

test.use({ javaScriptEnabled: false });

test.describe('citizen survey with JavaScript disabled', () => {
  test('a plain form post stores the rating and shows the thank-you page', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.counter}`);
    await survey.rate(Q1, 'Hài lòng');
    await survey.rate(Q2, 'Bình thường');
    // Without :has() support the reasons would simply stay visible; Chromium hides them until a low score.
    await page.getByRole('group', { name: 'Lý do chưa hài lòng' }).getByText('Hướng dẫn chưa rõ ràng').click();
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    const stored = (await db.responseByClientId(clientId))!;
    expect(stored.channel).toBe('qr');
    expect((await db.answersOf(stored.id))).toEqual([
      { questionKey: 'q1', score: 4, choice: null },
      { questionKey: 'q2', score: 3, choice: null },
      { questionKey: 'q10', score: null, choice: 'guidance' },
    ]);
  });

  test('the back button and a second submit store one response', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Rất hài lòng');
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    // Restored from the back/forward cache: no new page load, the same form and submission id.
    await page.goBack({ waitUntil: 'commit' });
    await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toBeVisible();
    expect(await survey.submissionId()).toBe(clientId);
    await survey.submit();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    expect((await db.responsesByClientId(clientId))).toBe(1);
  });
});
