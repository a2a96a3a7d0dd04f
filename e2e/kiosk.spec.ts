import { randomInt, randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { queryAll } from './db';
import { ACCOUNTS, signInAs } from './fixtures';
import { newNetwork } from './network';

/**
 * The kiosk tablet app (/kiosk) in Chromium at a tablet viewport, against the
 * real server (docs/kiosk-protocol.md): pairing with a code made on the fleet
 * page, the rating flow, the offline queue with the service worker, exactly
 * once delivery, revocation, the press guard. What was stored is read from
 * the server's own SQLite file (read-only).
 */

/**
 * As e2e/fixtures.ts — any console error fails the test — except the network
 * failures these tests cause on purpose (offline, a dropped reply).
 */
const test = base.extend({
  extraHTTPHeaders: async ({}, use) => {
    await use({ 'x-forwarded-for': newNetwork() });
  },
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      const text = m.text();
      if (m.type() !== 'error') return;
      if (/Failed to load resource.*(400|401|429)/.test(text)) return;
      if (/net::ERR_(INTERNET_DISCONNECTED|CONNECTION_RESET|FAILED|NETWORK_CHANGED)|Failed to fetch/.test(text)) return;
      errors.push(text);
    });
    await use(page);
    expect(errors, 'browser console errors').toEqual([]);
  },
});

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: true, deviceScaleFactor: 1, serviceWorkers: 'allow' });

async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return queryAll<T>(sql, params);
}
const kioskIdByName = async (name: string) => (await query<{ id: number }>('select id from kiosks where name = ?', name))[0]!.id;
const responsesOf = async (kioskId: number) =>
  (await query<{ id: number; client_id: string; submitted_at: number; channel: string; lang: string; comment: string | null }>(
    'select id, client_id, submitted_at, channel, lang, comment from responses where kiosk_id = ? order by submitted_at, id',
    kioskId,
  ));
const countOf = async (kioskId: number) => (await query<{ n: number }>('select count(*) as n from responses where kiosk_id = ?', kioskId))[0]!.n;
const answersOf = async (responseId: number) =>
  (await query<{ score: number | null; choice: string | null }>('select score, choice from answers where response_id = ? order by id', responseId));

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** An office head on the fleet page, in a browser context of their own (the tablet keeps only its kiosk cookie). */
async function openFleet(browser: Browser, baseURL: string) {
  const context = await browser.newContext({
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    extraHTTPHeaders: { 'x-forwarded-for': newNetwork() },
  });
  const page = await context.newPage();
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/quan-tri/kiosk');
  return {
    /** Creates a kiosk and returns the pairing code shown once ("ABCD EFGH"). */
    async create(name: string, idleSeconds = 30): Promise<string> {
      const form = page.getByRole('region', { name: 'Tạo kiosk mới' });
      await form.getByLabel('Đơn vị đặt kiosk').selectOption({ index: 1 });
      await form.getByLabel('Tên kiosk').fill(name);
      await form.getByLabel('Về màn hình đầu sau (giây)').fill(String(idleSeconds));
      await form.getByRole('button', { name: 'Tạo kiosk và lấy mã ghép nối' }).click();
      const shown = page.getByRole('region', { name: `Mã ghép nối cho “${name}”` });
      return (await shown.getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/).textContent())!;
    },
    async revoke(name: string) {
      await page.goto('/quan-tri/kiosk');
      const card = page.getByRole('listitem', { name: new RegExp(name) });
      await card.getByRole('button', { name: 'Thu hồi…' }).click();
      await card.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
      await expect.poll(async () => (await query<{ r: number | null }>('select revoked_at as r from kiosks where name = ?', name))[0]!.r).not.toBeNull();
    },
    async newCode(name: string): Promise<string> {
      await page.goto('/quan-tri/kiosk');
      const card = page.getByRole('listitem', { name: new RegExp(name) });
      await card.getByRole('button', { name: 'Tạo mã ghép nối mới' }).click();
      return (await card.getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/).textContent())!;
    },
    close: () => context.close(),
  };
}

