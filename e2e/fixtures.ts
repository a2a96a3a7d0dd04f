import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { openTestDb, type TestDb } from './db';
import { newNetwork } from './network';

/** The demo accounts (server/demo-accounts.ts) and their one password. */
export const DEMO_PASSWORD = 'hailong-demo-2026';
export const ACCOUNTS = {
  admin: 'quantri',
  assessor: 'thamdinh',
  supervisor: 'giamsat',
  headCentre: 'thutruong.tthc',
  headHoaLu: 'thutruong.hoalu',
  /** An administrator and an assessor scoped to the Hoa Lư ward, below the province (docs/decisions/016). */
  adminHoaLu: 'quantri.hoalu',
  assessorHoaLu: 'thamdinh.hoalu',
} as const;

/** The demo official of the provincial centre (role 'official', server/demo-officials.ts): her own figures only. */
export const OFFICIAL_ACCOUNT = { login: 'canbo.tthc', fullName: 'Nguyễn Thị Hoa' } as const;

/**
 * Signs the browser context in through next-auth's own endpoints (CSRF token,
 * then the credentials callback), as the sign-in form does.
 */
export async function signInAs(page: Page, login: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, login, password, json: 'true' } });
  expect(res.ok(), `sign in as ${login}`).toBe(true);
}

/** Fixed codes of the demo seed (db/seed.ts). */
export const CODES = { centre: 'TTHC22', counter: 'TTHC23', disabled: 'TAT999' } as const;

type Fixtures = { db: TestDb; survey: SurveyPage };

export const test = base.extend<Fixtures>({
  // Every test comes from its own network address (the server trusts one proxy hop in e2e),
  // so per-network rate limits never leak from one test into another.
  extraHTTPHeaders: async ({}, use) => {
    await use({ 'x-forwarded-for': newNetwork() });
  },
  db: async ({}, use) => {
    const db = await openTestDb();
    await use(db);
    await db.close();
  },
  survey: async ({ page }, use) => {
    await use(new SurveyPage(page));
  },
  // Any error in the browser console fails the test.
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource.*(400|401|403|404|410|413|415|422|429|503)/.test(m.text())) errors.push(m.text());
    });
    await use(page);
    expect(errors, 'browser console errors').toEqual([]);
  },
});
export { expect };

/** The citizen's survey, located by role and Vietnamese label as a person would. */
export class SurveyPage {
  constructor(readonly page: Page) {}

  question(name: string | RegExp): Locator {
    return this.page.getByRole('group', { name });
  }

  /** Taps the face with the given label (e.g. "Rất hài lòng") in a question. */
  async rate(question: string | RegExp, label: string) {
    const group = this.question(question);
    await group.locator('label').filter({ has: this.page.getByRole('radio', { name: label, exact: true }) }).click();
    await expect(group.getByRole('radio', { name: label, exact: true })).toBeChecked();
  }

  submissionId(): Promise<string> {
    return this.page.locator('input[name=submissionId]').inputValue();
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  }
}

export const Q1 = /thái độ phục vụ của cán bộ/;
export const Q2 = /Nhìn chung/;

/**
 * The centre rated 1 and 1 by a new phone: its own cookies and network address, so neither
 * abuse limit nor the repeat flag applies and the rating counts as low (alerts, e-mail).
 */
export async function rateVeryLowAsNewCitizen(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, locale: 'vi-VN', extraHTTPHeaders: { 'x-forwarded-for': newNetwork() } });
  const page = await context.newPage();
  const survey = new SurveyPage(page);
  await page.goto(`/s/${CODES.centre}`);
  await survey.rate(Q1, 'Rất không hài lòng');
  await survey.rate(Q2, 'Rất không hài lòng');
  await survey.submit();
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
  await context.close();
}

export async function expectNoSeriousA11yViolations(page: Page) {
  // Next re-renders the head after a server action: a page is checked once its title is back,
  // and a page that never gets one still fails here.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
