import { ACCOUNTS, CODES, expect, signInAs, test } from './fixtures';

/**
 * A daily chart asked for over 26 years was 9,500 points and a 5.9 MB page
 * (lib/indicators/chart-data.ts MAX_CHART_POINTS): the page now draws months,
 * says so in Vietnamese, and shows the bucket it drew in the form.
 */

const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const monthsSince2000 = (Number(today.slice(0, 4)) - 2000) * 12 + Number(today.slice(5, 7));

test('a daily chart since 2000 is drawn by month, with a note, in a page well under 1 MB', async ({ page, db }) => {
  test.setTimeout(60_000);
  const centre = (await db.unitByCode(CODES.centre))!;
  await signInAs(page, ACCOUNTS.headCentre);
  const url = `/thong-ke/don-vi/${centre.id}?tu=2000-01-01&den=${today}&nhom=ngay`;

  const html = await page.request.get(url);
  expect(html.status()).toBe(200);
  const bytes = (await html.body()).length;
  console.log(`HTML of ${url}: ${bytes} bytes`);
  expect(bytes).toBeLessThan(500_000);

  await page.goto(url);
  await expect(page.getByRole('status').filter({ hasText: 'Khoảng thời gian dài: biểu đồ hiển thị theo tháng thay vì theo ngày' })).toBeVisible();
  // The form shows the bucket drawn, not the one asked for.
  await expect(page.getByLabel('Biểu đồ')).toHaveValue('thang');

  const figure = page.getByRole('figure', { name: /^Số đánh giá hợp lệ và tỷ lệ hài lòng chung .* theo tháng/ });
  await figure.getByText('Bảng số liệu').click();
  const table = figure.getByRole('table', { name: /theo tháng/ });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(monthsSince2000);
  await expect(rows.first().getByRole('rowheader')).toHaveText('Tháng 1/2000');
  await expect(rows.last().getByRole('rowheader')).toHaveText(`Tháng ${Number(today.slice(5, 7))}/${today.slice(0, 4)}`);
});

test('a daily chart over a month is still drawn by day, without a note', async ({ page, db }) => {
  const centre = (await db.unitByCode(CODES.centre))!;
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto(`/thong-ke/don-vi/${centre.id}?ky=30-ngay&nhom=ngay`);
  await expect(page.getByLabel('Biểu đồ')).toHaveValue('ngay');
  await expect(page.getByText('Khoảng thời gian dài')).toHaveCount(0);
  const figure = page.getByRole('figure', { name: /^Số đánh giá hợp lệ và tỷ lệ hài lòng chung .* theo ngày/ });
  await figure.getByText('Bảng số liệu').click();
  await expect(figure.getByRole('table').locator('tbody tr')).toHaveCount(30);
});