/** The tablet, located by role and Vietnamese label as a citizen (or staff member) sees it. */
class Kiosk {
  /** `fakeClock`: the test installed Playwright's clock, so short waits are run on it. */
  constructor(
    readonly page: Page,
    readonly fakeClock = false,
  ) {}
  pairingHeading = () => this.page.getByRole('heading', { name: 'Ghép nối máy tính bảng' });
  /** The start screen: the invitation above the first question (attitude) and its five faces. */
  startScreen = () => this.page.getByRole('heading', { level: 1, name: 'Ông/Bà vui lòng đánh giá mức độ hài lòng' });
  attitudeQuestion = () => this.page.getByRole('group', { name: /thái độ phục vụ của cán bộ/ });
  overallQuestion = () => this.page.getByRole('group', { name: /^Nhìn chung/ });
  face = (label: string) => this.page.getByRole('button', { name: label, exact: true });
  thanks = () => this.page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' });
  status = () => this.page.getByRole('status', { name: /Trạng thái kiosk/ });

  async pair(code: string) {
    await this.page.getByLabel('Mã ghép nối').fill(code);
    await this.page.getByRole('button', { name: 'Ghép nối' }).click();
    await expect(this.startScreen()).toBeVisible();
  }

  /** Past the short guard after a face, which keeps a mashed face from answering the next screen too. */
  async pastStepGuard() {
    if (this.fakeClock) await this.page.clock.runFor(800);
    else await this.page.waitForTimeout(800);
  }

  /**
   * From the start screen: one rating of the default set's two kiosk questions (attitude on the start
   * screen, then overall), both 4 or 5; returns the tap time the tablet recorded (its clock).
   */
  async rate(label: 'Rất hài lòng' | 'Hài lòng'): Promise<number> {
    await expect(this.attitudeQuestion()).toBeVisible();
    const at = await this.page.evaluate(() => Date.now());
    await this.attitudeQuestion().getByRole('button', { name: label, exact: true }).click();
    await expect(this.overallQuestion()).toBeVisible();
    await this.pastStepGuard();
    await this.overallQuestion().getByRole('button', { name: label, exact: true }).click();
    await expect(this.thanks()).toBeVisible();
    return at;
  }
}

test.describe.configure({ mode: 'serial' });

