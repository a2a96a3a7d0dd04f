import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * The annual evaluation end to end (issue 6): the administrator opens a
 * period from the default preset, the centre's head self-assesses, the
 * assessor reviews and finalises, the results table shows the class, the
 * finalised sheet refuses changes, the supervisor only reads.
 */

/** The manual criteria of the default rubric (lib/evaluation/rubric.ts) and the points the office gives itself. */
const SELF: [string, string][] = [
  ['Ban hành kế hoạch, quy chế thực hiện mô hình', '10'],
  ['Tuyên truyền, phổ biến mô hình tới cán bộ và người dân', '9'],
  ['Thực hiện quy tắc ứng xử, trang phục, thẻ công chức', '14,5'],
  ['Nơi tiếp nhận: biển hiệu, chỗ ngồi, trang thiết bị', '15'],
  ['Hồ sơ giải quyết đúng hạn', '13'],
  ['Tiếp nhận, xử lý phản ánh, kiến nghị', '12'],
];

const criterion = (page: Page, title: string) => page.getByRole('group', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) });

test('a period from the preset: self-assessment, review, finalisation, results, lock, read-only supervisor', async ({ page, db }) => {
  test.setTimeout(120_000);
  const centre = (await db.unitByCode(CODES.centre))!;
  const name = `Đánh giá e2e ${randomInt(1_000_000)}`;

  // The administrator opens a period from the default preset.
  await signInAs(page, ACCOUNTS.admin);
  await page.goto('/danh-gia');
  // Last year's period: its satisfaction figure no longer moves, so the assessor may finalise it.
  await page.getByLabel('Năm đánh giá').fill('2025');
  await page.getByLabel('Hạn tự đánh giá').fill('15/12/2025');
  await page.getByLabel('Tên đợt').fill(name);
  await page.getByLabel('Bộ tiêu chí').selectOption({ label: 'Mẫu: Mặc định 100 điểm (Xuất sắc / Tốt / Khá / Đạt / Chưa đạt)' });
  await page.getByRole('button', { name: 'Tạo đợt đánh giá' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const periodId = Number(/\/danh-gia\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByRole('row', { name: new RegExp(centre.name) })).toContainText('Chưa tự đánh giá');
  const sheetUrl = `/danh-gia/${periodId}/don-vi/${centre.id}`;

  // The centre's head self-assesses; points above a maximum are refused in Vietnamese.
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto(sheetUrl);
  await expect(page.getByRole('heading', { level: 1, name: `Phiếu chấm điểm: ${centre.name}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const first = criterion(page, SELF[0]![0]);
  await first.getByLabel('Điểm tự chấm').fill('11');
  await page.getByRole('button', { name: 'Lưu tự đánh giá' }).click();
  await expect(first.getByText('“Ban hành kế hoạch, quy chế thực hiện mô hình”: tối đa 10 điểm; Ông/Bà đã nhập 11.')).toBeVisible();
  await expect(first.getByLabel('Điểm tự chấm')).toHaveAttribute('aria-invalid', 'true');
  for (const [title, points] of SELF) await criterion(page, title).getByLabel('Điểm tự chấm').fill(points);
  await first.getByLabel('Ghi chú, minh chứng').fill('Kế hoạch số 12/KH-TTHC');
  await first.getByLabel('Đường dẫn minh chứng').fill('https://example.gov.vn/ke-hoach-12');
  await page.getByRole('button', { name: 'Lưu tự đánh giá' }).click();
  await expect(page.getByText('Đã lưu tự đánh giá.')).toBeVisible();
  // The automatic criterion shows its source numbers and a link to the dashboard.
  const satisfaction = criterion(page, 'Mức độ hài lòng của người dân, doanh nghiệp');
  await expect(satisfaction.getByText(/^Tỷ lệ hài lòng chung/)).toBeVisible();
  await expect(satisfaction.getByRole('link', { name: 'Xem số liệu trên trang thống kê' })).toHaveAttribute('href', new RegExp(`^/thong-ke/don-vi/${centre.id}\\?tu=\\d{4}-01-01&den=`));

  // The assessor reviews beside the office's points, then finalises.
  await signInAs(page, ACCOUNTS.assessor);
  await page.goto(sheetUrl);
  const reviewFirst = criterion(page, SELF[0]![0]);
  await expect(reviewFirst.getByText('Đơn vị tự chấm: 10')).toBeVisible();
  await expect(reviewFirst.getByRole('link', { name: 'https://example.gov.vn/ke-hoach-12' })).toBeVisible();
  await expect(reviewFirst.getByLabel('Điểm thẩm định')).toHaveValue('10');
  await reviewFirst.getByLabel('Điểm thẩm định').fill('8');
  await reviewFirst.getByLabel('Nhận xét thẩm định').fill('Kế hoạch ban hành muộn');
  await page.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
  await expect(page.getByText('Đã lưu kết quả thẩm định.')).toBeVisible();

  // A second tab keeps the review form open: after finalisation its submission must be refused.
  const stale = await page.context().newPage();
  await stale.goto(sheetUrl);
  await expect(stale.getByRole('button', { name: 'Lưu kết quả thẩm định' })).toBeVisible();

  await page.reload();
  await page.getByRole('link', { name: 'Chốt kết quả…' }).click();
  await page.getByRole('button', { name: 'Xác nhận chốt kết quả' }).click();
  const done = page.getByText(/^Đã chốt kết quả: [\d,]+ điểm, xếp loại (Xuất sắc|Tốt|Khá|Đạt|Chưa đạt)\.$/);
  await expect(done).toBeVisible();
  const classification = /xếp loại (.+)\.$/.exec((await done.textContent())!)![1]!;

  await criterion(stale, SELF[0]![0]).getByLabel('Điểm thẩm định').fill('0');
  await stale.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
  await expect(stale.getByText('Phiếu đã được chốt nên không sửa được nữa. Cần sửa thì đề nghị quản trị mở lại phiếu (có ghi lý do).')).toBeVisible();
  await stale.close();

  await page.reload();
  await expect(page.getByText(/^Phiếu đã được chốt: điểm đã khoá/)).toBeVisible();
  await expect(page.getByRole('button', { name: /Lưu|Chốt/ })).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);

  // The results table shows the class; the supervisor reads it and the sheet, with no form.
  await signInAs(page, ACCOUNTS.supervisor);
  await page.goto(`/danh-gia/${periodId}`);
  const row = page.getByRole('row', { name: new RegExp(centre.name) });
  await expect(row).toContainText('Đã chốt');
  await expect(row).toContainText(classification);
  await page.getByRole('link', { name: 'Đã chốt: 1' }).click();
  await expect(page.getByRole('row', { name: new RegExp(centre.name) })).toBeVisible();
  await expect(page.getByRole('table', { name: /Kết quả/ }).getByRole('row')).toHaveCount(2);
  await page.goto(sheetUrl);
  await expect(page.getByText('Thẩm định: Kế hoạch ban hành muộn')).toBeVisible();
  await expect(page.getByRole('button', { name: /Lưu|Chốt|Mở lại/ })).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  const xlsx = await page.request.get(`/danh-gia/${periodId}/ket-qua.xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

  // The printable sheet carries the national motto and the signature blocks.
  await page.goto(`${sheetUrl}/in`);
  await expect(page.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
  await expect(page.getByText('Độc lập - Tự do - Hạnh phúc')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'PHIẾU CHẤM ĐIỂM' })).toBeVisible();
  await expect(page.getByText('THỦ TRƯỞNG ĐƠN VỊ')).toBeVisible();
  await expect(page.getByText(`xếp loại ${classification}`)).toBeVisible();

  // Another office's head can neither open this sheet nor see the centre in the results.
  await signInAs(page, ACCOUNTS.headHoaLu);
  expect((await page.request.get(sheetUrl)).status()).toBe(404);
  await page.goto(`/danh-gia/${periodId}`);
  await expect(page.getByRole('row', { name: new RegExp(centre.name) })).toHaveCount(0);
});

test('a rubric with bands that leave a gap is refused with what to fix', async ({ page }) => {
  await signInAs(page, ACCOUNTS.admin);
  await page.goto('/danh-gia');
  await page.getByRole('link', { name: /\(mẫu\)$/ }).first().click();
  await page.getByRole('link', { name: /bộ tiêu chí/i }).click();
  await page.getByText('Nhập bộ tiêu chí từ JSON', { exact: true }).click();
  const editor = page.getByLabel('Bộ tiêu chí (JSON)');
  const json = JSON.parse(await editor.inputValue()) as { bands: { label: string; min: number; below: number | null }[] };
  json.bands = json.bands.map((b) => (b.label === 'Tốt' ? { ...b, below: 85 } : b));
  await editor.fill(JSON.stringify(json, null, 2));
  await page.getByRole('button', { name: 'Nhập bộ tiêu chí từ JSON này' }).click();
  await expect(page.getByText(/Khoảng trống giữa mức “Tốt” \(80–< 85\) và mức “Xuất sắc” \(90–\)/)).toBeVisible();
});
