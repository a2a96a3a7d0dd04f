import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';
import { isServersToken, newDossierCode } from './dossier-helpers';

/**
 * Offices without an API-capable dossier system (issue 17 point 2): the
 * centre's head uploads a CSV holding good and bad rows, reads the problems
 * row by row, stores nothing, then chooses to store the valid rows, and
 * prints the sheet of receipt-sized QR stickers, whose codes a phone reads.
 */

/** A Vietnamese day as the CSV writes it, `days` from today. */
const vietnamDay = (days: number) => {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const today = () => vietnamDay(0);
// Received at a time of day: yesterday's, which has passed whatever the hour the test runs at
// (a time later today is in the future before it, and refused).
const yesterday = () => vietnamDay(-1);

test('a head uploads a CSV with good and bad rows, stores the valid ones when asked, and prints their QR stickers', async ({ page, db }) => {
  test.setTimeout(90_000);
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/ho-so');
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ và tem QR đánh giá' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const template = await page.request.get('/ho-so/mau.csv');
  expect(template.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(await template.text()).toContain('Mã hồ sơ,Mã đơn vị,Thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả');

  const [good1, good2, good3] = [newDossierCode(), newDossierCode(), newDossierCode()];
  const csv = [
    'Mã hồ sơ,Mã đơn vị,Thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả',
    `${good1},${CODES.counter},Đăng ký khai sinh,${yesterday()} 08:00,${today()},`,
    `${good2},${CODES.centre},"Chứng thực bản sao, từ bản chính",${yesterday()} 09:15,,`,
    `${newDossierCode()},${CODES.centre},Đăng ký kết hôn,${today()},01/01/2020,`,
    `${good1},${CODES.centre},Trùng mã,${today()},,`,
    `${newDossierCode()},ZZZZ99,Đơn vị lạ,${today()},,`,
    `${'X'.repeat(65)},${CODES.centre},Mã quá dài,hôm nay,,`,
    `${good3},${CODES.centre},Cấp phiếu lý lịch tư pháp,${yesterday()} 10:30,,`,
  ].join('\r\n');
  const file = { name: 'ho-so-hom-nay.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') };
  const before = (await db.sql.value<number>('select count(*) from dossiers'))!;

  await page.getByLabel('Tệp CSV hồ sơ').setInputFiles(file);
  await page.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Tệp “ho-so-hom-nay.csv”' })).toHaveText('Tệp “ho-so-hom-nay.csv” có 5 lỗi trong 7 dòng hồ sơ. Chưa hồ sơ nào được lưu.');
  const problems = page.getByRole('table', { name: /Các lỗi trong tệp/ });
  const rows = problems.getByRole('row');
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(1).getByRole('cell')).toHaveText(['4', 'Ngày hẹn trả', 'Ngày hẹn trả trước ngày tiếp nhận: thứ tự thời gian không đúng.']);
  await expect(rows.nth(2).getByRole('cell')).toHaveText(['5', 'Mã hồ sơ', `Mã hồ sơ ${good1} trùng với dòng 2 của tệp.`]);
  await expect(rows.nth(3).getByRole('cell')).toHaveText(['6', 'Mã đơn vị', /Không có đơn vị hoặc quầy đang hoạt động nào mang mã ZZZZ99/]);
  await expect(rows.nth(4).getByRole('cell')).toHaveText(['7', 'Mã hồ sơ', 'Mã hồ sơ dài 65 ký tự, quá 64 ký tự cho phép.']);
  await expect(rows.nth(5).getByRole('cell')).toHaveText(['7', 'Ngày tiếp nhận', /“hôm nay” không phải thời điểm hợp lệ/]);
  await expectNoSeriousA11yViolations(page);
  expect(await db.sql.value<number>('select count(*) from dossiers')).toBe(before);

  await page.getByRole('button', { name: 'Chỉ lưu 3 dòng hợp lệ, bỏ qua các dòng lỗi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toContainText('Đã lưu 3 hồ sơ từ tệp “ho-so-hom-nay.csv”: 3 hồ sơ mới, 0 hồ sơ cập nhật thời gian.');
  const stored = await db.sql.all<{ code: string; source: string; procedure: string; token: string }>(
    'select code, source, procedure, token from dossiers where code in (?, ?, ?) order by code',
    [good1, good2, good3],
  );
  expect(stored.map((d) => [d.code, d.source])).toEqual([good1, good2, good3].sort().map((c) => [c, 'csv']));
  expect(stored.find((d) => d.code === good2)!.procedure).toBe('Chứng thực bản sao, từ bản chính');
  expect(await db.sql.value<number>('select count(*) from dossiers')).toBe(before + 3);
  expect(await db.sql.value('select count(*) from audit_log where action = ?', ['dossier.import'])).toBeGreaterThanOrEqual(1);

  // The sticker sheet of this import: one sticker per dossier, each QR opening that dossier's own link.
  await page.getByRole('link', { name: 'In tem QR cho 3 hồ sơ này' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tem QR đánh giá hồ sơ' })).toBeVisible();
  const stickers = page.getByRole('list', { name: 'Tem QR' }).getByRole('listitem');
  await expect(stickers).toHaveCount(3);
  await expectNoSeriousA11yViolations(page);
  const sticker = stickers.filter({ hasText: good3 });
  await expect(sticker).toContainText('Cấp phiếu lý lịch tư pháp');
  // Drawn larger than its 25 mm so the screenshot has several pixels per module, as a phone's camera would.
  await page.addStyleTag({ content: '.sticker img { width: 360px !important; height: 360px !important; }' });
  const shot = PNG.sync.read(await sticker.getByRole('img', { name: `Mã QR đánh giá hồ sơ ${good3}` }).screenshot());
  const link = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data;
  const token = stored.find((d) => d.code === good3)!.token;
  expect(link).toMatch(new RegExp(`/h/${token}$`));
  expect(isServersToken(token)).toBe(true);

  // The same file again, whole, now stores nothing: its rows with problems still refuse it.
  await page.goto('/ho-so');
  await page.getByLabel('Tệp CSV hồ sơ').setInputFiles(file);
  await page.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Chưa hồ sơ nào được lưu.' })).toBeVisible();
  expect(await db.sql.value<number>('select count(*) from dossiers')).toBe(before + 3);
});

test('a head sees only their own offices’ dossiers; another office’s code is unknown to them', async ({ page, db }) => {
  await signInAs(page, ACCOUNTS.headHoaLu);
  await page.goto('/ho-so');
  const code = newDossierCode();
  const csv = `Mã hồ sơ,Mã đơn vị,Ngày tiếp nhận\n${code},${CODES.centre},${today()}\n`;
  await page.getByLabel('Tệp CSV hồ sơ').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
  await expect(page.getByRole('table', { name: /Các lỗi trong tệp/ })).toContainText(`Không có đơn vị hoặc quầy đang hoạt động nào mang mã ${CODES.centre} trong phạm vi được phép.`);
  await expect(page.getByRole('button', { name: /Chỉ lưu/ })).toHaveCount(0);
  expect(await db.sql.value('select count(*) from dossiers where code = ?', [code])).toBe(0);
  // The centre's dossiers are not listed to the Hoa Lư head.
  const centreCodes = await db.sql.all<{ code: string }>('select d.code from dossiers d join units u on u.id = d.unit_id where u.code = ?', [CODES.centre]);
  for (const { code: c } of centreCodes.slice(0, 3)) await expect(page.getByText(c)).toHaveCount(0);
});
