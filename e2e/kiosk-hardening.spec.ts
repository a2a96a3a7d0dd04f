import { randomInt, randomUUID } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { DIRECT_DATABASE, DIRECT_URL, E2E_DATABASE, type E2eDatabase } from '../playwright.config';
import { queryAll } from './db';
import { ACCOUNTS, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';
import { newNetwork } from './network';

/**
 * What a stolen or forged kiosk credential can no longer do (docs/security.md,
 * "Kiosks"): backdate ratings before the kiosk existed, rate at night unseen,
 * post batches without limit; and pairing failures are throttled by the real
 * peer, not by what a client writes in X-Forwarded-For. Tablets are bare
 * request contexts; what was stored is read from the server's SQLite file.
 */

async function query<T>(database: E2eDatabase, sql: string, ...params: unknown[]): Promise<T[]> {
  return queryAll<T>(sql, params, database);
}
const kioskByName = async (name: string) => (await query<{ id: number; unitId: number }>(E2E_DATABASE, 'select id, unit_id as "unitId" from kiosks where name = ?', name))[0]!;

async function newTablet(baseURL: string, forwardedFor = newNetwork()): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': forwardedFor } });
}

/** Creates a kiosk for the first office on the fleet page (open) and pairs a tablet with its code. */
async function pairedTablet(page: Page, baseURL: string, name: string) {
  const form = page.getByRole('region', { name: 'Tạo kiosk mới' });
  await form.getByLabel('Đơn vị đặt kiosk').selectOption({ index: 1 });
  await form.getByLabel('Tên kiosk').fill(name);
  await form.getByRole('button', { name: 'Tạo kiosk và lấy mã ghép nối' }).click();
  const shown = page.getByRole('region', { name: `Mã ghép nối cho “${name}”` });
  const code = (await shown.getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/).textContent())!;
  const tablet = await newTablet(baseURL);
  expect((await tablet.post('/api/kiosk/pair', { data: { code } })).status()).toBe(200);
  return { tablet, ...(await kioskByName(name)) };
}

const item = (over: Record<string, unknown> = {}) => ({ clientId: randomUUID(), tappedAt: Date.now() - 1000, score: 5, reasons: [] as string[], comment: null, lang: 'vi', ...over });

test.describe.configure({ mode: 'serial' });

/** The office of the kiosk made in the first test. */
let officeId = 0;

