import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { holdDatabase } from './db';
import { CODES, expect, Q1, Q2, test } from './fixtures';
import { freshForm, signedForm } from './survey-form';
import { newNetwork } from './network';

const FORM = 'application/x-www-form-urlencoded';
const THANKS = 'Trân trọng cảm ơn Ông/Bà!';
const CROSS_SITE = 'Yêu cầu này không được gửi từ trang của hệ thống nên không được chấp nhận.';
const RELOAD = 'Phiếu đánh giá này đã hết hạn hoặc không hợp lệ nên đánh giá chưa được lưu.';

/** Another site (another origin: 127.0.0.1 is not localhost) serving `html`. */
async function otherSite(html: string) {
  const server = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(r)) };
}

test.describe('survey posts from other sites are refused', () => {
  test('a page on another site that auto-submits the survey gets the Vietnamese error page and nothing is stored', async ({ page, request, baseURL, db }) => {
    // Even with a genuine form fetched by the other site's server, the browser's post is refused.
    const { submissionId, formToken } = await freshForm(request, CODES.centre);
    const site = await otherSite(`<!doctype html><meta charset="utf-8"><form method="post" action="${baseURL}/s/${CODES.centre}/gui">
      <input type="hidden" name="submissionId" value="${submissionId}"><input type="hidden" name="formToken" value="${formToken}">
      <input type="hidden" name="q1" value="5"><input type="hidden" name="q2" value="5"></form>
      <script>document.forms[0].submit()</script>`);
    try {
      const before = (await db.countResponses());
      const answer = page.waitForResponse((r) => r.url().endsWith(`/s/${CODES.centre}/gui`));
      await page.goto(site.url);
      expect((await answer).status()).toBe(403);
      await expect(page.getByRole('alert')).toContainText(CROSS_SITE);
      expect((await db.countResponses())).toBe(before);
      expect((await db.responsesByClientId(submissionId))).toBe(0);
    } finally {
      await site.close();
    }
  });

  for (const origin of ['https://evil.example', 'null']) {
    test(`a post with Origin ${origin} is refused`, async ({ request, db }) => {
      const body = await signedForm(request, CODES.centre, { q1: '5', q2: '5' });
      const before = (await db.countResponses());
      const res = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM, origin }, data: body, maxRedirects: 0 });
      expect(res.status()).toBe(403);
      expect(await res.text()).toContain(CROSS_SITE);
      expect((await db.countResponses())).toBe(before);
    });
  }

  test('our own Origin, or none at all (old phones), is accepted', async ({ request, baseURL, db }) => {
    const withOrigin = await signedForm(request, CODES.centre, { q1: '5', q2: '4' });
    const res = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM, origin: baseURL! }, data: withOrigin, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    const without = await signedForm(request, CODES.centre, { q1: '5', q2: '4' });
    expect((await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: without, maxRedirects: 0 })).status()).toBe(303);
    expect((await db.responsesByClientId(new URLSearchParams(without).get('submissionId')!))).toBe(1);
  });
});

test.describe('the submission id is issued with the form, signed and bound to the device', () => {
  test('a made-up submission id is refused with the answers kept; sending again stores one', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Hài lòng');
    await survey.rate(Q2, 'Bình thường');
    const madeUp = randomUUID();
    await page.locator('input[name=submissionId]').evaluate((el, id) => ((el as HTMLInputElement).value = id), madeUp);
    const before = (await db.countResponses());
    const answer = page.waitForResponse((r) => r.url().endsWith('/gui'));
    await survey.submit();
    expect((await answer).status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText(RELOAD);
    expect((await db.countResponses())).toBe(before);
    expect((await db.responsesByClientId(madeUp))).toBe(0);
    // The answers are still selected, with a fresh, genuine form: one more press stores the rating.
    await expect(survey.question(Q1).getByRole('radio', { name: 'Hài lòng', exact: true })).toBeChecked();
    await expect(survey.question(Q2).getByRole('radio', { name: 'Bình thường', exact: true })).toBeChecked();
    const fresh = await survey.submissionId();
    expect(fresh).not.toBe(madeUp);
    await survey.submit();
    await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
    expect((await db.responsesByClientId(fresh))).toBe(1);
    expect((await db.countResponses())).toBe(before + 1);
  });

  test('a form served to one device is refused from another device', async ({ playwright, baseURL, db }) => {
    const xff = () => ({ 'x-forwarded-for': newNetwork() });
    const phoneA = await playwright.request.newContext({ baseURL, extraHTTPHeaders: xff() });
    const phoneB = await playwright.request.newContext({ baseURL, extraHTTPHeaders: xff() });
    try {
      await phoneA.get(`/s/${CODES.centre}`); // the first visit sets A's device cookie
      const formOfA = await signedForm(phoneA, CODES.centre, { q1: '5', q2: '5' });
      await phoneB.get(`/s/${CODES.centre}`);
      const before = (await db.countResponses());
      const res = await phoneB.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: formOfA, maxRedirects: 0 });
      expect(res.status()).toBe(400);
      expect(await res.text()).toContain(RELOAD);
      expect((await db.countResponses())).toBe(before);
      // Its own device still sends it.
      expect((await phoneA.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: formOfA, maxRedirects: 0 })).status()).toBe(303);
    } finally {
      await phoneA.dispose();
      await phoneB.dispose();
    }
  });

  test('a made-up device cookie is no device: the rating carries no device signal', async ({ playwright, request, baseURL, db }) => {
    const body = await signedForm(request, CODES.centre, { q1: '4', q2: '4' }); // a first visit: a form for "no device"
    const forger = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': newNetwork(), cookie: `hl_dev=${'ab'.repeat(16)}` } });
    try {
      const res = await forger.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: body, maxRedirects: 0 });
      expect(res.status()).toBe(303);
      expect((await db.responseByClientId(new URLSearchParams(body).get('submissionId')!))?.device_hash).toBeNull();
    } finally {
      await forger.dispose();
    }
  });

  test('a submission id stored for one office, posted to another, is refused without its receipt code', async ({ request, db }) => {
    const body = await signedForm(request, CODES.centre, { q1: '2', q2: '2', comment: 'Chờ quá lâu.' });
    const first = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: body, maxRedirects: 0 });
    expect(first.status()).toBe(303);
    const receipt = new URL(first.headers().location!, 'http://x').searchParams.get('ma')!;
    expect(receipt).toMatch(/^[A-Z0-9]{8}$/);

    const centreId = (await db.unitByCode(CODES.centre))!.id;
    const other = (await db.sql.get<{ code: string }>('select code from units where code is not null and active = true and id <> ? order by id limit 1', [centreId]))!;
    const before = (await db.countResponses());
    const second = await request.post(`/s/${other.code}/gui`, { headers: { 'content-type': FORM }, data: body, maxRedirects: 0 });
    expect(second.status()).toBe(400);
    const html = await second.text();
    expect(html).toContain(RELOAD);
    expect(html).not.toContain(receipt);
    expect(second.headers().location).toBeUndefined();
    expect((await db.countResponses())).toBe(before);
  });
});

