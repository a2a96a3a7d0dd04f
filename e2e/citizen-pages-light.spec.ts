import type { Page, Request } from '@playwright/test';
import { CODES, expect, Q1, Q2, test } from './fixtures';

/**
 * Every page a citizen can reach is plain HTML without Next's client runtime
 * (docs/decisions/002): no framework script is loaded, the first load stays
 * within 20 KB on the wire, and the whole way (find → rate → thanks → reply
 * lookup) works with JavaScript off. bench/page-weight measures the same
 * pages on a throttled phone.
 */
const BUDGET_BYTES = 20 * 1024;

/** Loads `path` in a fresh page and reports the scripts it asked for and the bytes it received (bodies as sent, and headers). */
async function firstLoad(page: Page, path: string) {
  const requests: Request[] = [];
  page.on('requestfinished', (r) => requests.push(r));
  const res = await page.goto(path);
  await page.waitForLoadState('load');
  const sizes = await Promise.all(requests.map(async (r) => ({ url: r.url(), type: r.resourceType(), ...(await r.sizes()) })));
  return {
    status: res?.status(),
    html: (await res?.text()) ?? '',
    scripts: sizes.filter((s) => s.type === 'script').map((s) => new URL(s.url).pathname),
    bytes: sizes.reduce((sum, s) => sum + s.responseBodySize + s.responseHeadersSize, 0),
  };
}

test.describe('citizen pages load no framework JavaScript', () => {
  const PAGES: [string, string, number, string[]][] = [
    ['the home page (every office)', '/', 200, []],
    ['a search', '/?q=ha+nam', 200, []],
    ['the home page in English', '/?lang=en&q=trung+tam', 200, []],
    ['an unknown code', '/s/ZZZZZZ', 404, []],
    ['a disabled code, in English', `/s/${CODES.disabled}?lang=en`, 404, []],
    ['an unknown address', '/khong/co/trang-nay', 404, []],
    ['the reply lookup', '/tra-cuu', 200, []],
    ['a lookup of a missing code', '/tra-cuu?ma=ZZZZZZZZ&lang=en', 404, []],
    ['the thank-you page', `/s/${CODES.centre}/cam-on?ma=HKMN2345`, 200, []],
    ['the thank-you page after a low score', `/s/${CODES.centre}/cam-on?muc=thap&lang=en`, 200, []],
    // The survey's only script is its own 1 KB enhancement (comment counter, double-tap guard).
    ['the survey', `/s/${CODES.counter}`, 200, ['/survey.js']],
  ];
  for (const [what, path, status, scripts] of PAGES) {
    test(`${what} (${path}): no Next.js runtime, ≤ 20 KB`, async ({ page }) => {
      const load = await firstLoad(page, path);
      expect(load.status).toBe(status);
      expect(load.scripts).toEqual(scripts);
      expect(load.html).not.toContain('/_next/static/');
      expect(load.html).not.toContain('__NEXT_DATA__');
      expect(load.bytes, `${path}: bytes on the wire`).toBeLessThanOrEqual(BUDGET_BYTES);
    });
  }
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a citizen finds the office, rates it low with a comment, and looks up the reply', async ({ page, survey, db }) => {
    await page.goto('/');
    await page.getByLabel('Tìm cơ quan, đơn vị').fill('phu ly');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('link', { name: /Trung tâm Phục vụ hành chính công phường Phủ Lý/ }).click();

    await survey.rate(Q1, 'Rất không hài lòng');
    await survey.rate(Q2, 'Rất không hài lòng');
    await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill('Phải chờ hai tiếng mà không ai hướng dẫn.');
    const clientId = await survey.submissionId();
    await survey.submit();
    await expect(page.getByRole('heading', { level: 1, name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
    expect((await db.responseByClientId(clientId))?.channel).toBe('web');

    const receipt = page.getByRole('region', { name: 'Mã tra cứu phản hồi' });
    const code = (await receipt.locator('.receipt').textContent())!.trim();
    await receipt.getByRole('link', { name: 'Tra cứu phản hồi' }).click();
    await expect(page.getByRole('heading', { name: `Góp ý mã ${code}` })).toBeVisible();

    // The lookup's own form, typed by hand.
    await page.goto('/');
    await page.getByRole('link', { name: 'Tra cứu phản hồi góp ý' }).click();
    await page.getByLabel('Mã tra cứu phản hồi').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(page.getByRole('heading', { name: `Góp ý mã ${code}` })).toBeVisible();
  });

  test('the English home page searches and switches language', async ({ page }) => {
    await page.goto('/?lang=en');
    await page.getByLabel('Find an office').fill('so noi vu');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/lang=en/);
    await expect(page.getByRole('link', { name: /Sở Nội vụ/ })).toBeVisible();
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect(page.getByRole('heading', { name: /cơ quan cho “so noi vu”/ })).toBeVisible();
  });
});
