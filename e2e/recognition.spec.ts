import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { openSql, type Sql } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * Recognition after an evaluation period (docs/decisions/023, 024): the
 * assessor opens the round, proposes the office classed "Xuất sắc", the
 * office head nominates an official (figures attached), the assessor reviews,
 * compiles, prints, downloads and records the decision, after which the round
 * is locked. Refusals and scope. Officials and finalised sheets are set up in
 * the database (the officials' screens and the evaluation flow have their own
 * specs); every recognition step goes through the screens.
 */

type Setup = { periodId: number; periodName: string; centre: { id: number; name: string }; hoaLu: { id: number; name: string }; star: Official; second: Official; retired: Official; hoaLuStaff: Official };
type Official = { id: number; name: string };
const HOA_LU_OFFICE = 'Trung tâm Phục vụ hành chính công phường Hoa Lư';

async function addOfficial(sql: Sql, unitId: number, name: string, active: boolean): Promise<Official> {
  const now = Date.now();
  await sql.run(`insert into officials (unit_id, full_name, search_name, position, active, created_at, updated_at) values (?, ?, ?, 'chuyên viên', ${active ? 'true' : 'false'}, ?, ?)`, [unitId, name, name.toLowerCase(), now, now]);
  return { id: (await sql.value<number>('select id from officials where full_name = ? order by id desc', [name]))!, name };
}

/** A 2025 period of its own (so tests do not share a round), the centre finalised "Xuất sắc", Hoa Lư not yet final, and officials. */
async function setUp(): Promise<Setup> {
  const sql = await openSql(undefined, { write: true });
  try {
    const tag = randomInt(1_000_000);
    const periodName = `Đánh giá khen thưởng e2e ${tag}`;
    const now = Date.now();
    await sql.run(
      'insert into evaluation_periods (year, name, unit_id, due_date, rubric, created_at, updated_at) select 2025, ?, unit_id, ?, rubric, ?, ? from evaluation_periods order by id limit 1',
      [periodName, '2025-12-15', now, now],
    );
    const periodId = (await sql.value<number>('select id from evaluation_periods where name = ?', [periodName]))!;
    const centre = (await sql.get<{ id: number; name: string }>('select id, name from units where code = ?', [CODES.centre]))!;
    const hoaLu = (await sql.get<{ id: number; name: string }>('select id, name from units where name = ? order by id', [HOA_LU_OFFICE]))!;
    await sql.run("insert into evaluation_sheets (period_id, unit_id, status, final_total_x100, final_class, finalised_at, updated_at) values (?, ?, 'finalised', 9650, 'Xuất sắc', ?, ?)", [periodId, centre.id, now, now]);
    await sql.run("insert into evaluation_sheets (period_id, unit_id, status, updated_at) values (?, ?, 'reviewed', ?)", [periodId, hoaLu.id, now]);
    const star = await addOfficial(sql, centre.id, `Nguyễn Thị Hạnh ${tag}`, true);
    const second = await addOfficial(sql, centre.id, `Đỗ Thị Hai ${tag}`, true);
    const retired = await addOfficial(sql, centre.id, `Trần Văn Cũ ${tag}`, false);
    const hoaLuStaff = await addOfficial(sql, hoaLu.id, `Lê Thị Lư ${tag}`, true);
    // The star's "Nhìn chung…" answers of 2025: 121, of which 120 at 4–5 (as the per-official rollup keeps them).
    await sql.run("insert into rollup_official_months (official_id, month, question_key, excluded, n1, n2, n3, n4, n5) values (?, '2025-06', 'q2', false, 1, 0, 0, 20, 100)", [star.id]);
    return { periodId, periodName, centre, hoaLu, star, second, retired, hoaLuStaff };
  } finally {
    await sql.close();
  }
}