test('an office head sets the office’s opening hours; a kiosk rating outside them is stored but flagged', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/quan-tri/kiosk');
  const { tablet, unitId } = await pairedTablet(page, baseURL!, `Kiosk giờ e2e ${randomInt(1e6)}`);
  officeId = unitId;

  await page.reload();
  const hours = page.getByRole('region', { name: 'Giờ làm việc' });
  await expect(hours).toContainText('Thứ Hai – Thứ Sáu: 07:00–17:30; Thứ Bảy: 07:00–11:30; Chủ nhật: nghỉ');
  await page.goto(`/quan-tri/kiosk/gio-lam-viec/${unitId}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Giờ làm việc: / })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A mistake is named on its field, in Vietnamese; nothing is saved.
  await page.getByRole('radio', { name: 'Giờ riêng của đơn vị, như dưới đây' }).check();
  const monday = page.getByRole('group', { name: 'Thứ Hai' });
  await monday.getByLabel('Sáng đến').fill('06:00');
  await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
  await expect(page.getByText('Thứ Hai, buổi sáng: giờ kết thúc phải sau giờ bắt đầu.')).toBeVisible();
  await expect(monday.getByLabel('Sáng đến')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page);
  expect((await query<{ h: string | null }>(E2E_DATABASE, 'select opening_hours as h from units where id = ?', unitId))[0]!.h).toBeNull();

  // Closed all week: whatever the time of this run, a rating tapped now is outside the hours.
  for (const day of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']) await page.getByRole('group', { name: day }).getByLabel('Nghỉ').check();
  await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu giờ làm việc: Thứ Hai – Chủ nhật: nghỉ.' })).toBeVisible();

  const now = item();
  const res = await tablet.post('/api/kiosk/batch', { data: { appVersion: 'e2e', queued: 1, items: [now] } });
  expect(await res.json()).toMatchObject({ stored: [now.clientId], rejected: [] });
  expect((await query(E2E_DATABASE, 'select flags, excluded from responses where client_id = ?', now.clientId))).toEqual([{ flags: 'outside_hours', excluded: 1 }]);
  expect((await query<{ after: string }>(E2E_DATABASE, "select after from audit_log where action = 'unit.update' and entity_id = ? order by id desc limit 1", String(unitId)))[0]!.after).toContain('"sun":[]');

  // Back to the hours from above (other tests expect the default).
  await page.getByRole('radio', { name: /^Theo đơn vị cấp trên/ }).check();
  await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Đơn vị dùng giờ làm việc/ })).toBeVisible();
  expect((await query<{ h: string | null }>(E2E_DATABASE, 'select opening_hours as h from units where id = ?', unitId))[0]!.h).toBeNull();
  await tablet.dispose();
});

test('an administrator finds the same form on the unit’s admin page', async ({ page }) => {
  await signInAs(page, ACCOUNTS.admin);
  await page.goto(`/quan-tri/don-vi/${officeId}`);
  const section = page.getByRole('region', { name: 'Giờ làm việc' });
  await expect(section).toContainText('Đang áp dụng: Thứ Hai – Thứ Sáu: 07:00–17:30; Thứ Bảy: 07:00–11:30; Chủ nhật: nghỉ');
  await expect(section.getByRole('radio', { name: /^Theo đơn vị cấp trên/ })).toBeChecked();
  await expect(section.getByRole('group', { name: 'Thứ Bảy' }).getByLabel('Sáng đến')).toHaveValue('11:30');
  await expectNoSeriousA11yViolations(page);
});

test('a kiosk credential cannot backdate ratings before its pairing nor post more than 30 batches a minute', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/quan-tri/kiosk');
  const { tablet, id } = await pairedTablet(page, baseURL!, `Kiosk chặn e2e ${randomInt(1e6)}`);

  // The attack seen: 500 five-star ratings dated 29 days back, before the kiosk existed.
  const backdated = Array.from({ length: 500 }, (_, i) => item({ tappedAt: Date.now() - 29 * 24 * 3600_000 + i * 60_000 }));
  const res = await tablet.post('/api/kiosk/batch', { data: { appVersion: 'e2e', queued: 500, items: backdated } });
  expect(res.status()).toBe(200);
  const json = (await res.json()) as { stored: string[]; rejected: { clientId: string; reason: string }[] };
  expect(json.stored).toEqual([]);
  expect(json.rejected).toHaveLength(500);
  expect(json.rejected[0]!.reason).toBe('Đánh giá bị loại: thời điểm chạm trước khi máy tính bảng được ghép nối.');
  expect((await query<{ n: number }>(E2E_DATABASE, 'select count(*) as n from responses where kiosk_id = ?', id))[0]!.n).toBe(0);

  // Batches: one request above was counted; 29 more pass, the 31st is refused with a wait, storing nothing.
  for (let i = 0; i < 29; i++) expect((await tablet.post('/api/kiosk/batch', { data: { appVersion: 'e2e', queued: 0, items: [] } })).status()).toBe(200);
  const extra = item();
  const refused = await tablet.post('/api/kiosk/batch', { data: { appVersion: 'e2e', queued: 1, items: [extra] } });
  expect(refused.status()).toBe(429);
  const wait = Number(refused.headers()['retry-after']);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(60);
  expect(await refused.json()).toEqual({ code: 'throttled', error: expect.stringMatching(/^Máy tính bảng gửi quá nhiều lô đánh giá trong một phút/) });
  expect((await query<{ n: number }>(E2E_DATABASE, 'select count(*) as n from responses where client_id = ?', extra.clientId))[0]!.n).toBe(0);
  await tablet.dispose();
});

test('without a trusted proxy, pairing failures with a rotating forged X-Forwarded-For are throttled at the 11th, and audited as one row', async () => {
  const tablet = await playwrightRequest.newContext({ baseURL: DIRECT_URL });
  const before = (await query<{ n: number }>(DIRECT_DATABASE, "select coalesce(sum(count), 0) as n from audit_log where action = 'kiosk.pair_failed'"))[0]!.n;
  for (let i = 0; i < 10; i++) {
    const res = await tablet.post('/api/kiosk/pair', { data: { code: 'ZZZZ ZZZZ' }, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
    expect(res.status()).toBe(400);
  }
  const eleventh = await tablet.post('/api/kiosk/pair', { data: { code: 'ZZZZ ZZZZ' }, headers: { 'x-forwarded-for': '203.0.113.99' } });
  expect(eleventh.status()).toBe(429);
  expect(await eleventh.json()).toEqual({ code: 'throttled', error: expect.stringMatching(/15 phút/) });
  const rows = (await query<{ count: number }>(DIRECT_DATABASE, "select count from audit_log where action = 'kiosk.pair_failed'"));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.count - before).toBe(11);
  await tablet.dispose();
});

test('behind the trusted proxy, a client claiming 127.0.0.1 throttles only itself', async ({ baseURL }) => {
  const forger = await newTablet(baseURL!, '127.0.0.1');
  let last = 0;
  for (let i = 0; i < 11; i++) last = (await forger.post('/api/kiosk/pair', { data: { code: 'ZZZZ ZZZZ' } })).status();
  expect(last).toBe(429);
  const other = await newTablet(baseURL!);
  const res = await other.post('/api/kiosk/pair', { data: { code: 'ZZZZ ZZZZ' } });
  expect(res.status()).toBe(400);
  expect(await res.json()).toMatchObject({ code: 'bad_code' });
  await forger.dispose();
  await other.dispose();
});
