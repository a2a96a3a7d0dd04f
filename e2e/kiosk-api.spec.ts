import { randomInt, randomUUID } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { DEFAULT_OPENING_HOURS, isWithinOpeningHours } from '../lib/opening-hours';
import { queryAll } from './db';
import { ACCOUNTS, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';
import { newNetwork } from './network';

/**
 * The kiosk's server side (docs/kiosk-protocol.md): an office head creates a
 * kiosk on the fleet page and reads its pairing code; a "tablet" (a bare
 * request context with its own cookie jar) pairs and sends batches; what was
 * stored is checked in the server's own SQLite file, read-only.
 */

async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return queryAll<T>(sql, params);
}
const storedCount = async (ids: string[]) =>
  (await query<{ n: number }>(`select count(*) as n from responses where client_id in (${ids.map(() => '?').join(',') || "''"})`, ...ids))[0]!.n;
const kioskIdByName = async (name: string) => (await query<{ id: number }>('select id from kiosks where name = ?', name))[0]!.id;

async function newTablet(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': newNetwork() } });
}

/** Creates a kiosk on the fleet page (already open) and returns the pairing code shown once. */
async function createKioskOnPage(page: Page, name: string): Promise<string> {
  const form = page.getByRole('region', { name: 'Tạo kiosk mới' });
  await form.getByLabel('Đơn vị đặt kiosk').selectOption({ index: 1 });
  await form.getByLabel('Tên kiosk').fill(name);
  await form.getByRole('button', { name: 'Tạo kiosk và lấy mã ghép nối' }).click();
  const shown = page.getByRole('region', { name: `Mã ghép nối cho “${name}”` });
  await expect(shown).toBeVisible();
  await expect(shown).toContainText('Mở /kiosk trên máy tính bảng và nhập mã');
  const code = (await shown.getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/).textContent())!;
  return code;
}

const item = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  tappedAt: Date.now() - randomInt(1000, 60_000),
  score: 5,
  reasons: [] as string[],
  comment: null as string | null,
  lang: 'vi',
  ...over,
});

test.describe.configure({ mode: 'serial' });

