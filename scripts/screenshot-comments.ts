/**
 * The README's pictures of the staff comments page: an office PC's viewport
 * (1366×768, vi-VN, Asia/Ho_Chi_Minh) on /gop-y of a running demo server
 * (`npm run demo`, or `HAILONG_MODE=demo next start`), signed in as the demo
 * head of the province centre, unanswered low scores so the chosen reasons
 * show: the top of the page (docs/screenshots/comments.png), then the list
 * scrolled into view with the first reply form opened (comments-reply.png).
 * Run: `BASE_URL=http://localhost:3000 npx tsx scripts/screenshot-comments.ts`.
 */
import { chromium } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://localhost:3000';
const OUT = 'docs/screenshots/comments.png';
const OUT_REPLY = 'docs/screenshots/comments-reply.png';

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, login: 'thutruong.tthc', password: 'hailong-demo-2026', json: 'true' } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
  await page.goto('/gop-y?diem-thap=1&trang-thai=unanswered');
  await page.getByRole('heading', { level: 1, name: 'Góp ý của người dân' }).waitFor();
  await page.screenshot({ path: OUT });
  const list = page.locator('ol.comment-list');
  await page.evaluate((y) => window.scrollTo(0, y), (await list.boundingBox())!.y + (await page.evaluate(() => window.scrollY)) - 16);
  await list.getByText(/^Trả lời góp ý #\d+$/).first().click();
  await page.screenshot({ path: OUT_REPLY });
  await browser.close();
  console.log(`wrote ${OUT} and ${OUT_REPLY}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
