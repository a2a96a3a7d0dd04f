import { randomInt } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { openTestDb, type TestDb } from './db';

/** Fixed codes of the demo seed (db/seed.ts). */
export const CODES = { centre: 'TTHC22', counter: 'TTHC23', disabled: 'TAT999' } as const;

type Fixtures = { db: TestDb; survey: SurveyPage };

export const test = base.extend<Fixtures>({
  // Every test comes from its own network address (the server trusts one proxy hop in e2e),
  // so per-network rate limits never leak from one test into another.
  extraHTTPHeaders: async ({}, use) => {
    await use({ 'x-forwarded-for': `198.18.${randomInt(256)}.${randomInt(1, 255)}` });
  },
  db: async ({}, use) => {
    const db = openTestDb();
    await use(db);
    db.close();
  },
  survey: async ({ page }, use) => {
    await use(new SurveyPage(page));
  },
  // Any error in the browser console fails the test.
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource.*(404|422|429|400|413|415)/.test(m.text())) errors.push(m.text());
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

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
