import { randomInt } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Browser, Page } from '@playwright/test';
import { openSql } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * Who serves at a counter (docs/decisions/023), as the office head and the
 * citizen see it: the head sets the weekly schedule and a same-day change on
 * /lich-truc, bad input is refused with a Vietnamese message and nothing is
 * stored, the counter's survey page and its kiosk show who serves, and an
 * official's PIN on the kiosk puts them on duty there.
 *
 * The officials are made here (with a PIN hashed as the app hashes
 * passwords), and the demo's weekly schedule of the counter used is cleared
 * first, so the test does not depend on the weekday it runs on.
 */

test.describe.configure({ mode: 'serial' });

const run = randomInt(1e6);
const A = `Nguyễn Thị An ${run}`;
const B = `Trần Văn Bình ${run}`;
const C = `Lê Văn Cường ${run}`;
const PIN_A = '246810';

type Setup = { unitId: number; officeName: string; counterId: number; counterName: string; otherCounterName: string; ids: Record<'a' | 'b' | 'c', number> };
let setup: Setup;

async function sql<T>(fn: (s: Awaited<ReturnType<typeof openSql>>) => Promise<T>): Promise<T> {
  const s = await openSql(undefined, { write: true });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** Today's local weekday (1 Monday … 7 Sunday) and day key, and the minute now. */
function localNow() {
  const local = new Date(Date.now() + 7 * 3_600_000);
  return { weekday: ((local.getUTCDay() + 6) % 7) + 1, day: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

test.beforeAll(async () => {
  const pinHash = await hash(PIN_A, { memoryCost: 65_536, timeCost: 3, parallelism: 1 });
  setup = await sql(async (s) => {
    const counter = (await s.get<{ id: number; name: string; unitId: number; officeName: string }>(
      'select c.id, c.name, c.unit_id as "unitId", u.name as "officeName" from counters c join units u on u.id = c.unit_id where c.code = ?',
      [CODES.counter],
    ))!;
    const other = (await s.get<{ name: string }>('select name from counters where unit_id = ? and id <> ? and active = true order by id limit 1', [counter.unitId, counter.id]))!;
    await s.run('delete from duty_templates where unit_id = ?', [counter.unitId]);
    await s.run('delete from duty_shifts where unit_id = ?', [counter.unitId]);
    const add = async (name: string, pin: string | null, active = true) =>
      Number(
        await s.value<number>(
          `insert into officials (unit_id, full_name, search_name, position, active, pin_hash, updated_at) values (?, ?, ?, ?, ${active ? 'true' : 'false'}, ?, ?) returning id`,
          [counter.unitId, name, name.toLowerCase(), 'chuyên viên', pin, Date.now()],
        ),
      );
    return {
      unitId: Number(counter.unitId),
      officeName: counter.officeName,
      counterId: Number(counter.id),
      counterName: counter.name,
      otherCounterName: other.name,
      ids: { a: await add(A, pinHash), b: await add(B, null), c: await add(C, null, false) },
    };
  });
});

const countDuty = () => sql(async (s) => Number(await s.value('select (select count(*) from duty_templates where unit_id = ?) + (select count(*) from duty_shifts where unit_id = ?)', [setup.unitId, setup.unitId])));

async function openSchedule(page: Page) {
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto(`/lich-truc?don-vi=${setup.unitId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lịch trực' })).toBeVisible();
}

async function addSlot(page: Page, slot: { counter: string; official: string; from: string; to: string }) {
  const form = page.getByRole('form', { name: 'Thêm ca trực hằng tuần' });
  await form.getByLabel('Quầy').selectOption({ label: slot.counter });
  await form.getByLabel('Thứ').selectOption(String(localNow().weekday));
  await form.getByLabel('Cán bộ').selectOption({ label: `${slot.official}, chuyên viên` });
  await form.getByLabel('Từ giờ').fill(slot.from);
  await form.getByLabel('Đến giờ').fill(slot.to);
  await form.getByRole('button', { name: 'Thêm ca trực' }).click();
  return form;
}

const survey = async (page: Page) => {
  await page.goto(`/s/${CODES.counter}`);
  return page.locator('.serving');
};

test('the head sets a weekly slot and a same-day change; bad input is refused and nothing stored; the survey page shows who serves', async ({ page }) => {
  await openSchedule(page);
  await expectNoSeriousA11yViolations(page);

  // A slot covering the whole of today's weekday, from today.
  let form = await addSlot(page, { counter: setup.counterName, official: A, from: '00:00', to: '24:00' });
  // Ratings other specs stored at this counter earlier today are re-attributed too, and the message says how many.
  await expect(form.getByRole('status')).toContainText(/^Đã thêm ca trực vào lịch hằng tuần\.( \d+ đánh giá đã được ghi nhận lại cho đúng cán bộ trực\.)?$/);
  const grid = page.getByRole('table').first();
  await expect(grid.getByRole('row', { name: new RegExp(setup.counterName) })).toContainText(`00:00–24:00 ${A}`);
  expect(await countDuty()).toBe(1);

  // Overlapping slots for one counter.
  form = await addSlot(page, { counter: setup.counterName, official: B, from: '10:00', to: '12:00' });
  await expect(form.getByRole('status')).toContainText('trùng giờ');
  // An official on two counters at once.
  form = await addSlot(page, { counter: setup.otherCounterName, official: A, from: '08:00', to: '09:00' });
  await expect(form.getByRole('status')).toContainText('một cán bộ không thể trực hai quầy cùng lúc');
  // A slot for an official made inactive while the page was open.
  await page.reload();
  await sql((s) => s.run('update officials set active = false where id = ?', [setup.ids.b]));
  form = await addSlot(page, { counter: setup.otherCounterName, official: B, from: '08:00', to: '09:00' });
  await expect(form.getByRole('status')).toContainText('đã ngừng hoạt động');
  await sql((s) => s.run('update officials set active = true where id = ?', [setup.ids.b]));
  // Times that are not times.
  form = await addSlot(page, { counter: setup.otherCounterName, official: B, from: '25:00', to: '09:00' });
  await expect(form.getByText('Giờ bắt đầu phải có dạng giờ:phút')).toBeVisible();
  expect(await countDuty()).toBe(1);

  await expect(await survey(page)).toHaveText(`Ông/Bà đang đánh giá: ${setup.counterName} — ${A}, chuyên viên`);
  await page.goto(`/s/${CODES.counter}?lang=en`);
  await expect(page.locator('.serving')).toHaveText(`You are rating: ${setup.counterName} — ${A}, chuyên viên`);
  // The office's own code (no counter) names nobody.
  await page.goto(`/s/${CODES.centre}`);
  await expect(page.locator('.serving')).toHaveCount(0);

  // A same-day change: B at the counter for the rest of today.
  await page.goto(`/lich-truc?don-vi=${setup.unitId}`);
  const change = page.getByRole('form', { name: 'Thay đổi trong ngày' });
  await change.getByLabel('Quầy').selectOption({ label: setup.counterName });
  await change.getByLabel('Cán bộ trực').selectOption({ label: `${B}, chuyên viên` });
  await change.getByLabel('Từ giờ').fill('00:00');
  await change.getByLabel('Đến giờ').fill('24:00');
  await change.getByRole('button', { name: 'Ghi thay đổi' }).click();
  await expect(change.getByRole('status')).toContainText('Đã ghi thay đổi trong ngày.');
  await expect(page.getByRole('table', { name: /Các thay đổi ngày/ })).toContainText(B);
  await expect(page.getByRole('list', { name: /Người trực ngày/ })).toContainText(`${setup.counterName}: 00:00–24:00 ${B}`);
  // The same change again overlaps itself.
  await change.getByLabel('Quầy').selectOption({ label: setup.counterName });
  await change.getByLabel('Từ giờ').fill('08:00');
  await change.getByLabel('Đến giờ').fill('09:00');
  await change.getByRole('button', { name: 'Ghi thay đổi' }).click();
  await expect(change.getByRole('status')).toContainText('trùng giờ');
  expect(await countDuty()).toBe(2);
  await expectNoSeriousA11yViolations(page);

  await expect(await survey(page)).toHaveText(`Ông/Bà đang đánh giá: ${setup.counterName} — ${B}, chuyên viên`);
  const audited = await sql((s) => s.value<number>(`select count(*) from audit_log where action in ('duty.template.create', 'duty.shift.change') and unit_id = ?`, [setup.unitId]));
  expect(Number(audited)).toBe(2);
});

test('the schedule page works without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await openSchedule(page);
  const form = page.getByRole('form', { name: 'Thay đổi trong ngày' });
  await form.getByLabel('Quầy').selectOption({ label: setup.otherCounterName });
  await form.getByLabel('Cán bộ trực').selectOption({ label: `${A}, chuyên viên` });
  await form.getByLabel('Từ giờ').fill('00:00');
  await form.getByLabel('Đến giờ').fill('00:01');
  await form.getByRole('button', { name: 'Ghi thay đổi' }).click();
  // A at the other counter while their slot here still runs… but B replaces them here today, so it is allowed.
  await expect(page.getByText('Đã ghi thay đổi trong ngày.')).toBeVisible();
  await context.close();
});

async function pairedKiosk(browser: Browser, baseURL: string) {
  const head = await browser.newContext({ baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const fleet = await head.newPage();
  await signInAs(fleet, ACCOUNTS.headCentre);
  await fleet.goto('/quan-tri/kiosk');
  const create = fleet.getByRole('region', { name: 'Tạo kiosk mới' });
  await create.getByLabel('Đơn vị đặt kiosk').selectOption(String(setup.unitId));
  await create.getByLabel('Quầy (không bắt buộc)').selectOption(String(setup.counterId));
  const name = `Kiosk trực ${run}`;
  await create.getByLabel('Tên kiosk').fill(name);
  await create.getByRole('button', { name: 'Tạo kiosk và lấy mã ghép nối' }).click();
  const code = (await fleet.getByRole('region', { name: `Mã ghép nối cho “${name}”` }).getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/).textContent())!;
  await head.close();

  const tablet = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await tablet.newPage();
  await page.goto('/kiosk');
  await page.getByLabel('Mã ghép nối').fill(code);
  await page.getByRole('button', { name: 'Ghép nối' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ông/Bà vui lòng đánh giá mức độ hài lòng' })).toBeVisible();
  return { page, close: () => tablet.close() };
}

test('the kiosk shows who serves, and an official’s PIN puts them on duty there', async ({ page, browser, baseURL }) => {
  const kiosk = await pairedKiosk(browser, baseURL!);
  const k = kiosk.page;
  await expect(k.locator('.kiosk-serving')).toHaveText(`Ông/Bà đang đánh giá: ${setup.counterName} — ${B}, chuyên viên`);

  await k.getByRole('button', { name: 'Đổi cán bộ trực' }).click();
  await expect(k.getByRole('heading', { name: 'Đổi cán bộ trực' })).toBeVisible();
  await expectNoSeriousA11yViolations(k);
  for (const d of '1111') await k.getByRole('button', { name: d, exact: true }).click();
  await k.getByRole('button', { name: 'Nhận trực' }).click();
  await expect(k.getByRole('alert').filter({ hasText: 'Mã PIN' })).toHaveText('Mã PIN không đúng, hoặc cán bộ chưa có mã PIN. Vui lòng thử lại.');
  for (const d of PIN_A) await k.getByRole('button', { name: d, exact: true }).click();
  await k.getByRole('button', { name: 'Nhận trực' }).click();
  await expect(k.getByRole('status').filter({ hasText: 'đã nhận trực' })).toHaveText(`${A} đã nhận trực tại ${setup.counterName} đến hết ngày.`);
  await k.getByRole('button', { name: 'Xong' }).click();
  await expect(k.locator('.kiosk-serving')).toHaveText(`Ông/Bà đang đánh giá: ${setup.counterName} — ${A}, chuyên viên`);

  const shift = await sql((s) => s.get<{ source: string; officialId: number; kioskId: number | null }>(
    'select source, official_id as "officialId", kiosk_id as "kioskId" from duty_shifts where unit_id = ? order by id desc limit 1',
    [setup.unitId],
  ));
  expect(shift).toMatchObject({ source: 'kiosk', officialId: setup.ids.a });
  expect(shift!.kioskId).not.toBeNull();
  await expect(await survey(page)).toHaveText(`Ông/Bà đang đánh giá: ${setup.counterName} — ${A}, chuyên viên`);

  // The citizen's flow is unchanged: a rating at the kiosk now is attributed to A.
  await k.getByRole('group', { name: /thái độ phục vụ của cán bộ/ }).getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
  await k.waitForTimeout(800);
  await k.getByRole('group', { name: /^Nhìn chung/ }).getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
  await expect(k.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
  await expect
    .poll(() => sql((s) => s.value<number>('select official_id from responses where counter_id = ? and channel = ? order by id desc limit 1', [setup.counterId, 'kiosk'])), { timeout: 20_000 })
    .toBe(setup.ids.a);
  await kiosk.close();
});
