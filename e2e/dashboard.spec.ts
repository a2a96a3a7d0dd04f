import { openSql } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/** A hand count straight from the raw responses, the way a clerk would tally paper forms. */
async function handCount(unitCode: string, fromDay: string, toDay: string) {
  const db = await openSql();
  try {
    const unit = (await db.get<{ id: number; path: string }>('select id, path from units where code = ?', [unitCode]))!;
    const start = Date.parse(`${fromDay}T00:00:00+07:00`);
    const end = Date.parse(`${toDay}T00:00:00+07:00`) + 86_400_000;
    const inPeriod = `from responses r join units u on u.id = r.unit_id
      where u.path like @subtree and r.submitted_at >= @start and r.submitted_at < @end`;
    const p = { subtree: `${unit.path}%`, start, end };
    const valid = (await db.value<number>(`select count(*) ${inPeriod} and r.excluded = false`, p))!;
    const excluded = (await db.value<number>(`select count(*) ${inPeriod} and r.excluded = true`, p))!;
    const q2 = (await db.get<{ n: number; satisfied: number }>(
      `select count(*) as n, sum(case when a.score >= 4 then 1 else 0 end) as satisfied ${inPeriod.replace('where', 'join answers a on a.response_id = r.id and a.question_key = \'q2\' where')} and r.excluded = false`,
      p,
    ))!;
    return { unitId: unit.id, valid, excluded, q2 };
  } finally {
    await db.close();
  }
}

const vnDay = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const vnCount = (n: number) => n.toLocaleString('vi-VN');
const vnPercent = (share: number) => `${(Math.round(share * 1000) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

test.describe('dashboards', () => {
  test('an office head lands on their office and its numbers match a hand count of the ratings', async ({ page }) => {
    const [from, to] = [vnDay(-200), vnDay(0)];
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/tong-quan');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Thống kê', exact: true }).click();
    // One office in scope: the province view is that office's dashboard.
    await expect(page).toHaveURL(/\/thong-ke\/don-vi\/\d+/);

    await page.getByLabel('Từ ngày').fill(from);
    await page.getByLabel('Đến ngày').fill(to);
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect(page).toHaveURL(new RegExp(`tu=${from}&den=${to}`));
    const counted = await handCount(CODES.centre, from, to);
    expect(counted.q2.n).toBeGreaterThanOrEqual(30);

    const cards = page.getByRole('region', { name: 'Chỉ số chính' });
    const validCard = cards.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Phiếu hợp lệ' }) });
    await expect(validCard.getByText(vnCount(counted.valid), { exact: true })).toBeVisible();
    await expect(validCard).toContainText(`Bị loại khỏi thống kê: ${vnCount(counted.excluded)}`);
    const rateCard = cards.getByRole('article').filter({ has: page.getByRole('heading', { name: /Tỷ lệ hài lòng chung/ }) });
    await expect(rateCard.getByText(vnPercent(counted.q2.satisfied / counted.q2.n), { exact: true })).toBeVisible();
    await expect(rateCard).toContainText(`n = ${vnCount(counted.q2.n)}`);
    await expect(rateCard).toContainText('Trung bình toàn tỉnh');
    await expectNoSeriousA11yViolations(page);
  });

  test('the province view ranks every office, matches the hand count and drills down', async ({ page }) => {
    const [from, to] = [vnDay(-200), vnDay(0)];
    await signInAs(page, ACCOUNTS.supervisor);
    await page.goto(`/thong-ke?tu=${from}&den=${to}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Thống kê mức độ hài lòng' })).toBeVisible();
    await expect(page.getByText(/Xếp hạng theo cận dưới khoảng tin cậy 95 %/)).toBeVisible();

    const centre = await handCount(CODES.centre, from, to);
    const table = page.getByRole('table');
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Trung tâm Phục vụ hành chính công tỉnh Ninh Bình' }) });
    await expect(row.getByRole('cell').nth(1)).toHaveText(vnCount(centre.valid));
    await expect(row).toContainText(vnPercent(centre.q2.satisfied / centre.q2.n));
    // With 400 seeded ratings over some 20 offices, small ones cannot be ranked.
    await expect(table.getByText('Chưa đủ dữ liệu').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Sorting by name keeps the period and says so to assistive technology.
    await table.getByRole('link', { name: 'Đơn vị' }).click();
    await expect(page).toHaveURL(/sap-xep=ten/);
    await expect(page).toHaveURL(new RegExp(`tu=${from}`));
    await expect(page.getByRole('columnheader', { name: /Đơn vị/ })).toHaveAttribute('aria-sort', 'ascending');

    await page.getByRole('link', { name: 'Trung tâm Phục vụ hành chính công tỉnh Ninh Bình' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Trung tâm Phục vụ hành chính công tỉnh Ninh Bình' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/thong-ke/don-vi/${centre.unitId}\\?tu=${from}&den=${to}`));
  });

  test('a bad period or filter in the URL gets a Vietnamese note and a sane default, never an error', async ({ page }) => {
    await signInAs(page, ACCOUNTS.supervisor);
    const res = await page.goto('/thong-ke?tu=2026-02-30&loai=hanh-tinh&sap-xep=%3Cscript%3E&don-vi=abc');
    expect(res?.status()).toBe(200);
    await expect(page.getByText(/Ngày bắt đầu “2026-02-30” không hợp lệ/)).toBeVisible();
    await expect(page.getByText(/Không có loại đơn vị “hanh-tinh”/)).toBeVisible();
    await expect(page.getByText(/Mã đơn vị “abc” không hợp lệ/)).toBeVisible();
    await expect(page.getByRole('link', { name: '30 ngày qua' })).toHaveAttribute('aria-current', 'true');

    // A period before anyone rated: the dashboard says there is nothing, explicitly.
    const centre = await handCount(CODES.centre, '2001-01-01', '2001-01-31');
    expect(centre.valid).toBe(0);
    await page.goto(`/thong-ke/don-vi/${centre.unitId}?tu=2001-01-01&den=2001-01-31`);
    await expect(page.getByText('Không có đánh giá nào trong kỳ này.', { exact: false })).toBeVisible();
    await expect(page.getByText('Chưa đủ dữ liệu').first()).toBeVisible();

    // A unit that does not exist, or a malformed id: 404, never 500.
    expect((await page.goto('/thong-ke/don-vi/999999'))?.status()).toBe(404);
    expect((await page.goto('/thong-ke/don-vi/abc'))?.status()).toBe(404);
  });
});
