import { test as base, type Page } from '@playwright/test';

type Answer = { headers(): Record<string, string> } | null;
import { ACCOUNTS, CODES, DEMO_PASSWORD, expect, Q1, Q2, signInAs, SurveyPage, test } from './fixtures';

/**
 * The Content-Security-Policy (lib/csp.js, set per request by proxy.ts, and
 * without a nonce by next.config.js on the paths the proxy skips): scripts
 * only from this origin or inline with the request's nonce, never
 * 'unsafe-inline', and every kind of page still works under it with no
 * violation reported in the browser.
 */
function scriptSrc(res: Answer): string {
  const csp = res?.headers()['content-security-policy'] ?? '';
  return csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';
}

function expectStrictScripts(res: Answer, { nonce = true } = {}) {
  const scripts = scriptSrc(res);
  // The citizen survey has no inline script at all: only files from this origin.
  expect(scripts).toMatch(nonce ? /^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'$/ : /^script-src 'self'$/);
  expect(scripts).not.toContain('unsafe-inline');
  expect(scripts).not.toContain('unsafe-eval');
}

/** Collects what Chromium reports when the policy blocks something. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test.describe('content security policy', () => {
  test('the survey: a strict policy, /survey.js runs, the form submits', async ({ page }) => {
    const violations = watchViolations(page);
    const survey = new SurveyPage(page);
    const res = await page.goto(`/s/${CODES.centre}`);
    expectStrictScripts(res);
    // The comment counter is written by /survey.js: the external script ran.
    await expect(page.locator('#comment-hint')).toHaveText(/^0\/\d+ /);
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    const post = page.waitForResponse((r) => r.request().method() === 'POST' && /\/s\/[^/]+\/gui$/.test(r.url()));
    await survey.submit();
    // The post skips the proxy (the hot path): the same policy, without a nonce.
    expectStrictScripts(await post, { nonce: false });
    await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('the home page: a strict policy, a nonce on every inline script, the search works', async ({ page }) => {
    const violations = watchViolations(page);
    const res = await page.goto('/');
    expectStrictScripts(res);
    const nonce = scriptSrc(res).match(/'nonce-([^']+)'/)![1];
    const html = await res!.text();
    for (const tag of html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
    await page.getByLabel('Tìm cơ quan, đơn vị').fill('Hoa Lư');
    await page.getByLabel('Tìm cơ quan, đơn vị').press('Enter');
    await expect(page).toHaveURL(/q=Hoa/);
    await expect(page.getByRole('link', { name: /Hoa Lư/ }).first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('each request gets its own nonce', async ({ request }) => {
    const [a, b] = [await request.get('/login'), await request.get('/login')];
    expect(scriptSrc(a)).not.toBe(scriptSrc(b));
  });

  test('sign-in and the staff dashboard with its charts work under the policy', async ({ page }) => {
    const violations = watchViolations(page);
    const res = await page.goto('/login');
    expectStrictScripts(res);
    await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(ACCOUNTS.headCentre);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
    // One office in scope: the statistics open on that office's dashboard, with its charts.
    const dash = await page.goto('/thong-ke');
    expectStrictScripts(dash);
    await expect(page).toHaveURL(/\/thong-ke\/don-vi\/\d+/);
    // recharts draws in the browser: an SVG surface means the client runtime ran.
    await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('the kiosk app loads its pairing screen and registers its service worker under the policy', async ({ page }) => {
    const violations = watchViolations(page);
    const res = await page.goto('/kiosk');
    expectStrictScripts(res);
    await expect(page.getByRole('heading', { name: 'Ghép nối máy tính bảng' })).toBeVisible();
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  // The violation is logged in the console on purpose, so not the console-checking fixture.
  base('an injected inline script does not run and is reported as a violation', async ({ page }) => {
    await signInAs(page, ACCOUNTS.supervisor);
    await page.goto('/tong-quan');
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: 'pwned' in window, violated: e.violatedDirective }), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.pwned = true';
          document.body.append(s);
          setTimeout(() => resolve({ ran: 'pwned' in window, violated: '' }), 2000);
        }),
    );
    expect(outcome).toEqual({ ran: false, violated: expect.stringMatching(/^script-src/) });
  });
});
