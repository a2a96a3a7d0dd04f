import { ACCOUNTS, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * The public finder on the home page (db/queries/office-search.ts, lib/office-match.ts):
 * whole words and word prefixes before letters inside a word, ranked, and
 * units' aliases (former names after the 2025 mergers) searched the same way.
 */
const CENTRE = 'Trung tâm Phục vụ hành chính công';

async function search(page: import('@playwright/test').Page, query: string) {
  await page.goto('/');
  await page.getByLabel('Tìm cơ quan, đơn vị').fill(query);
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page).toHaveURL(/[?&]q=/);
}

/** The offices listed as results, in order: each link's office name. */
const resultNames = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: /cơ quan cho|offices? found/ }).locator('.office-name').allTextContents();

test.describe('the finder', () => {
  test('"ha nam" finds the offices of the former Hà Nam province by their former names, not "hành … Nam Định"', async ({ page }) => {
    await search(page, 'ha nam');
    await expect(page.getByRole('heading', { level: 2, name: 'Tìm thấy 2 cơ quan cho “ha nam”' })).toBeVisible();
    expect(await resultNames(page)).toEqual([`${CENTRE} phường Duy Tiên`, `${CENTRE} phường Phủ Lý`]);
    // Each says why it was found.
    const phuLy = page.getByRole('link', { name: new RegExp(`${CENTRE} phường Phủ Lý`) });
    await expect(phuLy).toContainText('Tên cũ, tên khác: Thành phố Phủ Lý, tỉnh Hà Nam');
    await expect(page.getByRole('link', { name: /phường Nam Định/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // The office opens its survey.
    await phuLy.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Đánh giá sự hài lòng' })).toBeVisible();
    await expect(page.getByText(`${CENTRE} phường Phủ Lý`, { exact: true })).toBeVisible();
  });

  test('whole words rank first; a former department name finds the department it merged into', async ({ page }) => {
    await search(page, 'nam dinh');
    expect((await resultNames(page))[0]).toBe(`${CENTRE} phường Nam Định`);

    await search(page, 'so lao dong thuong binh');
    expect(await resultNames(page)).toEqual(['Sở Nội vụ']);
    await expect(page.getByRole('link', { name: /Sở Nội vụ/ })).toContainText('Sở Lao động – Thương binh và Xã hội');

    // Word prefixes when no word is whole, accent-insensitively.
    await search(page, 'SỞ TƯ PH');
    expect(await resultNames(page)).toEqual(['Sở Tư pháp']);
  });

  test('in English the same search says why in English', async ({ page }) => {
    await page.goto('/?lang=en&q=ha+nam');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 2, name: '2 offices found for “ha nam”' })).toBeVisible();
    await expect(page.getByRole('link', { name: /phường Phủ Lý/ })).toContainText('Formerly or also: Thành phố Phủ Lý, tỉnh Hà Nam');
    await expectNoSeriousA11yViolations(page);
  });

  test("an administrator gives a unit its former name on the unit's page; citizens then find its office by it", async ({ page, db }) => {
    const unitId = await db.unitIdByName('Xã Yên Khánh');
    await search(page, 'huyen yen khanh');
    await expect(page.getByRole('heading', { level: 2, name: 'Không tìm thấy cơ quan nào cho “huyen yen khanh”' })).toBeVisible();

    await signInAs(page, ACCOUNTS.admin);
    await page.goto(`/quan-tri/don-vi/${unitId}`);
    const details = page.locator('form').filter({ has: page.getByRole('button', { name: 'Lưu thông tin' }) });
    const aliases = details.getByLabel('Tên cũ, tên gọi khác (không bắt buộc)');
    await expect(aliases).toHaveAccessibleDescription(/Mỗi dòng một tên/);
    // Too long a name is refused with a Vietnamese message, and what was typed stays.
    await aliases.fill(`Huyện Yên Khánh\n${'Rất dài '.repeat(30)}`);
    await details.getByRole('button', { name: 'Lưu thông tin' }).click();
    await expect(aliases).toHaveAccessibleDescription(/Mỗi tên tối đa 200 ký tự/);
    await expectNoSeriousA11yViolations(page);
    await aliases.fill('Huyện Yên Khánh, tỉnh Ninh Bình\n  huyen yen khanh, tinh ninh binh  ');
    await details.getByRole('button', { name: 'Lưu thông tin' }).click();
    await expect(page.getByText('Đã lưu thông tin đơn vị.')).toBeVisible();
    // Repeats (whatever their accents) are kept once.
    await page.reload();
    await expect(page.locator('form').filter({ has: page.getByRole('button', { name: 'Lưu thông tin' }) }).getByLabel('Tên cũ, tên gọi khác (không bắt buộc)')).toHaveValue(
      'Huyện Yên Khánh, tỉnh Ninh Bình',
    );
    expect((await db.auditActions('unit', unitId)).map((a) => a.action)).toContain('unit.rename');

    await search(page, 'huyen yen khanh');
    expect(await resultNames(page)).toEqual([`${CENTRE} xã Yên Khánh`]);
    await expect(page.getByRole('link', { name: /xã Yên Khánh/ })).toContainText('Huyện Yên Khánh, tỉnh Ninh Bình');
  });
});