async function openRoundAsAssessor(page: Page, s: Setup): Promise<number> {
  await signInAs(page, ACCOUNTS.assessor);
  await page.goto('/khen-thuong');
  await page.getByRole('form', { name: `Mở đợt khen thưởng của ${s.periodName}` }).getByRole('button', { name: 'Mở đợt khen thưởng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Khen thưởng — ${s.periodName}` })).toBeVisible();
  return Number(/\/khen-thuong\/(\d+)/.exec(page.url())![1]);
}

/** Puts a value the list does not offer into a select, as a tampered or stale form would send it. */
async function forceOption(page: Page, label: string, value: number) {
  await page.getByLabel(label, { exact: true }).evaluate((el, v) => {
    const option = document.createElement('option');
    option.value = v;
    option.text = `#${v}`;
    el.appendChild(option);
    (el as HTMLSelectElement).value = v;
  }, String(value));
}

async function nominationCount(roundId: number): Promise<number> {
  const sql = await openSql();
  try {
    return Number(await sql.value('select count(*) from nominations where round_id = ?', [roundId]));
  } finally {
    await sql.close();
  }
}

test('nomination → review → compile → print → XLSX → decision → locked', async ({ page, browser, db, baseURL }) => {
  test.setTimeout(180_000);
  const s = await setUp();

  // The assessor opens the round: the page and the list pass axe.
  await signInAs(page, ACCOUNTS.assessor);
  await page.goto('/khen-thuong');
  await expect(page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Khen thưởng' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const roundId = await openRoundAsAssessor(page, s);
  await expect(page.getByText('Không có phản ánh về liêm chính được xác minh là đúng — kiểm tra theo các phản ánh liêm chính được Thanh tra kết luận đúng')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The office classed "Xuất sắc" is listed; Hoa Lư (not final) is not; one action proposes it.
  const candidates = page.getByRole('region', { name: 'Đơn vị đủ điều kiện', exact: true });
  await expect(candidates.getByRole('row')).toHaveCount(2);
  await candidates.getByRole('button', { name: 'Đề nghị khen thưởng tập thể' }).click();
  await expect(candidates.getByRole('row', { name: new RegExp(s.centre.name) })).toContainText('Đã đề nghị');
  await expect(page.getByRole('region', { name: 'Đề nghị khen thưởng tập thể', exact: true }).getByRole('row', { name: new RegExp(s.centre.name) })).toContainText('Chờ xem xét');

  // The centre's head nominates an official: the figures of 2025 are attached and the rules evaluated.
  const headPage = await (await browser.newContext({ baseURL, locale: 'vi-VN' })).newPage();
  await signInAs(headPage, ACCOUNTS.headCentre);
  await headPage.goto(`/khen-thuong/${roundId}`);
  await headPage.getByLabel('Cán bộ', { exact: true }).selectOption(String(s.star.id));
  await headPage.getByLabel('Hình thức đề nghị').selectOption({ label: 'Chiến sĩ thi đua cơ sở' });
  await headPage.getByLabel('Thành tích, lý do đề nghị').fill('Tận tình hướng dẫn, không có hồ sơ trễ hạn trong năm 2025.');
  await headPage.getByLabel('Đường dẫn minh chứng').fill('https://example.gov.vn/khen-thuong/minh-chung-1');
  await headPage.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(headPage.getByText('Đã gửi đề nghị khen thưởng cá nhân.')).toBeVisible();
  const row = headPage.getByRole('region', { name: 'Đề nghị khen thưởng cá nhân', exact: true }).getByRole('row', { name: new RegExp(s.star.name) });
  await expect(row).toContainText('99,2 %');
  await expect(row).toContainText('n = 121');
  await expect(row).toContainText('Đủ cỡ mẫu tối thiểu (30)');
  await expect(row).toContainText('Đủ tiêu chuẩn');
  await expect(row).toContainText('Không có phản ánh liêm chính nào được Thanh tra kết luận đúng');
  await expect(headPage.getByText(/chỉ để tham khảo/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(headPage);
  // The head sees only their office: no collective review forms, no proposal links.
  await expect(headPage.getByRole('link', { name: 'In tờ trình' })).toHaveCount(0);
  expect((await headPage.request.get(`/khen-thuong/${roundId}/to-trinh.xlsx`)).status()).toBe(404);

  // The assessor reviews both, then compiles the list.
  await page.reload();
  for (const who of [s.centre.name, s.star.name]) {
    const form = page.getByRole('form', { name: `Xem xét đề nghị: ${who}` });
    await form.getByLabel('Kết luận').selectOption('accepted');
    await form.getByLabel('Ghi chú').fill('Đủ điều kiện');
    await form.getByRole('button', { name: 'Ghi kết luận' }).click();
    await expect(form.getByText('Đã đồng ý đề nghị.')).toBeVisible();
  }
  await page.reload();
  await page.getByLabel('Số tờ trình').fill('125/TTr-SNV');
  await page.getByLabel('Ngày tờ trình').fill('20/01/2026');
  await page.getByRole('button', { name: 'Lập tờ trình' }).click();
  await expect(page.getByText('Đã lập tờ trình đề nghị khen thưởng.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Số 125/TTr-SNV ngày 20/01/2026')).toBeVisible();

  // The printed proposal: national heading, both lists, figures as advisory.
  await page.getByRole('link', { name: 'In tờ trình' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'TỜ TRÌNH' })).toBeVisible();
  await expect(page.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
  await expect(page.getByText('Số: 125/TTr-SNV')).toBeVisible();
  await expect(page.getByText('…………, ngày 20 tháng 01 năm 2026')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Danh sách tập thể' }).getByRole('row', { name: new RegExp(s.centre.name) })).toContainText('Bằng khen của Chủ tịch UBND tỉnh');
  const printed = page.getByRole('table', { name: 'Danh sách cá nhân' }).getByRole('row', { name: new RegExp(s.star.name) });
  await expect(printed).toContainText('Chiến sĩ thi đua cơ sở');
  await expect(printed).toContainText('99,2 % hài lòng, n = 121');
  await expect(page.getByText(/Số liệu ý kiến người dân của cá nhân chỉ để tham khảo/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The XLSX: one row per accepted nomination, real numbers and dates.
  const res = await page.request.get(`/khen-thuong/${roundId}/to-trinh.xlsx`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toContain('.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (h: string) => headers.indexOf(h);
  expect(sheet.actualRowCount).toBe(3);
  expect(sheet.getRow(2).getCell(col('Loại')).value).toBe('Tập thể');
  const person = sheet.getRow(3);
  expect(person.getCell(col('Họ và tên')).value).toBe(s.star.name);
  expect(person.getCell(col('Số lượt đánh giá trong năm (tham khảo)')).value).toBe(121);
  expect(person.getCell(col('Tỷ lệ hài lòng (%) (tham khảo)')).value).toBe(99.2);
  const date = person.getCell(col('Ngày tờ trình'));
  expect(date.type).toBe(ExcelJS.ValueType.Date);
  expect(date.numFmt).toBe('dd/mm/yyyy');
  expect((date.value as Date).toISOString().slice(0, 10)).toBe('2026-01-20');

  // The decision: number, date, the form awarded (changed for the official).
  await page.goto(`/khen-thuong/${roundId}`);
  await page.getByLabel('Số quyết định').fill('2001/QĐ-UBND');
  await page.getByLabel('Ngày quyết định').fill('28/01/2026');
  await page.getByLabel(`Hình thức được khen: ${s.star.name}`).selectOption({ label: 'Lao động tiên tiến' });
  await page.getByRole('button', { name: 'Ghi quyết định' }).click();
  await expect(page.getByText('Đã ghi quyết định khen thưởng. Đợt khen thưởng đã khoá.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Đợt khen thưởng đã có quyết định nên đã khoá')).toBeVisible();
  await expect(page.getByText('Số 2001/QĐ-UBND ngày 28/01/2026')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ghi kết luận' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: new RegExp(s.star.name) })).toContainText('Được khen: Lao động tiên tiến');
  await expectNoSeriousA11yViolations(page);

  // Locked: no form is offered any more (a stale one is refused: the next test).
  await headPage.reload();
  await expect(headPage.getByRole('button', { name: 'Gửi đề nghị' })).toHaveCount(0);
  const audit = await db.auditActions('recognition_round', roundId);
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['recognition_round.open', 'recognition_round.compile', 'recognition_round.decide', 'official.figures.view', 'export.recognition']));
  expect(await nominationCount(roundId)).toBe(2);
  await headPage.context().close();
});

test('refusals: another office, an inactive official, twice, before the results are final, after the decision — nothing stored', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const s = await setUp();
  const roundId = await openRoundAsAssessor(page, s);
  const head = await (await browser.newContext({ baseURL, locale: 'vi-VN' })).newPage();
  await signInAs(head, ACCOUNTS.headCentre);
  await head.goto(`/khen-thuong/${roundId}`);
  // Only active officials of the head's own office are offered.
  const offered = await head.getByLabel('Cán bộ', { exact: true }).locator('option').allTextContents();
  expect(offered.some((o) => o.includes(s.star.name))).toBe(true);
  expect(offered.some((o) => o.includes(s.retired.name) || o.includes(s.hoaLuStaff.name))).toBe(false);

  const submit = async (officialId: number) => {
    await forceOption(head, 'Cán bộ', officialId);
    await head.getByLabel('Hình thức đề nghị').selectOption({ label: 'Lao động tiên tiến' });
    await head.getByLabel('Thành tích, lý do đề nghị').fill('Hoàn thành xuất sắc nhiệm vụ được giao.');
    await head.getByRole('button', { name: 'Gửi đề nghị' }).click();
  };
  await submit(s.hoaLuStaff.id);
  await expect(head.getByRole('status').filter({ hasText: 'Chỉ đề nghị được cán bộ thuộc đơn vị của Ông/Bà.' })).toBeVisible();
  await submit(s.retired.id);
  await expect(head.getByRole('status').filter({ hasText: 'Cán bộ này không còn hoạt động nên không đề nghị khen thưởng được.' })).toBeVisible();
  // Bad input: a link that is not http(s), reasons too short.
  await head.getByLabel('Cán bộ', { exact: true }).selectOption(String(s.star.id));
  await head.getByLabel('Thành tích, lý do đề nghị').fill('Tốt');
  await head.getByLabel('Đường dẫn minh chứng').fill('javascript:alert(1)');
  await head.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(head.getByText('Nêu thành tích, lý do đề nghị (ít nhất 10 ký tự).')).toBeVisible();
  await expect(head.getByText(/không phải một đường dẫn http\(s\) hợp lệ/)).toBeVisible();
  expect(await nominationCount(roundId)).toBe(0);

  await head.getByLabel('Thành tích, lý do đề nghị').fill('Hoàn thành xuất sắc nhiệm vụ được giao.');
  await head.getByLabel('Đường dẫn minh chứng').fill('');
  await head.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(head.getByText('Đã gửi đề nghị khen thưởng cá nhân.')).toBeVisible();
  await head.reload();
  await submit(s.star.id);
  await expect(head.getByRole('status').filter({ hasText: 'Cán bộ này đã được đề nghị trong đợt khen thưởng này.' })).toBeVisible();
  expect(await nominationCount(roundId)).toBe(1);

  // Hoa Lư's results are not final: its head is told so and offered nobody (the refusal itself: server/recognition.test.ts).
  const hoaLuHead = await (await browser.newContext({ baseURL, locale: 'vi-VN' })).newPage();
  await signInAs(hoaLuHead, ACCOUNTS.headHoaLu);
  await hoaLuHead.goto(`/khen-thuong/${roundId}`);
  await expect(hoaLuHead.getByText(`Chưa đề nghị được cho ${s.hoaLu.name}: kết quả đánh giá của đơn vị chưa được chốt.`)).toBeVisible();
  // Scope: the centre's nomination and officials are invisible to Hoa Lư's head.
  await expect(hoaLuHead.getByText(s.star.name)).toHaveCount(0);
  await expect(hoaLuHead.getByText('Chưa có đề nghị nào.').first()).toBeVisible();
  expect((await hoaLuHead.request.get(`/khen-thuong/${roundId}/in`)).status()).toBe(404);
  await expectNoSeriousA11yViolations(hoaLuHead);
  expect(await nominationCount(roundId)).toBe(1);

  // The supervisor has no recognition pages (individual figures are never theirs).
  const supervisor = await (await browser.newContext({ baseURL, locale: 'vi-VN' })).newPage();
  await signInAs(supervisor, ACCOUNTS.supervisor);
  await supervisor.goto('/tong-quan');
  await expect(supervisor.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Khen thưởng' })).toHaveCount(0);
  expect((await supervisor.request.get(`/khen-thuong/${roundId}`)).status()).toBe(404);
  expect((await supervisor.request.get('/khen-thuong')).status()).toBe(404);

  // The assessor tightens the rules while the round is open: accepting the star is then refused, naming the rule.
  await page.reload();
  const rules = page.getByRole('form', { name: 'Sửa tiêu chuẩn khen thưởng' });
  await rules.getByLabel('Số lượt đánh giá tối thiểu của cá nhân trong năm').fill('500');
  await rules.getByRole('button', { name: 'Lưu tiêu chuẩn' }).click();
  await expect(rules.getByText('Đã lưu tiêu chuẩn khen thưởng.')).toBeVisible();
  await expect(page.getByText('Có ít nhất 500 lượt đánh giá trong năm')).toBeVisible();
  const review = page.getByRole('form', { name: `Xem xét đề nghị: ${s.star.name}` });
  await review.getByRole('button', { name: 'Ghi kết luận' }).click();
  await expect(review.getByText('Không đồng ý đề nghị được vì chưa đạt tiêu chuẩn: Chưa đủ số lượt đánh giá: có 121, cần ít nhất 500.')).toBeVisible();
  await rules.getByLabel('Số lượt đánh giá tối thiểu của cá nhân trong năm').fill('30');
  await rules.getByRole('button', { name: 'Lưu tiêu chuẩn' }).click();
  await expect(rules.getByText('Đã lưu tiêu chuẩn khen thưởng.')).toBeVisible();

  // After the decision, a form the head still has open is refused.
  await page.reload();
  await page.getByRole('form', { name: `Xem xét đề nghị: ${s.star.name}` }).getByRole('button', { name: 'Ghi kết luận' }).click();
  await expect(page.getByText('Đã đồng ý đề nghị.')).toBeVisible();
  await head.reload();
  await head.getByLabel('Cán bộ', { exact: true }).selectOption(String(s.second.id));
  await head.getByLabel('Hình thức đề nghị').selectOption({ label: 'Lao động tiên tiến' });
  await head.getByLabel('Thành tích, lý do đề nghị').fill('Hoàn thành xuất sắc nhiệm vụ được giao.');
  await page.reload();
  await page.getByLabel('Số tờ trình').fill('9/TTr-SNV');
  await page.getByLabel('Ngày tờ trình').fill('20/01/2026');
  await page.getByRole('button', { name: 'Lập tờ trình' }).click();
  await expect(page.getByText('Đã lập tờ trình đề nghị khen thưởng.')).toBeVisible();
  await page.reload();
  await page.getByLabel('Số quyết định').fill('9/QĐ-UBND');
  await page.getByLabel('Ngày quyết định').fill('19/01/2026');
  await page.getByRole('button', { name: 'Ghi quyết định' }).click();
  await expect(page.getByText('Ngày quyết định không được trước ngày tờ trình.').first()).toBeVisible();
  await page.getByLabel('Ngày quyết định').fill('21/01/2026');
  await page.getByRole('button', { name: 'Ghi quyết định' }).click();
  await expect(page.getByText('Đã ghi quyết định khen thưởng. Đợt khen thưởng đã khoá.')).toBeVisible();
  await head.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(head.getByRole('status').filter({ hasText: 'Đợt khen thưởng đã có quyết định nên không thay đổi được nữa.' })).toBeVisible();
  expect(await nominationCount(roundId)).toBe(1);
  for (const p of [head, hoaLuHead, supervisor]) await p.context().close();
});

test('the assessor keeps the forms of recognition: add, rename, take out of use; bad input refused', async ({ page }) => {
  const s = await setUp();
  await openRoundAsAssessor(page, s);
  await page.goto('/khen-thuong');
  const name = `Giấy khen thử nghiệm ${randomInt(1_000_000)}`;
  const add = page.getByRole('form', { name: 'Thêm hình thức khen thưởng' });
  await add.getByLabel('Tên hình thức').fill('Gk');
  await add.getByRole('button', { name: 'Thêm hình thức' }).click();
  await expect(add.getByText('Nhập tên hình thức khen thưởng (ít nhất 3 ký tự).')).toBeVisible();
  await add.getByLabel('Tên hình thức').fill(name);
  await add.getByLabel('Khen cho').selectOption('collective');
  await add.getByRole('button', { name: 'Thêm hình thức' }).click();
  await expect(add.getByText(`Đã thêm hình thức “${name}”.`)).toBeVisible();
  await add.getByLabel('Tên hình thức').fill(name);
  await add.getByLabel('Khen cho').selectOption('collective');
  await add.getByRole('button', { name: 'Thêm hình thức' }).click();
  await expect(add.getByText('Đã có hình thức khen thưởng này.').first()).toBeVisible();

  const edit = page.getByRole('form', { name: `Sửa hình thức ${name} (tập thể)` });
  await edit.getByLabel('Tên hình thức').fill(`${name} (sửa)`);
  await edit.getByLabel('Đang dùng').uncheck();
  await edit.getByRole('button', { name: 'Lưu' }).click();
  const edited = page.getByRole('form', { name: `Sửa hình thức ${name} (sửa) (tập thể)` });
  await expect(edited.getByText(`Đã lưu hình thức “${name} (sửa)”.`)).toBeVisible();
  await expect(edited.getByLabel('Đang dùng')).not.toBeChecked();
  await expectNoSeriousA11yViolations(page);
  const sql = await openSql();
  try {
    expect(await sql.get('select kind, active from recognition_forms where name = ?', [`${name} (sửa)`])).toEqual({ kind: 'collective', active: 0 });
  } finally {
    await sql.close();
  }
});
