import ExcelJS from 'exceljs';
import { dayKeyOf, addDays } from '../lib/indicators/periods';
import { countValidRatings } from './db';
import { ACCOUNTS, CODES, expect, signInAs, test } from './fixtures';

/**
 * The exports of issue 4 as an office head, a supervisor and a stranger get
 * them: the files open, their row counts equal the valid ratings of the
 * office in the period (counted in the server's database) and the dashboard's
 * "Phiếu hợp lệ"; phone numbers only for roles that may read contacts.
 */

// The seed spreads ratings over the 6 months before now: 200 days hold them all.
const today = dayKeyOf(Date.now());
const from = addDays(today, -200);
const PERIOD = `tu=${from}&den=${today}`;

const countValid = (unitId: number) => countValidRatings(unitId, from, today);

/** Records of a CSV (RFC 4180: a quoted field may hold line breaks), without the BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && body[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

test('an office head downloads the CSV and the XLSX of the office; totals equal the database and the dashboard', async ({ page, db }) => {
  test.setTimeout(60_000);
  const centre = (await db.unitByCode(CODES.centre))!;
  await signInAs(page, ACCOUNTS.headCentre);
  const valid = await countValid(centre.id);
  expect(valid).toBeGreaterThan(0);

  const csv = await page.request.get(`/xuat/phieu?dinh-dang=csv&${PERIOD}&don-vi=${centre.id}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers()['cache-control']).toContain('no-store');
  expect(csv.headers()['content-disposition']).toContain(`attachment; filename="hai-long-phieu-${CODES.centre}-${from}-${today}.csv"`);
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString('utf8'));
  const header = rows[0]!;
  expect(header.slice(0, 3)).toEqual(['Mã phiếu', 'Thời điểm (giờ Việt Nam)', 'Đơn vị']);
  expect(header).toContain('Số điện thoại');
  expect(header).not.toContain('Bị loại');
  expect(rows.length - 1).toBe(valid);
  expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(valid);
  expect(rows.slice(1).every((r) => r.length === header.length)).toBe(true);

  const xlsx = await page.request.get(`/xuat/phieu?dinh-dang=xlsx&${PERIOD}&don-vi=${centre.id}`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('Phiếu đánh giá');
  expect(sheet.getRow(1).getCell(1).value).toBe('Mã phiếu');
  expect(sheet.actualRowCount - 1).toBe(valid);

  // The indicators table: the centre's line has the same valid count.
  const table = await page.request.get(`/xuat/chi-so?dinh-dang=csv&${PERIOD}&don-vi=${centre.id}`);
  expect(table.status()).toBe(200);
  const lines = parseCsv((await table.body()).toString('utf8'));
  expect(lines[0]!.slice(0, 2)).toEqual(['Hạng', 'Đơn vị']);
  const centreLine = lines.find((l) => l[1] === centre.name)!;
  expect(Number(centreLine[4])).toBe(valid);
  expect(lines.at(-1)![1]).toBe(`Tổng: ${centre.name}`);

  // The dashboard of the office for the same period says the same.
  await page.goto(`/thong-ke/don-vi/${centre.id}?${PERIOD}`);
  const card = page.locator('article', { has: page.getByRole('heading', { name: 'Phiếu hợp lệ' }) });
  const shown = (await card.locator('.card-value').textContent())!.replace(/\D/g, '');
  expect(Number(shown)).toBe(valid);
});

test('a supervisor gets no phone column; flagged ratings only when asked, marked', async ({ page, db }) => {
  const centre = (await db.unitByCode(CODES.centre))!;
  await signInAs(page, ACCOUNTS.supervisor);
  const res = await page.request.get(`/xuat/phieu?${PERIOD}&don-vi=${centre.id}&bi-loai=1`);
  expect(res.status()).toBe(200);
  const header = parseCsv((await res.body()).toString('utf8'))[0]!;
  expect(header).not.toContain('Số điện thoại');
  expect(header.slice(-2)).toEqual(['Bị loại', 'Lý do loại']);
});

test('an office head cannot export another office, and bad parameters are refused in Vietnamese', async ({ page, db }) => {
  const hoaLu = (await db.unitIdByName('Trung tâm Phục vụ hành chính công phường Hoa Lư'));
  await signInAs(page, ACCOUNTS.headCentre);
  for (const path of ['/xuat/phieu', '/xuat/chi-so']) {
    const other = await page.request.get(`${path}?dinh-dang=csv&ky=30-ngay&don-vi=${hoaLu}`);
    expect(other.status(), path).toBe(404);
    expect(await other.text()).not.toContain('Hoa Lư');
  }
  const bad = await page.request.get('/xuat/phieu?dinh-dang=pdf&tu=2026-02-30');
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain('Định dạng (dinh-dang) phải là csv hoặc xlsx.');
});

test('anonymous visitors get 401', async ({ page }) => {
  for (const path of ['/xuat/phieu?dinh-dang=csv', '/xuat/chi-so?dinh-dang=xlsx']) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(401);
    expect(await res.text()).toBe('Vui lòng đăng nhập để tải dữ liệu.');
  }
});
