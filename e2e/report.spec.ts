import { dayKeyOf, dayStart, addDays } from '../lib/indicators/periods';
import { openSql } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

const TITLE = 'BẢNG TỔNG HỢP KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG';

/**
 * The period that covers every stored rating (the seed spreads them over the
 * six months before now), and the hand count of valid q2 answers of a unit's
 * subtree in it, straight from the responses table, not from the rollups the
 * report reads.
 */
async function groundTruth(unitId: number) {
  const db = await openSql();
  try {
    const { first, last } = (await db.get<{ first: number; last: number }>('select min(submitted_at) as first, max(submitted_at) as last from responses'))!;
    const from = dayKeyOf(first);
    const to = dayKeyOf(last);
    const { path } = (await db.get<{ path: string }>('select path from units where id = ?', [unitId]))!;
    const n = (await db.value<number>(
      `select count(distinct r.id) as n from responses r
         join units u on u.id = r.unit_id
         join answers a on a.response_id = r.id
        where u.path >= @path and u.path < @pathEnd
          and r.excluded = false
          and r.submitted_at >= @start and r.submitted_at < @end
          and a.question_key = 'q2' and a.score between 1 and 5`,
      { path, pathEnd: `${path.slice(0, -1)}0`, start: dayStart(from), end: dayStart(addDays(to, 1)) },
    ))!;
    return { from, to, q2: n };
  } finally {
    await db.close();
  }
}

const count = (text: string | null) => Number((text ?? '').replace(/\./g, '').trim());

test.describe('printable summary report (bảng tổng hợp)', () => {
  test('an office head prints the report of their office; its q2 n matches the ratings stored', async ({ page, db }) => {
    const centre = (await db.unitByCode(CODES.centre))!;
    const truth = await groundTruth(centre.id);
    expect(truth.q2, 'the seed stores ratings of the centre').toBeGreaterThan(0);

    await signInAs(page, ACCOUNTS.headCentre);
    const res = await page.goto(`/thong-ke/don-vi/${centre.id}/bang-tong-hop?tu=${truth.from}&den=${truth.to}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByText(centre.name, { exact: true }).first()).toBeVisible();
    const show = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    await expect(page.getByText(`Kỳ báo cáo: từ ${show(truth.from)} đến ${show(truth.to)}`)).toBeVisible();
    await expect(page.getByText(/^Ngày in: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)).toBeVisible();

    const questions = page.getByRole('table', { name: /^Bảng 1\./ });
    const q2 = questions.getByRole('row', { name: /Câu 2\. Nhìn chung/ });
    expect(count(await q2.getByRole('cell').first().textContent())).toBe(truth.q2);
    // Five levels add up to n.
    const levels = await q2.getByRole('cell').evaluateAll((cells) => cells.slice(1, 6).map((c) => c.textContent));
    expect(levels.map(count).reduce((a, b) => a + b, 0)).toBe(truth.q2);

    for (const name of [/^Bảng 2\./, /^Bảng 3\./, /^Bảng 5\./]) await expect(page.getByRole('table', { name })).toBeVisible();
    await expect(page.getByRole('table', { name: /Lý do chưa hài lòng/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: '6. Cách tính' })).toBeVisible();
    await expect(page.getByText('Người lập biểu')).toBeVisible();
    await expect(page.getByText('Thủ trưởng cơ quan')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // On paper: no staff navigation, no buttons.
    const nav = page.getByRole('navigation', { name: 'Chức năng' });
    const print = page.getByRole('button', { name: 'In / Lưu PDF' });
    await expect(nav).toBeVisible();
    await expect(print).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(nav).toBeHidden();
    await expect(print).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(q2).toBeVisible();
  });

  test('a bad period is explained and the default period used', async ({ page, db }) => {
    const centre = (await db.unitByCode(CODES.centre))!;
    await signInAs(page, ACCOUNTS.headCentre);
    const res = await page.goto(`/thong-ke/don-vi/${centre.id}/bang-tong-hop?tu=2026-13-45`);
    expect(res?.status()).toBe(200);
    await expect(page.getByText(/Ngày bắt đầu “2026-13-45” không hợp lệ.*đang hiển thị 30 ngày qua\./)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  });

  test("another office's report answers 404", async ({ page, db }) => {
    const hoaLu = (await db.unitIdByName('Trung tâm Phục vụ hành chính công phường Hoa Lư'));
    await signInAs(page, ACCOUNTS.headCentre);
    const res = await page.goto(`/thong-ke/don-vi/${hoaLu}/bang-tong-hop`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toHaveCount(0);
  });
});
