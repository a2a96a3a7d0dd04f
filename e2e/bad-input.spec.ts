import { randomUUID } from 'node:crypto';
import { CODES, expect, Q1, Q2, test } from './fixtures';
import { signedForm } from './survey-form';

const FORM = 'application/x-www-form-urlencoded';
// Fields posted with a freshly issued, signed form (e2e/survey-form.ts), so each case reaches the check it is about.
const form = (fields: Record<string, string>) => ({ signed: fields });
type Body = string | Buffer | { signed: Record<string, string> };

test.describe('bad input is refused with a clear message and nothing is stored', () => {
  const cases: { name: string; body: Body; type?: string; status: number; message: RegExp }[] = [
    { name: 'out-of-range score', body: form({ q1: '9', q2: '5' }), status: 422, message: /Mức độ hài lòng phải là một trong năm mức/ },
    { name: 'missing required answer', body: form({ q2: '5' }), status: 422, message: /Vui lòng chọn một mức độ hài lòng/ },
    { name: 'oversized comment', body: form({ q1: '5', q2: '5', comment: 'x'.repeat(501) }), status: 422, message: /tối đa 500 ký tự \(hiện có 501\)/ },
    { name: 'phone number without consent', body: form({ q1: '5', q2: '5', phone: '0912345678' }), status: 422, message: /cần đánh dấu ô đồng ý/ },
    { name: 'unknown question id', body: form({ q1: '5', q2: '5', q42: '5' }), status: 400, message: /trường không tồn tại: q42/ },
    { name: 'forged submission id', body: 'submissionId=1&q1=5&q2=5', status: 400, message: /Phiếu đánh giá này đã hết hạn hoặc không hợp lệ/ },
    { name: 'kiosk channel from the web form', body: form({ q1: '5', q2: '5', kenh: 'kiosk' }), status: 400, message: /Biểu mẫu không hợp lệ/ },
    { name: 'invalid UTF-8', body: Buffer.concat([Buffer.from(`submissionId=${randomUUID()}&q1=5&q2=5&comment=`), Buffer.from([0xc3, 0x28])]), status: 400, message: /không phải UTF-8/ },
    { name: 'percent-encoded invalid UTF-8', body: `submissionId=${randomUUID()}&q1=5&q2=5&comment=%FF%FE`, status: 400, message: /không phải UTF-8/ },
    { name: 'a huge body', body: form({ q1: '5', q2: '5', comment: 'x'.repeat(200_000) }), status: 413, message: /quá lớn/ },
    { name: 'JSON instead of a form', body: JSON.stringify({ q1: 5, q2: 5 }), type: 'application/json', status: 415, message: /Định dạng dữ liệu không được hỗ trợ/ },
  ];

  for (const c of cases) {
    test(c.name, async ({ request, db }) => {
      const body = typeof c.body === 'string' || Buffer.isBuffer(c.body) ? c.body : await signedForm(request, CODES.centre, c.body.signed);
      const before = (await db.countResponses());
      const res = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': c.type ?? FORM }, data: body, maxRedirects: 0 });
      expect(res.status()).toBe(c.status);
      const html = await res.text();
      expect(html).toMatch(c.message);
      expect(html).toContain('Chưa gửi được đánh giá');
      expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
      expect((await db.countResponses())).toBe(before);
    });
  }

  test('a post to an unknown code is a 404, not an error', async ({ request }) => {
    const res = await request.post("/s/ZZZZZZ/gui", { headers: { 'content-type': FORM }, data: 'q1=5&q2=5', maxRedirects: 0 });
    expect(res.status()).toBe(404);
  });

  test('the same submission id posted twice is stored once', async ({ request, db }) => {
    const body = await signedForm(request, CODES.centre, { q1: '4', q2: '4' });
    const id = new URLSearchParams(body).get('submissionId')!;
    const first = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: body, maxRedirects: 0 });
    const second = await request.post(`/s/${CODES.centre}/gui`, { headers: { 'content-type': FORM }, data: body, maxRedirects: 0 });
    expect([first.status(), second.status()]).toEqual([303, 303]);
    expect(second.headers().location).toBe(first.headers().location);
    expect((await db.responsesByClientId(id))).toBe(1);
  });

  test('a device that keeps rating is stopped with a Vietnamese message; repeats are kept but flagged', async ({ page, survey, db }) => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto(`/s/${CODES.centre}`);
      await survey.rate(Q1, 'Rất hài lòng');
      await survey.rate(Q2, 'Rất hài lòng');
      ids.push(await survey.submissionId());
      await survey.submit();
      await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    }
    const stored = await Promise.all(ids.map((id) => db.responseByClientId(id)));
    expect(stored.map((r) => r?.flags)).toEqual([null, 'device_repeat', 'device_repeat', 'device_repeat', 'device_repeat', 'device_repeat']);
    expect(stored.map((r) => r?.excluded)).toEqual([0, 1, 1, 1, 1, 1]);

    const before = (await db.countResponses());
    await page.goto(`/s/${CODES.centre}`);
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Rất hài lòng');
    await survey.submit();
    await expect(page.getByRole('alert')).toContainText('Thiết bị này vừa gửi nhiều đánh giá trong thời gian ngắn');
    expect((await db.countResponses())).toBe(before);
  });

  test('missing answers are listed in Vietnamese and nothing is stored', async ({ page, survey, db }) => {
    await page.goto(`/s/${CODES.centre}`);
    // The browser's own check would stop an empty form first; skip it to reach the server's.
    await page.locator('form[data-survey]').evaluate((f) => f.setAttribute('novalidate', ''));
    const before = (await db.countResponses());
    await survey.rate(Q2, 'Hài lòng');
    await survey.submit();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Vui lòng kiểm tra lại các mục được đánh dấu bên dưới.');
    await expect(alert.getByRole('link', { name: 'Vui lòng chọn một mức độ hài lòng.' })).toHaveCount(1);
    await expect(survey.question(Q2).getByRole('radio', { name: 'Hài lòng', exact: true })).toBeChecked();
    expect((await db.countResponses())).toBe(before);
  });
});
