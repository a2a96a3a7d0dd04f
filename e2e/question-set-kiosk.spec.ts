import { randomInt } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { queryAll } from './db';
import { ACCOUNTS, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * One unit tree wherever a unit is picked or listed, and question sets that
 * an administrator assigns to an office: its survey and its kiosk then ask
 * the set's questions, and kiosk ratings are stored with the set's version.
 * Uses the Yên Khánh commune, which no other spec changes.
 */

const WARD = 'Xã Yên Khánh';
const CENTRE = 'Trung tâm Phục vụ hành chính công xã Yên Khánh';

type Line = { depth: number; name: string; disabled: boolean };

/** A unit picker's lines as a person sees them: the indent (three no-break spaces a level), the name, and whether it can be chosen. */
async function pickerLines(select: Locator): Promise<Line[]> {
  const raw = await select.locator('option').evaluateAll((os) => os.map((o) => ({ text: o.textContent ?? '', disabled: (o as HTMLOptionElement).disabled, value: (o as HTMLOptionElement).value })));
  return raw
    .filter((o) => o.value !== '')
    .map((o) => {
      const indent = /^\u00a0*/.exec(o.text)![0].length;
      return { depth: indent / 3, name: o.text.slice(indent), disabled: o.disabled };
    });
}

/** Every commune centre comes right after its commune, one level deeper; nothing else sits under a commune. */
function expectCentresUnderTheirCommunes(lines: Line[]) {
  const centres = lines.filter((l) => l.name.startsWith('Trung tâm Phục vụ hành chính công ') && !l.name.endsWith('tỉnh Ninh Bình'));
  expect(centres.length).toBeGreaterThan(5);
  for (const centre of centres) {
    const i = lines.indexOf(centre);
    const commune = lines[i - 1]!;
    // (Another spec renames one centre "… (cơ sở mới)".)
    expect(centre.name.toLowerCase().startsWith(`trung tâm phục vụ hành chính công ${commune.name.toLowerCase()}`), `${centre.name} under ${commune.name}`).toBe(true);
    expect(centre.depth).toBe(commune.depth + 1);
  }
}

test.describe('one unit tree', () => {
  test('the kiosk picker shows ward centres under their ward, not under "Sở Tư pháp" or "Sở Nội vụ"; the scope picker and the units list show the same tree', async ({ page }) => {
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/quan-tri/kiosk');
    const picker = page.getByRole('region', { name: 'Tạo kiosk mới' }).getByLabel('Đơn vị đặt kiosk');
    await expect(picker).toHaveAccessibleDescription(/theo cây đơn vị/);
    const lines = await pickerLines(picker);
    expect(lines[0]).toEqual({ depth: 0, name: 'Tỉnh Ninh Bình', disabled: true });
    const tuPhap = lines.findIndex((l) => l.name === 'Sở Tư pháp');
    expect(lines.slice(tuPhap, tuPhap + 3)).toEqual([
      { depth: 1, name: 'Sở Tư pháp', disabled: false },
      { depth: 1, name: 'Sở Nội vụ', disabled: false },
      { depth: 1, name: 'Sở Xây dựng', disabled: false },
    ]);
    const ward = lines.findIndex((l) => l.name === WARD);
    expect(lines.slice(ward, ward + 2)).toEqual([
      { depth: 1, name: WARD, disabled: true },
      { depth: 2, name: CENTRE, disabled: false },
    ]);
    expectCentresUnderTheirCommunes(lines);
    // A native select: labelled, reachable by keyboard; a commune (a heading) cannot be chosen.
    const centreId = String((await queryAll<{ id: number }>('select id from units where name = ?', [CENTRE]))[0]!.id);
    await picker.selectOption(centreId);
    await expect(picker).toHaveValue(centreId);
    const wardId = String((await queryAll<{ id: number }>('select id from units where name = ?', [WARD]))[0]!.id);
    await expect(picker.locator(`option[value="${wardId}"]`)).toBeDisabled();
    await picker.focus();
    await expect(picker).toBeFocused();
    await expectNoSeriousA11yViolations(page);

    // A new account's scope: every unit can be chosen, in the same tree.
    await page.goto('/quan-tri/nguoi-dung/moi');
    const scope = await pickerLines(page.getByLabel('Đơn vị phạm vi'));
    expect(scope.every((l) => !l.disabled)).toBe(true);
    const w = scope.findIndex((l) => l.name === WARD);
    expect(scope.slice(w, w + 2).map((l) => [l.depth, l.name])).toEqual([
      [1, WARD],
      [2, CENTRE],
    ]);
    expectCentresUnderTheirCommunes(scope);

    // The units list: the same indent, and the unit above named for screen readers.
    await page.goto('/quan-tri/don-vi');
    const row = page.getByRole('rowheader', { name: new RegExp(`^${CENTRE}\\s*, thuộc ${WARD}$`) });
    await expect(row).toBeVisible();
    const indent = async (name: string) =>
      page
        .getByRole('rowheader', { name: new RegExp(`^${name}`) })
        .first()
        .locator('.unit-tree-name')
        .evaluate((e) => parseFloat(getComputedStyle(e).paddingInlineStart));
    expect(await indent(CENTRE)).toBeGreaterThan(await indent(WARD));
    expect(await indent(WARD)).toBeGreaterThan(await indent('Tỉnh Ninh Bình'));
    await expectNoSeriousA11yViolations(page);
  });
});

/** The tablet: a fresh browser context holding only its kiosk cookie. */
async function pairTablet(page: Page, code: string) {
  await page.goto('/kiosk');
  await page.getByLabel('Mã ghép nối').fill(code);
  await page.getByRole('button', { name: 'Ghép nối' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ông/Bà vui lòng đánh giá mức độ hài lòng' })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test.describe('a question set assigned to an office', () => {
  test('an administrator makes a set whose kiosk asks about waiting, assigns it to a commune centre: its survey and its kiosk ask it, ratings keep its version; unassigned, the defaults return', async ({
    page,
    browser,
    baseURL,
    db,
  }) => {
    test.setTimeout(150_000);
    const run = randomInt(1e6);
    const setName = `Bộ hỏi thời gian chờ ${run}`;
    const waiting = `Hôm nay Ông/Bà phải chờ bao lâu? (${run})`;
    const centreId = await db.unitIdByName(CENTRE);
    const code = await db.firstCodeUnder(centreId);

    // A copy of the default set, owned by the province.
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/quan-tri/bo-cau-hoi');
    await page.getByLabel('Tên bộ câu hỏi mới').fill(setName);
    await page.getByRole('button', { name: 'Tạo bộ câu hỏi mới' }).click();
    await expect(page.getByRole('heading', { level: 1, name: setName })).toBeVisible();
    const setId = Number(/\/quan-tri\/bo-cau-hoi\/(\d+)/.exec(page.url())![1]);

    // The default's kiosk questions come with it: attitude (Q1) and overall (Q2).
    await expect(page.getByText('Kiosk hỏi 2 câu, mỗi câu một màn hình mặt cười: Q1 (Thái độ phục vụ), Q2 (Hài lòng chung).')).toBeVisible();
    const editor = page.locator('form').filter({ has: page.getByRole('button', { name: /Lưu thành phiên bản 2/ }) });
    const kioskBox = (key: string) => editor.getByRole('group', { name: new RegExp(`^${key} ·`) }).getByRole('checkbox', { name: 'Hỏi trên kiosk' });
    await expect(kioskBox('Q1')).toBeChecked();
    await expect(kioskBox('Q2')).toBeChecked();
    await expect(kioskBox('Q6')).not.toBeChecked();
    // None ticked is refused, with the reason tied to the boxes.
    await kioskBox('Q1').uncheck();
    await kioskBox('Q2').uncheck();
    await editor.getByRole('button', { name: /Lưu thành phiên bản 2/ }).click();
    await expect(kioskBox('Q1')).toHaveAccessibleDescription(/ít nhất một câu hỏi thang 5 mức/);
    await expectNoSeriousA11yViolations(page);
    // Only the waiting time, reworded.
    await kioskBox('Q1').uncheck();
    await kioskBox('Q2').uncheck();
    await kioskBox('Q6').check();
    await editor.getByLabel('Q6 — nội dung tiếng Việt').fill(waiting);
    await editor.getByRole('button', { name: /Lưu thành phiên bản 2/ }).click();
    await expect(page.getByText('Đã lưu phiên bản 2.')).toBeVisible();
    await expect(page.getByText('Kiosk hỏi 1 câu, mỗi câu một màn hình mặt cười: Q6 (Thời gian chờ).')).toBeVisible();

    // Assigned from the set's page, picked in the unit tree.
    await expect(page.getByText('Chưa đơn vị nào trong phạm vi của Ông/Bà được giao riêng bộ câu hỏi này.')).toBeVisible();
    const assign = page.locator('form').filter({ has: page.getByRole('button', { name: 'Giao bộ câu hỏi cho đơn vị' }) });
    const units = assign.getByLabel('Đơn vị dùng bộ câu hỏi này');
    const lines = await pickerLines(units);
    const ward = lines.findIndex((l) => l.name === WARD);
    expect(lines.slice(ward, ward + 2)).toEqual([
      { depth: 1, name: WARD, disabled: false },
      { depth: 2, name: CENTRE, disabled: false },
    ]);
    await assign.getByRole('button', { name: 'Giao bộ câu hỏi cho đơn vị' }).click();
    await expect(units).toHaveAccessibleDescription(/Vui lòng chọn đơn vị trong danh sách\./);
    await units.selectOption(String(centreId));
    await assign.getByRole('button', { name: 'Giao bộ câu hỏi cho đơn vị' }).click();
    await expect(assign.getByRole('status')).toContainText(`Đã giao bộ câu hỏi cho ${CENTRE}.`);
    await expect(page.getByRole('link', { name: CENTRE })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const audited = (await db.auditActions('unit', centreId)).filter((a) => a.action === 'unit.assign_question_set').at(-1)!;
    expect(JSON.parse(audited.after!)).toEqual({ questionSetId: setId });
    // The unit's own page says so too.
    await page.goto(`/quan-tri/don-vi/${centreId}`);
    await expect(page.getByLabel('Bộ câu hỏi của đơn vị')).toHaveValue(String(setId));

    // The citizen's survey of the centre asks the reworded question.
    await page.goto(`/s/${code}`);
    // (An optional question: on the page, folded under the optional questions.)
    await expect(page.getByRole('group', { name: waiting, includeHidden: true })).toBeAttached();

    // A kiosk of the centre asks only that question, on its start screen: one tap rates.
    await page.goto('/quan-tri/kiosk');
    const create = page.getByRole('region', { name: 'Tạo kiosk mới' });
    await create.getByLabel('Đơn vị đặt kiosk').selectOption(String(centreId));
    const kioskName = `Kiosk chờ ${run}`;
    await create.getByLabel('Tên kiosk').fill(kioskName);
    await create.getByRole('button', { name: 'Tạo kiosk và lấy mã ghép nối' }).click();
    const pairing = (await page
      .getByRole('region', { name: `Mã ghép nối cho “${kioskName}”` })
      .getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/)
      .textContent())!;
    const tabletContext = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'vi-VN' });
    const tablet = await tabletContext.newPage();
    await pairTablet(tablet, pairing);
    const question = tablet.getByRole('group', { name: waiting });
    await expect(question).toBeVisible();
    await expect(tablet.getByText(/Câu \d\/\d/)).toHaveCount(0);
    await expectNoSeriousA11yViolations(tablet);
    await question.getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await expect(tablet.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    const kioskId = (await queryAll<{ id: number }>('select id from kiosks where name = ?', [kioskName]))[0]!.id;
    const version = (await queryAll<{ id: number }>('select id from question_set_versions where question_set_id = ? and version = 2', [setId]))[0]!.id;
    await expect
      .poll(() => queryAll<{ v: number; k: string; score: number }>('select r.question_set_version_id as v, a.question_key as k, a.score from responses r join answers a on a.response_id = r.id where r.kiosk_id = ?', [kioskId]))
      .toEqual([{ v: version, k: 'q6', score: 4 }]);

    // Unassigned: the centre inherits the default again, and its kiosk asks attitude then overall at its next config.
    await page.goto(`/quan-tri/bo-cau-hoi/${setId}`);
    await page.getByRole('button', { name: `Thôi giao bộ câu hỏi này cho ${CENTRE}` }).click();
    await expect(page.getByText('Chưa đơn vị nào trong phạm vi của Ông/Bà được giao riêng bộ câu hỏi này.')).toBeVisible();
    expect((await db.auditActions('unit', centreId)).filter((a) => a.action === 'unit.assign_question_set').map((a) => JSON.parse(a.after!))).toEqual([
      { questionSetId: setId },
      { questionSetId: null },
    ]);
    await page.goto(`/s/${code}`);
    await expect(page.getByRole('group', { name: waiting, includeHidden: true })).toHaveCount(0);
    await tablet.reload();
    await expect(tablet.getByRole('group', { name: /thái độ phục vụ của cán bộ/ })).toBeVisible();
    await tabletContext.close();
  });
});
