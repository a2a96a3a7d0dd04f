/**
 * The README's picture of the staff home: signs in as a demo account on a
 * running demo server and saves /tong-quan at 1366×768 (an office PC) to
 * docs/screenshots/staff-home.png. Needs a server started with the demo data
 * (`npm run demo`, or `HAILONG_MODE=demo next start`) and Chromium.
 *
 *   npx tsx scripts/screenshot-staff-home.ts [--base-url http://localhost:3000] [--login thutruong.tthc] [--out docs/screenshots/staff-home.png]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string', default: 'http://localhost:3000' },
    login: { type: 'string', default: 'thutruong.tthc' },
    password: { type: 'string', default: 'hailong-demo-2026' },
    out: { type: 'string', default: 'docs/screenshots/staff-home.png' },
    'full-page': { type: 'boolean', default: false },
  },
});

async function main() {
  const baseURL = values['base-url']!;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, login: values.login!, password: values.password!, json: 'true' } });
    if (!res.ok()) throw new Error(`sign-in as ${values.login} failed: HTTP ${res.status()}`);
    await page.goto('/tong-quan');
    await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
    fs.mkdirSync(path.dirname(values.out!), { recursive: true });
    await page.screenshot({ path: values.out!, fullPage: values['full-page'] });
    console.log(`Saved ${values.out} (${values.login}, 1366×768${values['full-page'] ? ', full page' : ''}).`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