test.describe('kiosk tablet app', () => {
  const run = randomInt(1e6);

  test('pairs with a code from the fleet page, rates, asks reasons only for a low score, returns to the start after the timeout', async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const name = `Kiosk luồng ${run}`;
    const fleet = await openFleet(browser, baseURL!);
    const code = await fleet.create(name, 10);
    const kiosk = new Kiosk(page);

    await page.goto('/kiosk');
    await expect(kiosk.pairingHeading()).toBeVisible();
    await axe(page);
    await page.getByLabel('Mã ghép nối').fill('ABCD');
    await page.getByRole('button', { name: 'Ghép nối' }).click();
    await expect(page.getByRole('region', { name: 'Ghép nối máy tính bảng' }).getByRole('alert')).toContainText('Mã ghép nối gồm 8 ký tự');
    await page.getByLabel('Mã ghép nối').fill('2345 6789');
    await page.getByRole('button', { name: 'Ghép nối' }).click();
    await expect(page.getByRole('region', { name: 'Ghép nối máy tính bảng' }).getByRole('alert')).toContainText(/không đúng, đã hết hạn hoặc đã được dùng/);
    await expect(page.getByLabel('Mã ghép nối')).toHaveAttribute('aria-invalid', 'true');

    await kiosk.pair(code.toLowerCase());
    const kioskId = (await kioskIdByName(name));
    const office = (await query<{ name: string }>('select u.name from kiosks k join units u on u.id = k.unit_id where k.id = ?', kioskId))[0]!.name;
    await expect(page.getByText(office)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ông/Bà vui lòng đánh giá mức độ hài lòng' })).toBeVisible();

    // The start screen asks the first kiosk question of the office's set (staff attitude, Q1) with five faces: one tap rates.
    await expect(kiosk.attitudeQuestion()).toBeVisible();
    for (const label of ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Rất không hài lòng']) await expect(kiosk.face(label)).toBeVisible();
    await expect(page.getByRole('button', { name: /Chạm để đánh giá/ })).toHaveCount(0);
    await axe(page);
    // High scores: attitude, then the overall question (Q2), then thanks; delivered in the background.
    await kiosk.attitudeQuestion().getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
    await expect(kiosk.overallQuestion()).toBeVisible();
    await expect(page.getByText('Câu 2/2')).toBeVisible();
    await axe(page);
    await kiosk.pastStepGuard();
    await kiosk.overallQuestion().getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await expect(kiosk.thanks()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Phải chờ lâu' })).toHaveCount(0);
    await expect.poll(() => countOf(kioskId)).toBe(1);
    const first = (await responsesOf(kioskId))[0]!;
    expect(first.channel).toBe('kiosk');
    expect(await answersOf(first.id)).toEqual([
      { score: 5, choice: null },
      { score: 4, choice: null },
    ]);
    await expect(kiosk.status()).toContainText('Trực tuyến · đã gửi hết');

    // Back to the start a few seconds after thanks; a low score asks for reasons (several) and an optional comment.
    await expect(kiosk.startScreen()).toBeVisible({ timeout: 10_000 });
    await kiosk.attitudeQuestion().getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await kiosk.pastStepGuard();
    await kiosk.overallQuestion().getByRole('button', { name: 'Không hài lòng', exact: true }).click();
    const wait = page.getByRole('button', { name: 'Phải chờ lâu' });
    const unclear = page.getByRole('button', { name: 'Hướng dẫn chưa rõ ràng' });
    await expect(wait).toHaveAttribute('aria-pressed', 'false');
    await kiosk.pastStepGuard(); // past the short guard that keeps a mashed face from ticking a reason
    await wait.click();
    await unclear.click();
    await expect(wait).toHaveAttribute('aria-pressed', 'true');
    await expect(unclear).toHaveAttribute('aria-pressed', 'true');
    await unclear.click();
    await expect(unclear).toHaveAttribute('aria-pressed', 'false');
    await unclear.click();
    const comment = page.getByLabel('Ý kiến khác (không bắt buộc)');
    await comment.fill('Phải chờ gần một tiếng');
    await expect(page.getByText(/^22\/\d+ ký tự$/)).toBeVisible();
    await axe(page);
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect(kiosk.thanks()).toBeVisible();
    await expect.poll(() => countOf(kioskId)).toBe(2);
    const low = (await responsesOf(kioskId))[1]!;
    expect(low.comment).toBe('Phải chờ gần một tiếng');
    const answers = (await answersOf(low.id));
    expect(answers.filter((a) => a.score !== null).map((a) => a.score)).toEqual([4, 2]);
    expect(answers.filter((a) => a.choice !== null)).toHaveLength(2);

    // English switch; back to Vietnamese at the next start screen.
    await expect(kiosk.startScreen()).toBeVisible({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Please tell us how satisfied you are' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await kiosk.pastStepGuard();
    await page.getByRole('button', { name: 'Satisfied', exact: true }).click();
    await expect(page.getByRole('group', { name: /^Overall/ })).toBeVisible();
    await kiosk.pastStepGuard();
    await page.getByRole('button', { name: 'Satisfied', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Thank you very much!' })).toBeVisible();
    await expect(kiosk.startScreen()).toBeVisible({ timeout: 10_000 });
    await expect.poll(async () => (await responsesOf(kioskId)).map((r) => r.lang)).toEqual(['vi', 'vi', 'en']);

    // One tap on a face of the start screen records that face: a citizen who walks away after it is not lost.
    // Nobody touches the second question: back to the start after idleSeconds (10 s for this kiosk), the rating kept.
    await kiosk.attitudeQuestion().getByRole('button', { name: 'Không hài lòng', exact: true }).click();
    await expect(kiosk.overallQuestion()).toBeVisible();
    const left = Date.now();
    await expect(kiosk.startScreen()).toBeVisible({ timeout: 15_000 });
    expect(Date.now() - left).toBeGreaterThan(8_000);
    await expect.poll(() => countOf(kioskId)).toBe(4);
    const walkedAway = (await responsesOf(kioskId))[3]!;
    expect(await answersOf(walkedAway.id)).toEqual([{ score: 2, choice: null }]);

    // Portrait tablet: the five faces of the start screen stay on screen, each a big target.
    await page.setViewportSize({ width: 800, height: 1280 });
    await expect(kiosk.startScreen()).toBeVisible();
    for (const label of ['Rất hài lòng', 'Rất không hài lòng']) {
      const box = (await kiosk.face(label).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(1280);
      expect(box.height).toBeGreaterThanOrEqual(88);
      expect(box.width).toBeGreaterThanOrEqual(600);
    }
    await axe(page);
    await fleet.close();
  });

  test('offline: 50 ratings and one interrupted after its first face survive a reload without network and arrive exactly once, with their tap times', async ({ page, context, browser, baseURL }) => {
    test.setTimeout(180_000);
    const name = `Kiosk ngoại tuyến ${run}`;
    const fleet = await openFleet(browser, baseURL!);
    const code = await fleet.create(name, 30);
    await fleet.close();
    const kiosk = new Kiosk(page, true);
    // A fake clock, 20 minutes behind: the thanks screen and the 4 s cooldown pass with runFor(), and tap times are
    // clearly not arrival times. The server accepts taps up to 30 days old.
    await page.clock.install({ time: Date.now() - 20 * 60_000 });
    await page.goto('/kiosk');
    await kiosk.pair(code);
    const kioskId = (await kioskIdByName(name));
    // The service worker has cached everything the page loaded.
    await expect(page.locator('html')).toHaveAttribute('data-kiosk-offline', 'ready', { timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    const taps: number[] = [];
    for (let i = 0; i < 50; i++) {
      taps.push(await kiosk.rate(i % 3 === 0 ? 'Hài lòng' : 'Rất hài lòng'));
      await page.clock.runFor(5_500);
      await expect(kiosk.startScreen()).toBeVisible();
      if (i === 0) await expect(kiosk.status()).toContainText('Đang ngoại tuyến');
    }
    await expect(kiosk.status()).toContainText('Đang ngoại tuyến · 50 chờ gửi');
    expect((await countOf(kioskId))).toBe(0);
    // One more citizen taps a face on the start screen, and the tablet restarts before the second question: the tap is kept.
    taps.push(await page.evaluate(() => Date.now()));
    await kiosk.attitudeQuestion().getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await expect(kiosk.overallQuestion()).toBeVisible();

    // Still offline: the service worker starts the app, the cached config shows the office, the queue is intact.
    await page.reload();
    await expect(kiosk.startScreen()).toBeVisible();
    await expect(kiosk.status()).toContainText('Đang ngoại tuyến · 51 chờ gửi');
    expect((await countOf(kioskId))).toBe(0);

    // Online again, and the server's first answer is lost on the way back: the tablet resends, the server
    // recognises the ids, and the queue empties with nothing stored twice.
    let dropped = 0;
    await page.route('**/api/kiosk/batch', async (route) => {
      const body = route.request().postDataJSON() as { items: unknown[] };
      if (dropped === 0 && body.items.length > 0) {
        dropped = body.items.length;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await context.setOffline(false);
    await expect
      .poll(
        async () => {
          await page.clock.runFor(2_000);
          return (await countOf(kioskId));
        },
        { timeout: 30_000 },
      )
      .toBe(51);
    await expect
      .poll(async () => {
        await page.clock.runFor(2_000);
        return kiosk.status().textContent();
      })
      .toContain('Trực tuyến · đã gửi hết');
    expect(dropped).toBeGreaterThan(0);
    expect((await countOf(kioskId))).toBe(51);
    const rows = await responsesOf(kioskId);
    const stored = rows.map((r) => r.submitted_at);
    taps.sort((a, b) => a - b);
    stored.forEach((at, i) => expect(Math.abs(at - taps[i]!), `tap ${i}`).toBeLessThanOrEqual(1_000));
    // Every full rating has both answers; the interrupted one its first.
    expect(await answersOf(rows[0]!.id)).toHaveLength(2);
    expect(await answersOf(rows[50]!.id)).toEqual([{ score: 4, choice: null }]);
    await page.unroute('**/api/kiosk/batch');

    // The same batch delivered twice (with the kiosk's own cookie): stored once.
    const batch = {
      appVersion: 'e2e',
      queued: 3,
      items: [5, 4, 1].map((score) => ({ clientId: randomUUID(), tappedAt: Date.now() - 60_000, score, reasons: [], comment: null, lang: 'vi' })),
    };
    const first = await page.request.post('/api/kiosk/batch', { data: batch });
    expect(first.status()).toBe(200);
    expect(((await first.json()) as { stored: string[] }).stored).toHaveLength(3);
    const again = await page.request.post('/api/kiosk/batch', { data: batch });
    expect(((await again.json()) as { duplicates: string[] }).duplicates).toHaveLength(3);
    expect((await countOf(kioskId))).toBe(54);
  });

  test('a revoked kiosk shows the pairing screen at its next contact, keeps what it took, and delivers it once paired again', async ({ page, browser, baseURL }) => {
    test.setTimeout(90_000);
    const name = `Kiosk thu hồi ${run}`;
    const fleet = await openFleet(browser, baseURL!);
    const code = await fleet.create(name, 30);
    const kiosk = new Kiosk(page);
    await page.goto('/kiosk');
    await kiosk.pair(code);
    const kioskId = (await kioskIdByName(name));
    await kiosk.rate('Rất hài lòng');
    await expect.poll(() => countOf(kioskId)).toBe(1);

    await fleet.revoke(name);
    // The next contact is the next rating's delivery: refused, so the tablet asks to be paired once the citizen is done.
    await expect(kiosk.startScreen()).toBeVisible({ timeout: 10_000 });
    await kiosk.rate('Hài lòng');
    await expect(kiosk.pairingHeading()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Máy đang giữ 1 đánh giá chưa gửi')).toBeVisible();
    expect((await countOf(kioskId))).toBe(1);

    // Paired again (a new code for the same kiosk): the kept rating is delivered.
    await kiosk.pair(await fleet.newCode(name));
    await expect.poll(() => countOf(kioskId)).toBe(2);
    await fleet.close();
  });

  test('a kiosk that learns it was revoked while a citizen is rating lets them finish, holds the rating, then asks to be paired', async ({ page, browser, baseURL }) => {
    test.setTimeout(90_000);
    const name = `Kiosk thu hồi giữa chừng ${run}`;
    const fleet = await openFleet(browser, baseURL!);
    const code = await fleet.create(name, 120);
    // The tablet's clock is driven by the test, so its next heartbeat comes exactly while the citizen is on the question.
    await page.clock.install();
    const kiosk = new Kiosk(page, true);
    await page.goto('/kiosk');
    await kiosk.pair(code);
    const kioskId = (await kioskIdByName(name));
    await fleet.revoke(name);

    await kiosk.attitudeQuestion().getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
    await expect(kiosk.overallQuestion()).toBeVisible();
    // A minute later the heartbeat is due: it is refused (401) while the second question is on screen.
    const refused = page.waitForResponse((r) => r.url().includes('/api/kiosk/') && r.status() === 401);
    await page.clock.fastForward('01:05');
    await refused;
    await kiosk.overallQuestion().getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
    await expect(kiosk.thanks()).toBeVisible();
    await page.clock.fastForward('00:06');
    await expect(kiosk.pairingHeading()).toBeVisible();
    await expect(page.getByText('Máy đang giữ 1 đánh giá chưa gửi')).toBeVisible();
    expect((await countOf(kioskId))).toBe(0);

    await kiosk.pair(await fleet.newCode(name));
    await page.clock.fastForward('00:20');
    await expect.poll(() => countOf(kioskId)).toBe(1);
    await fleet.close();
  });

  test('ratings taken under one kiosk are held, never credited to another kiosk the tablet is paired with next', async ({ page, context, browser, baseURL }) => {
    test.setTimeout(90_000);
    const first = `Kiosk cũ ${run}`;
    const second = `Kiosk mới ${run}`;
    const fleet = await openFleet(browser, baseURL!);
    const code = await fleet.create(first, 30);
    const kiosk = new Kiosk(page);
    await page.goto('/kiosk');
    await kiosk.pair(code);
    const firstId = (await kioskIdByName(first));
    await context.setOffline(true);
    await kiosk.rate('Rất hài lòng');
    await fleet.revoke(first);
    await context.setOffline(false);
    await expect(kiosk.pairingHeading()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Máy đang giữ 1 đánh giá chưa gửi')).toBeVisible();

    await kiosk.pair(await fleet.create(second, 30));
    const secondId = (await kioskIdByName(second));
    await expect(kiosk.status()).toContainText('1 của lần ghép nối trước');
    await kiosk.rate('Hài lòng');
    await expect.poll(() => countOf(secondId)).toBe(1);
    expect((await countOf(firstId))).toBe(0);
    await expect(kiosk.status()).toContainText('đã gửi hết · 1 của lần ghép nối trước');
    await fleet.close();
  });

  test('a tablet whose clock runs 10 minutes fast still delivers, with the tap time corrected by the server\'s clock', async ({ page, browser, baseURL }) => {
    test.setTimeout(60_000);
    const name = `Kiosk đồng hồ nhanh ${run}`;
    const fleet = await openFleet(browser, baseURL!);
    const code = await fleet.create(name, 30);
    await fleet.close();
    const kiosk = new Kiosk(page);
    // Left alone, these taps would be more than 2 minutes in the future for the server, and rejected.
    await page.clock.install({ time: Date.now() + 10 * 60_000 });
    await page.goto('/kiosk');
    await kiosk.pair(code);
    const kioskId = (await kioskIdByName(name));
    const before = Date.now();
    await kiosk.rate('Rất hài lòng');
    const after = Date.now();
    await expect.poll(() => countOf(kioskId)).toBe(1);
    const at = (await responsesOf(kioskId))[0]!.submitted_at;
    expect(at).toBeGreaterThanOrEqual(before - 2_000);
    expect(at).toBeLessThanOrEqual(after + 2_000);
  });

  test('mashing a face gives one rating', async ({ page, browser, baseURL }) => {
    test.setTimeout(60_000);
    const name = `Kiosk bấm liên tục ${run}`;
    const fleet = await openFleet(browser, baseURL!);
    const code = await fleet.create(name, 30);
    await fleet.close();
    const kiosk = new Kiosk(page);
    await page.goto('/kiosk');
    await kiosk.pair(code);
    const kioskId = (await kioskIdByName(name));
    // Mashing the start screen's face answers the first question once; the presses that follow do not answer the second.
    const box = (await kiosk.face('Hài lòng').boundingBox())!;
    for (let i = 0; i < 10; i++) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(kiosk.overallQuestion()).toBeVisible();
    await page.waitForTimeout(1_000);
    await expect(kiosk.overallQuestion()).toBeVisible();
    const face = (await kiosk.face('Rất hài lòng').boundingBox())!;
    for (let i = 0; i < 10; i++) await page.mouse.click(face.x + face.width / 2, face.y + face.height / 2);
    await expect(kiosk.thanks()).toBeVisible();
    await expect(kiosk.startScreen()).toBeVisible({ timeout: 10_000 });
    await expect.poll(() => countOf(kioskId)).toBe(1);
    await page.waitForTimeout(1_000);
    expect((await countOf(kioskId))).toBe(1);
    expect(await answersOf((await responsesOf(kioskId))[0]!.id)).toEqual([
      { score: 4, choice: null },
      { score: 5, choice: null },
    ]);
    await expect(kiosk.status()).toContainText('đã gửi hết');
  });
});
