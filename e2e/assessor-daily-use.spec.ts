import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * Issue 13, what an assessor and an administrator see: finalising asks for
 * confirmation and, before the year ends, an administrator's reason; the
 * audit log reads in Vietnamese with names; the rubric has a form with
 * Vietnamese messages; spreadsheets hold real dates and numbers; dates are
 * typed and shown day first even in an English browser; the Bảng tổng hợp
 * carries the national heading.
 */

const MANUAL: [string, string][] = [
  ['Ban hành kế hoạch, quy chế thực hiện mô hình', '8'],
  ['Tuyên truyền, phổ biến mô hình tới cán bộ và người dân', '9'],
  ['Thực hiện quy tắc ứng xử, trang phục, thẻ công chức', '14,5'],
  ['Nơi tiếp nhận: biển hiệu, chỗ ngồi, trang thiết bị', '15'],
  ['Hồ sơ giải quyết đúng hạn', '13'],
  ['Tiếp nhận, xử lý phản ánh, kiến nghị', '12'],
];

const escape = (s: string) => s.replace(/[()[\]]/g, '\\$&');
const criterion = (page: Page, title: string) => page.getByRole('group', { name: new RegExp(`^${escape(title)}`) });
/** A Vietnamese calendar day, `offset` days from today, as typed: "05/12/2026". */
const vnTyped = (offset = 0) => {
  const d = new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const vnIso = (offset = 0) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const thisYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

/** The administrator opens a period of `year` from the default preset, typing the due date day first; returns its id. */
async function openPeriod(page: Page, year: number, name: string): Promise<number> {
  await signInAs(page, ACCOUNTS.admin);
  await page.goto('/danh-gia');
  await page.getByLabel('Năm đánh giá').fill(String(year));
  await page.getByLabel('Hạn tự đánh giá').fill(`15/12/${year}`);
  await page.getByLabel('Tên đợt').fill(name);
  await page.getByLabel('Bộ tiêu chí').selectOption({ label: 'Mẫu: Mặc định 100 điểm (Xuất sắc / Tốt / Khá / Đạt / Chưa đạt)' });
  await page.getByRole('button', { name: 'Tạo đợt đánh giá' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return Number(/\/danh-gia\/(\d+)/.exec(page.url())![1]);
}

/** The assessor reviews every manual criterion of the centre's sheet. */
async function review(page: Page, sheetUrl: string) {
  await signInAs(page, ACCOUNTS.assessor);
  await page.goto(sheetUrl);
  for (const [title, points] of MANUAL) await criterion(page, title).getByLabel('Điểm thẩm định').fill(points);
  await page.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
  await expect(page.getByText('Đã lưu kết quả thẩm định.')).toBeVisible();
}

async function workbook(page: Page, url: string): Promise<ExcelJS.Worksheet> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

function column(sheet: ExcelJS.Worksheet, header: string): number {
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const i = headers.indexOf(header);
  expect(i, `column “${header}” in ${headers.join(' | ')}`).toBeGreaterThan(0);
  return i;
}

test.describe('finalising an evaluation', () => {
  test('before the year ends: the assessor is told why not; the administrator confirms a summary with a reason; the log and the XLSX say so', async ({ page, db }) => {
    test.setTimeout(150_000);
    const centre = (await db.unitByCode(CODES.centre))!;
    const year = thisYear();
    const name = `Chốt sớm e2e ${randomInt(1_000_000)}`;
    const periodId = await openPeriod(page, year, name);
    const sheetUrl = `/danh-gia/${periodId}/don-vi/${centre.id}`;
    await review(page, sheetUrl);

    // The assessor: no button, a reason in Vietnamese.
    await page.reload();
    const section = page.getByRole('region', { name: 'Chốt kết quả' });
    await expect(section.getByText(`Chưa chốt được: năm ${year} chưa kết thúc, tỷ lệ hài lòng còn thay đổi đến hết ngày 31/12/${year}.`, { exact: false })).toBeVisible();
    await expect(section.getByRole('link', { name: 'Chốt kết quả…' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Chốt/ })).toHaveCount(0);

    // The administrator: the summary first, nothing frozen until confirmed.
    await signInAs(page, ACCOUNTS.admin);
    await page.goto(sheetUrl);
    await expect(page.getByText(`Năm ${year} chưa kết thúc: tỷ lệ hài lòng còn thay đổi đến hết ngày 31/12/${year}.`, { exact: false })).toBeVisible();
    await page.getByRole('link', { name: 'Chốt kết quả…' }).click();
    const confirm = page.getByRole('region', { name: 'Xác nhận chốt kết quả' });
    await expect(confirm).toBeVisible();
    const total = confirm.locator('dt', { hasText: 'Tổng điểm' }).locator('xpath=following-sibling::dd');
    await expect(total).toContainText(/^[\d,]+ \/ 100 điểm$/);
    const shownTotal = (await total.locator('strong').textContent())!;
    const shownClass = (await confirm.locator('dt', { hasText: 'Xếp loại' }).locator('xpath=following-sibling::dd').textContent())!.trim();
    await expect(confirm.getByText('điểm thẩm định của 7 tiêu chí;')).toBeVisible();
    await expect(confirm.getByText(/^điểm “Mức độ hài lòng của người dân, doanh nghiệp”: .* không cập nhật theo các lượt đánh giá sau;$/)).toBeVisible();
    await expect(confirm.getByText('Sau khi chốt, phiếu không sửa được; chỉ quản trị mở lại được (có ghi lý do).')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // No reason: refused, on the field.
    await confirm.getByRole('button', { name: 'Chốt sớm kết quả' }).click();
    const reason = confirm.getByLabel(`Lý do chốt sớm (trước khi hết năm ${year})`);
    await expect(confirm.getByText(`Chốt trước khi hết năm ${year}: ghi lý do chốt sớm (ít nhất 10 ký tự); lý do được lưu vào nhật ký.`)).toBeVisible();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await reason.fill('Hội đồng thi đua họp sớm ngày 10/12');
    await confirm.getByRole('button', { name: 'Chốt sớm kết quả' }).click();
    await expect(page.getByText(`Đã chốt kết quả: ${shownTotal} điểm, xếp loại ${shownClass}.`)).toBeVisible();

    // The audit log: Vietnamese states, names, the reason; no English state, no JSON.
    await page.goto('/quan-tri/nhat-ky?action=evaluation.finalise');
    const entry = page.getByRole('row').filter({ hasText: `${centre.name} — ${name}` });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Chốt kết quả đánh giá');
    await expect(entry).toContainText(`Đánh giá: ${centre.name} — ${name}`);
    await expect(entry.getByRole('definition').filter({ hasText: 'Đã chốt' }).first()).toContainText('Đã thẩm định');
    await expect(entry).toContainText('Chốt sớm (trước khi hết năm, do quản trị)');
    await expect(entry).toContainText('Hội đồng thi đua họp sớm ngày 10/12');
    await expect(entry).toContainText(`Điểm: ${MANUAL[0]![0]}`);
    await expect(entry).toContainText(`Đợt đánh giá${name}`);
    const text = (await entry.textContent())!;
    expect(text).not.toMatch(/reviewed|finalised|\{|"/);
    await expectNoSeriousA11yViolations(page);

    // The results XLSX: real numbers and a real date, one column per criterion.
    const sheet = await workbook(page, `/danh-gia/${periodId}/ket-qua.xlsx`);
    const row = sheet.getRows(2, sheet.actualRowCount - 1)!.find((r) => r.getCell(column(sheet, 'Đơn vị')).value === centre.name)!;
    const totalCell = row.getCell(column(sheet, 'Tổng điểm'));
    expect(totalCell.type).toBe(ExcelJS.ValueType.Number);
    expect(totalCell.value).toBe(Number(shownTotal.replace(',', '.')));
    expect(totalCell.numFmt).toBe('0.00');
    const at = row.getCell(column(sheet, 'Thời điểm chốt (giờ Việt Nam)'));
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    expect(at.numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    // The spreadsheet's clock reads Vietnam time: within a few minutes of now + 7 hours.
    expect(Math.abs((at.value as Date).getTime() - (Date.now() + 7 * 3_600_000))).toBeLessThan(10 * 60_000);
    const first = row.getCell(column(sheet, `Tuyên truyền, triển khai mô hình › ${MANUAL[0]![0]} (tối đa 10)`));
    expect(first.type).toBe(ExcelJS.ValueType.Number);
    expect(first.value).toBe(8);
    expect(row.getCell(column(sheet, `Văn hoá công sở, quy tắc ứng xử › ${MANUAL[2]![0]} (tối đa 15)`)).value).toBe(14.5);
  });

  test('after the year: the assessor sees the summary and can go back without finalising', async ({ page, db }) => {
    test.setTimeout(120_000);
    const centre = (await db.unitByCode(CODES.centre))!;
    const name = `Năm trước e2e ${randomInt(1_000_000)}`;
    const periodId = await openPeriod(page, thisYear() - 1, name);
    const sheetUrl = `/danh-gia/${periodId}/don-vi/${centre.id}`;
    await review(page, sheetUrl);
    await page.reload();
    await page.getByRole('link', { name: 'Chốt kết quả…' }).click();
    const confirm = page.getByRole('region', { name: 'Xác nhận chốt kết quả' });
    await expect(confirm.getByText('Khi chốt, những điều sau được khoá và ghi vào nhật ký:')).toBeVisible();
    await expect(confirm.getByLabel(/Lý do chốt sớm/)).toHaveCount(0);
    await expect(confirm.getByRole('button', { name: 'Xác nhận chốt kết quả' })).toBeVisible();
    await confirm.getByRole('link', { name: 'Quay lại, chưa chốt' }).click();
    await expect(page.locator('dt', { hasText: 'Trạng thái' }).locator('xpath=following-sibling::dd')).toContainText('Đã thẩm định');
    await expect(page.getByRole('region', { name: 'Chốt kết quả' }).getByRole('link', { name: 'Chốt kết quả…' })).toBeVisible();
  });
});

test('the rubric form refuses what does not add up, in Vietnamese, on the field; the saved change reads in the log', async ({ page }) => {
  test.setTimeout(120_000);
  // Not named like the page's links (“Bộ tiêu chí”), which other specs look for.
  const name = `Thang điểm e2e ${randomInt(1_000_000)}`;
  const periodId = await openPeriod(page, thisYear() - 1, name);
  await page.goto(`/danh-gia/${periodId}/tieu-chi`);
  const form = page.getByRole('form', { name: 'Sửa bộ tiêu chí' });
  const group1 = form.getByRole('group', { name: 'Nhóm 1: Tuyên truyền, triển khai mô hình' });
  const first = group1.getByRole('group', { name: `Tiêu chí 1.1: ${MANUAL[0]![0]}` });
  await first.getByLabel('Điểm tối đa').fill('15');
  await expect(group1.getByText('Các tiêu chí cộng lại: 25.')).toBeVisible();
  await form.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
  const mismatch = 'Nhóm “Tuyên truyền, triển khai mô hình”: điểm tối đa của các tiêu chí cộng lại là 25, khác điểm tối đa của nhóm (20); sửa cho khớp.';
  await expect(form.getByRole('heading', { name: 'Bộ tiêu chí chưa lưu được, cần sửa 1 chỗ:' })).toBeVisible();
  await expect(group1.getByLabel('Điểm tối đa của nhóm')).toHaveAttribute('aria-invalid', 'true');
  await expect(group1.getByText(mismatch)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A new criterion left empty is refused too; removed again.
  await form.getByRole('button', { name: 'Thêm tiêu chí vào nhóm 4' }).click();
  await form.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
  await expect(form.getByText('Điểm tối đa của Tiêu chí 3 của nhóm “Giải quyết thủ tục hành chính”: chưa nhập.').first()).toBeVisible();
  await form.getByRole('button', { name: 'Xoá tiêu chí 4.3' }).click();

  // Make it add up: 15 + 10 = 25 in group 1; 10 + 15 = 25 in group 2.
  await group1.getByLabel('Điểm tối đa của nhóm').fill('25');
  const group2 = form.getByRole('group', { name: 'Nhóm 2: Văn hoá công sở, quy tắc ứng xử' });
  await group2.getByRole('group', { name: `Tiêu chí 2.1: ${MANUAL[2]![0]}` }).getByLabel('Điểm tối đa').fill('10');
  await group2.getByLabel('Điểm tối đa của nhóm').fill('25');
  await form.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
  await expect(page.getByText('Đã lưu bộ tiêu chí; thay đổi được ghi vào nhật ký.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`^${escape(MANUAL[0]![0])} 15 `) })).toBeVisible();
  const json = await page.request.get(`/danh-gia/${periodId}/tieu-chi.json`);
  expect(json.headers()['content-disposition']).toContain('attachment');
  expect((await json.json()).groups[0].criteria[0]).toMatchObject({ key: 'ke-hoach', max: 15 });

  await page.goto('/quan-tri/nhat-ky?action=evaluation_period.update_rubric');
  const entry = page.getByRole('row').filter({ hasText: `Đợt đánh giá: ${name}` });
  await expect(entry).toContainText(`Tiêu chí “${MANUAL[0]![0]}”: điểm tối đa`);
  await expect(entry).toContainText('Nhóm “Văn hoá công sở, quy tắc ứng xử”: điểm tối đa');
  expect(await entry.textContent()).not.toMatch(/\{|"groups"/);
});

test('the responses and indicators XLSX hold real dates and numbers with their formats', async ({ page, db }) => {
  test.setTimeout(60_000);
  const centre = (await db.unitByCode(CODES.centre))!;
  await signInAs(page, ACCOUNTS.assessor);
  // 200 days: enough ratings for the centre's rate to be a number.
  const query = `tu=${vnIso(-200)}&den=${vnIso(0)}&don-vi=${centre.id}`;
  const sheet = await workbook(page, `/xuat/phieu?dinh-dang=xlsx&${query}`);
  expect(sheet.actualRowCount).toBeGreaterThan(1);
  const id = sheet.getRow(2).getCell(1);
  expect(id.type).toBe(ExcelJS.ValueType.Number);
  const at = sheet.getRow(2).getCell(2);
  expect(at.type).toBe(ExcelJS.ValueType.Date);
  expect(at.numFmt).toBe('dd/mm/yyyy hh:mm:ss');
  // The same rating in the CSV: the date's clock is the CSV's Vietnam time.
  const csv = (await (await page.request.get(`/xuat/phieu?dinh-dang=csv&${query}`)).text()).split('\r\n')[1]!;
  const d = at.value as Date;
  const two = (n: number) => String(n).padStart(2, '0');
  expect(csv).toContain(`${id.value},"${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}"`);
  const q1 = sheet.getRow(2).getCell(column(sheet, 'Q1. Thái độ phục vụ'));
  expect([ExcelJS.ValueType.Number, ExcelJS.ValueType.Null]).toContain(q1.type);
  if (q1.type === ExcelJS.ValueType.Number) expect(q1.numFmt).toBe('#,##0');

  const table = await workbook(page, `/xuat/chi-so?dinh-dang=xlsx&${query}`);
  const line = table.getRows(2, table.actualRowCount - 1)!.find((r) => r.getCell(2).value === centre.name)!;
  const valid = line.getCell(column(table, 'Phiếu hợp lệ'));
  expect(valid.type).toBe(ExcelJS.ValueType.Number);
  expect(valid.numFmt).toBe('#,##0');
  const rate = line.getCell(column(table, 'Tỷ lệ hài lòng (%)'));
  expect(rate.type).toBe(ExcelJS.ValueType.Number);
  expect(rate.numFmt).toBe('0.0');
});

test.describe('dates in a browser set to English', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('the dashboard and the audit log show and take day/month/year', async ({ page, db }) => {
    test.setTimeout(90_000);
    const centre = (await db.unitByCode(CODES.centre))!;
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto(`/thong-ke/don-vi/${centre.id}?ky=30-ngay`);
    const from = page.getByLabel('Từ ngày');
    await expect(from).toHaveValue(vnTyped(-29));
    await expect(page.getByLabel('Đến ngày')).toHaveValue(vnTyped(0));
    await from.fill(vnTyped(-20));
    await page.getByLabel('Đến ngày').fill(vnTyped(-10));
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect(page.getByText(`Kỳ báo cáo ${vnTyped(-20)} – ${vnTyped(-10)} (11 ngày, giờ Việt Nam)`)).toBeVisible();
    await expect(page.getByLabel('Từ ngày')).toHaveValue(vnTyped(-20));
    await expectNoSeriousA11yViolations(page);
    // Month first is not a day here (a 13th month, or the wrong day): said in Vietnamese.
    await page.getByLabel('Từ ngày').fill('12/31/2025');
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect(page.getByText(/Ngày bắt đầu “12\/31\/2025” không hợp lệ \(cần dạng ngày\/tháng\/năm/)).toBeVisible();

    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/quan-tri/nhat-ky');
    await page.getByLabel('Từ ngày').fill(vnTyped(-1));
    await page.getByLabel('Đến ngày').fill(vnTyped(0));
    // However long the log, the page is no wider than the phone: the table scrolls in its own region.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(/tu=/);
    await expect(page.getByLabel('Từ ngày')).toHaveValue(vnTyped(-1));
    await expect(page.getByText(/khớp bộ lọc/).first()).toBeVisible();
    await expect(page.getByText(/không phải một ngày hợp lệ/)).toHaveCount(0);
    await page.getByLabel('Từ ngày').fill('31/02/2026');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page.getByText('“Từ ngày” (31/02/2026) không phải một ngày hợp lệ dạng ngày/tháng/năm (ví dụ 05/12/2026) nên đã được bỏ qua.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});

test('the Bảng tổng hợp carries the national heading', async ({ page, db }) => {
  test.setTimeout(60_000);
  const centre = (await db.unitByCode(CODES.centre))!;
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto(`/thong-ke/don-vi/${centre.id}/bang-tong-hop?ky=30-ngay`);
  await expect(page.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
  await expect(page.getByText('Độc lập - Tự do - Hạnh phúc')).toBeVisible();
  await expect(page.getByText(new RegExp(`^…………, ngày ${vnTyped(0).slice(0, 2)} tháng ${vnTyped(0).slice(3, 5)} năm ${vnTyped(0).slice(6)}$`))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'BẢNG TỔNG HỢP KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the assessor finalises last year’s sheet through the summary, and the rubric form still saves', async ({ page, db }) => {
    test.setTimeout(150_000);
    const centre = (await db.unitByCode(CODES.centre))!;
    const name = `Không JS e2e ${randomInt(1_000_000)}`;
    const periodId = await openPeriod(page, thisYear() - 1, name);
    const sheetUrl = `/danh-gia/${periodId}/don-vi/${centre.id}`;
    await review(page, sheetUrl);
    await page.goto(sheetUrl);
    await page.getByRole('link', { name: 'Chốt kết quả…' }).click();
    await page.getByRole('button', { name: 'Xác nhận chốt kết quả' }).click();
    await expect(page.getByText(/^Đã chốt kết quả: [\d,]+ điểm, xếp loại .+\.$/)).toBeVisible();

    // The rubric of another period: the fields edit and save; add and remove need JavaScript and are not offered.
    const other = await openPeriod(page, thisYear() - 1, `Không JS tiêu chí ${randomInt(1_000_000)}`);
    await page.goto(`/danh-gia/${other}/tieu-chi`);
    const form = page.getByRole('form', { name: 'Sửa bộ tiêu chí' });
    await expect(form.getByRole('button', { name: /^Thêm|^Xoá/ })).toHaveCount(0);
    const first = form.getByRole('group', { name: `Tiêu chí 1.1: ${MANUAL[0]![0]}` });
    await first.getByLabel('Tên tiêu chí').fill('Kế hoạch thực hiện mô hình năm');
    await first.getByLabel('Điểm tối đa').fill('mười');
    await form.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
    await expect(page.getByText('Điểm tối đa của “Kế hoạch thực hiện mô hình năm”: “mười” không phải một số; nhập bằng chữ số, ví dụ 12,5.').first()).toBeVisible();
    await page.getByRole('group', { name: /^Tiêu chí 1\.1/ }).getByLabel('Điểm tối đa').fill('10');
    await page.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
    await expect(page.getByText('Đã lưu bộ tiêu chí; thay đổi được ghi vào nhật ký.')).toBeVisible();
    await expect(page.getByRole('row', { name: /^Kế hoạch thực hiện mô hình năm 10 / })).toBeVisible();
  });
});