test.describe('a busy database', () => {
  test('gives the form back with the answers and a Vietnamese 503; sending again after stores exactly one', async ({ page, survey, db }) => {
    test.setTimeout(60_000);
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Không hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill('Phòng chờ nóng.');
    const clientId = await survey.submissionId();

    // Another writer holds the write lock longer than the app's 5 s busy timeout.
    const holder = await holdDatabase('writes');
    try {
      const answer = page.waitForResponse((r) => r.url().endsWith('/gui'), { timeout: 20_000 });
      await survey.submit();
      const res = await answer;
      expect(res.status()).toBe(503);
      expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
      await expect(page.getByRole('alert')).toContainText('Hệ thống đang bận nên đánh giá của Ông/Bà chưa được lưu', { timeout: 15_000 });
    } finally {
      await holder.release();
    }
    expect((await db.responsesByClientId(clientId))).toBe(0);
    await expect(survey.question(Q1).getByRole('radio', { name: 'Không hài lòng', exact: true })).toBeChecked();
    await expect(page.getByLabel('Ý kiến góp ý khác (không bắt buộc)')).toHaveValue('Phòng chờ nóng.');
    expect(await survey.submissionId()).toBe(clientId);

    await survey.submit();
    // A low score: the thanks say what happens next (pages/s/[code]/cam-on.tsx).
    await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    expect((await db.responsesByClientId(clientId))).toBe(1);
    expect((await db.responseByClientId(clientId))?.comment).toBe('Phòng chờ nóng.');
  });
});

test.describe('the survey post answered before Next (server/survey-post.ts)', () => {
  const SHARED = ['x-content-type-options', 'referrer-policy', 'x-frame-options', 'permissions-policy'];

  test("a stored rating's 303 carries the page's security headers, no cache, HSTS only over HTTPS, and leads to the thanks", async ({ request, db }) => {
    const page = await request.get(`/s/${CODES.centre}`);
    const body = await signedForm(request, CODES.centre, { q1: '2', q2: '5', lang: 'en' });
    const res = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM, 'x-forwarded-proto': 'https' }, data: body, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    const headers = res.headers();
    for (const name of SHARED) expect(headers[name], name).toBe(page.headers()[name]);
    expect(headers['content-security-policy']).toContain("script-src 'self';");
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['cache-control']).toContain('no-store');
    expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // English, and a 2: the thanks in English that says what happens after a low rating.
    expect(headers.location).toMatch(new RegExp(`^/s/${CODES.centre}/cam-on\\?lang=en(&ma=[A-Z0-9]+)?&muc=thap$`));
    expect(await db.responsesByClientId(new URLSearchParams(body).get('submissionId')!)).toBe(1);
    const thanks = await request.get(headers.location!);
    expect(thanks.status()).toBe(200);
    expect(await thanks.text()).toContain('Thank you');

    // Over plain HTTP, no HSTS.
    const plain = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: await signedForm(request, CODES.centre, { q1: '5', q2: '5' }), maxRedirects: 0 });
    expect(plain.status()).toBe(303);
    expect(plain.headers()['strict-transport-security']).toBeUndefined();
  });

  test('a post it does not store is the page with its errors; an unknown code the 404 page; a code that is not percent-encoding, 400', async ({ request, db }) => {
    const before = await db.countResponses();
    const invalid = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: await signedForm(request, CODES.centre, { q1: '9' }), maxRedirects: 0 });
    expect(invalid.status()).toBe(422);
    const html = await invalid.text();
    expect(html).toContain('Vui lòng kiểm tra lại các mục được đánh dấu bên dưới.');
    expect(html).toContain('<form');
    const unknown = await request.post('/s/KHONGCO9/gui', { headers: { 'content-type': FORM }, data: 'q1=5', maxRedirects: 0 });
    expect(unknown.status()).toBe(404);
    expect(await unknown.text()).toContain('Không tìm thấy trang Ông/Bà cần');
    const garbled = await request.post('/s/%E0%A4/gui', { headers: { 'content-type': FORM }, data: 'q1=5', maxRedirects: 0 });
    expect(garbled.status()).toBeLessThan(500);
    expect(await db.countResponses()).toBe(before);
  });
});