test.describe('kiosk API', () => {
  const kioskName = `Kiosk sảnh e2e ${randomInt(1e6)}`;
  const repairedName = `Kiosk quầy e2e ${randomInt(1e6)}`;

  test('an office head pairs a kiosk; batches are stored once, partly rejected or refused whole; revoking ends it', async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/quan-tri/kiosk');
    await expect(page.getByRole('heading', { level: 1, name: 'Kiosk đánh giá' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const code = await createKioskOnPage(page, kioskName);
    await expectNoSeriousA11yViolations(page);
    await page.reload();
    const card = page.getByRole('listitem', { name: new RegExp(kioskName) });
    await expect(card).toContainText('Chờ ghép nối');
    await expect(card).toContainText('mã hết hạn lúc');
    await expectNoSeriousA11yViolations(page);

    // Pairing: case and spaces do not matter; the credential is an httpOnly, SameSite=Strict cookie.
    const tablet = await newTablet(baseURL!);
    const paired = await tablet.post('/api/kiosk/pair', { data: { code: ` ${code.toLowerCase()} ` } });
    expect(paired.status()).toBe(200);
    const setCookie = paired.headers()['set-cookie'] ?? '';
    expect(setCookie).toMatch(/^hl_kiosk=\d+\.[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = (await tablet.storageState()).cookies.find((c) => c.name === 'hl_kiosk')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const pairedConfig = (await paired.json()) as { kiosk: { id: number; name: string } };
    expect(pairedConfig.kiosk.name).toBe(kioskName);

    const config = await tablet.get('/api/kiosk/config');
    expect(config.status()).toBe(200);
    expect(await config.json()).toMatchObject({
      kiosk: { id: pairedConfig.kiosk.id, name: kioskName, idleSeconds: 30, cooldownMs: 4000 },
      questionSetVersionId: expect.any(Number),
      questions: [
        { key: 'q1', text: { vi: expect.stringMatching(/thái độ phục vụ/) } },
        { key: 'q2', text: { vi: expect.stringMatching(/^Nhìn chung/) } },
      ],
      question: { key: 'q2', text: { vi: expect.stringMatching(/^Nhìn chung/) } },
      reasons: { key: 'q10', options: expect.arrayContaining([{ value: 'waiting', label: { vi: 'Phải chờ lâu', en: 'Long wait' } }]) },
      commentMaxLength: 500,
    });

    // The code was single use.
    const reused = await (await newTablet(baseURL!)).post('/api/kiosk/pair', { data: { code } });
    expect(reused.status()).toBe(400);
    expect(await reused.json()).toEqual({ code: 'bad_code', error: expect.stringMatching(/không đúng, đã hết hạn hoặc đã được dùng/) });

    // 3 valid and 2 invalid ratings (a score of 9, a tap time 10 minutes ahead).
    const good = [item(), item({ score: 2, reasons: ['waiting', 'late'] }), item({ score: 4, comment: 'Cán bộ nhiệt tình' })];
    const bad = [item({ score: 9 }), item({ tappedAt: Date.now() + 10 * 60_000 })];
    const batch = { appVersion: 'e2e-1.0', queued: 5, items: [good[0], bad[0], good[1], bad[1], good[2]] };
    const first = await tablet.post('/api/kiosk/batch', { data: batch });
    expect(first.status()).toBe(200);
    const firstJson = (await first.json()) as { stored: string[]; duplicates: string[]; rejected: { clientId: string; reason: string }[] };
    expect(firstJson.stored.sort()).toEqual(good.map((g) => g.clientId).sort());
    expect(firstJson.duplicates).toEqual([]);
    expect(firstJson.rejected).toEqual([
      { clientId: bad[0]!.clientId, reason: expect.stringMatching(/từ 1 đến 5/) },
      { clientId: bad[1]!.clientId, reason: expect.stringMatching(/tương lai/) },
    ]);
    const rows = (await query<{ client_id: string; channel: string; kiosk_id: number; submitted_at: number; excluded: number; comment: string | null }>(
      `select client_id, channel, kiosk_id, submitted_at, excluded, comment from responses where client_id in (?, ?, ?)`,
      ...good.map((g) => g.clientId),
    ));
    expect(rows.sort((a, b) => a.submitted_at - b.submitted_at)).toEqual(
      [...good]
        .sort((a, b) => a.tappedAt - b.tappedAt)
        .map((g) => ({
          client_id: g.clientId,
          channel: 'kiosk',
          kiosk_id: pairedConfig.kiosk.id,
          submitted_at: g.tappedAt,
          // Counted in the office's opening hours (the default here); a run at night sees them flagged outside_hours.
          excluded: isWithinOpeningHours(DEFAULT_OPENING_HOURS, g.tappedAt) ? 0 : 1,
          comment: g.comment,
        })),
    );
    expect(
      (await query<{ choice: string }>(
        "select a.choice from answers a join responses r on r.id = a.response_id where r.client_id = ? and a.question_key = 'q10' order by a.choice",
        good[1]!.clientId,
      )).map((a) => a.choice),
    ).toEqual(['late', 'waiting']);
    expect((await storedCount(bad.map((b) => b.clientId)))).toBe(0);

    // The same batch again: nothing stored twice.
    const again = (await (await tablet.post('/api/kiosk/batch', { data: batch })).json()) as typeof firstJson;
    expect(again.stored).toEqual([]);
    expect(again.duplicates.sort()).toEqual(good.map((g) => g.clientId).sort());
    expect((await storedCount(good.map((g) => g.clientId)))).toBe(3);

    // Malformed batches are refused whole: not even the valid item is stored.
    const lone = item();
    for (const body of [
      { data: '{"appVersion": "e2e-1.0", "queued": 1, "items": [', headers: { 'content-type': 'application/json' } },
      { data: { appVersion: 'e2e-1.0', queued: 2, items: [lone, { score: 5 }] } },
      { data: { appVersion: 'e2e-1.0', items: [lone] } },
      { data: JSON.stringify({ appVersion: 'e2e-1.0', queued: 1, items: [lone] }), headers: { 'content-type': 'text/plain' } },
    ]) {
      const res = await tablet.post('/api/kiosk/batch', body);
      expect(res.status()).toBe(400);
      expect(await res.json()).toEqual({ code: 'bad_batch', error: expect.stringMatching(/^Lô đánh giá không hợp lệ/) });
    }
    expect((await storedCount([lone.clientId]))).toBe(0);

    // The fleet page shows what the tablet last reported.
    await page.reload();
    await expect(card).toContainText('Đang hoạt động');
    await expect(card).toContainText('e2e-1.0');
    await expect(card.getByText(/^5 \(theo lần báo gần nhất\)$/)).toBeVisible();

    // Revoke, with a confirmation: the tablet's next contact is "unpaired".
    await card.getByRole('button', { name: 'Thu hồi…' }).click();
    await card.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await expect(card.getByRole('status').filter({ hasText: `Đã thu hồi kiosk “${kioskName}”` })).toBeVisible();
    const after = await tablet.post('/api/kiosk/batch', { data: { appVersion: 'e2e-1.0', queued: 1, items: [item()] } });
    expect(after.status()).toBe(401);
    expect(await after.json()).toEqual({ code: 'unpaired', error: expect.stringMatching(/chưa được ghép nối hoặc đã bị thu hồi/) });
    expect((await tablet.get('/api/kiosk/config')).status()).toBe(401);
    await page.reload();
    await expect(card).toContainText('Đã thu hồi');
    await tablet.dispose();
  });

  test('re-pairing gives a new code and ends the old credential', async ({ page, baseURL }) => {
    await signInAs(page, ACCOUNTS.headCentre);
    await page.goto('/quan-tri/kiosk');
    const name = repairedName;
    const code = await createKioskOnPage(page, name);
    const tablet = await newTablet(baseURL!);
    expect((await tablet.post('/api/kiosk/pair', { data: { code } })).status()).toBe(200);
    await page.reload();
    const card = page.getByRole('listitem', { name: new RegExp(name) });
    await card.getByRole('button', { name: 'Tạo mã ghép nối mới' }).click();
    const shown = card.getByRole('region', { name: `Mã ghép nối cho “${name}”` });
    const next = (await shown.getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/).textContent())!;
    expect(next).not.toBe(code);
    expect((await tablet.get('/api/kiosk/config')).status()).toBe(401);
    expect((await tablet.post('/api/kiosk/pair', { data: { code: next } })).status()).toBe(200);
    expect((await tablet.get('/api/kiosk/config')).status()).toBe(200);
    await tablet.dispose();
  });

  test('the head of another office neither sees nor revokes the kiosk', async ({ page }) => {
    const centreKiosk = (await kioskIdByName(repairedName));
    await signInAs(page, ACCOUNTS.headHoaLu);
    await page.goto('/quan-tri/kiosk');
    await expect(page.getByRole('heading', { level: 1, name: 'Kiosk đánh giá' })).toBeVisible();
    await expect(page.getByText(kioskName)).toHaveCount(0);
    await expect(page.getByText(repairedName)).toHaveCount(0);

    // A forged action: Hoa Lư's own revoke form, pointed at the centre's kiosk.
    const own = `Kiosk Hoa Lư e2e ${randomInt(1e6)}`;
    await createKioskOnPage(page, own);
    await page.reload();
    const card = page.getByRole('listitem', { name: new RegExp(own) });
    await card.getByRole('button', { name: 'Thu hồi…' }).click();
    await card.locator('input[name=kioskId]').last().evaluate((el, id) => ((el as HTMLInputElement).value = String(id)), centreKiosk);
    await card.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Không tìm thấy mục này' })).toBeVisible();
    expect((await query<{ revoked_at: number | null; credential_hash: string | null }>('select revoked_at, credential_hash from kiosks where id = ?', centreKiosk))[0]).toEqual({
      revoked_at: null,
      credential_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await query<{ n: number }>("select count(*) as n from audit_log where action = 'kiosk.revoke' and entity_id = ?", String(centreKiosk)))[0]!.n).toBe(0);
  });
});
