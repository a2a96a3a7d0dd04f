import ExcelJS from 'exceljs';
import type { APIResponse, Browser, Page } from '@playwright/test';
import { addDays, dayKeyOf } from '../lib/indicators/periods';
import { countValidRatings } from './db';
import { ACCOUNTS, CODES, expect, signInAs, test } from './fixtures';
import { newNetwork } from './network';

/**
 * Exports are produced a few at a time per server (server/export-queue.ts):
 * a person's second download while the first is being made is refused with
 * 429 in Vietnamese; everyone else's files wait their turn and arrive whole.
 */

const today = dayKeyOf(Date.now());
const from = addDays(today, -200);
const PERIOD = `tu=${from}&den=${today}`;
const BUSY_OWN = 'Bạn đang có một tệp đang được tạo. Vui lòng chờ tệp đó tải xong rồi thử lại.';

const countValid = (unitId: number) => countValidRatings(unitId, from, today);

/** Data rows of a downloaded file (the header row left out). */
async function rowsOf(res: APIResponse, format: 'csv' | 'xlsx'): Promise<number> {
  const body = await res.body();
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    return workbook.worksheets[0]!.actualRowCount - 1;
  }
  // Records end with CRLF outside quotes.
  let records = 0;
  let quoted = false;
  const text = body.toString('utf8');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === '\r' && text[i + 1] === '\n') records++;
  }
  return records - 1;
}

async function signedIn(browser: Browser, baseURL: string, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': newNetwork() } });
  const page = await context.newPage();
  await signInAs(page, login);
  return page;
}

function expectRefusedOwn(res: APIResponse) {
  expect(res.status()).toBe(429);
  expect(res.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
}

test('a second download by the same person while the first is made gets 429 in Vietnamese; the first arrives whole', async ({ page, db }) => {
  const centre = (await db.unitByCode(CODES.centre))!;
  await signInAs(page, ACCOUNTS.assessor);
  const [first, second] = await Promise.all([
    page.request.get(`/xuat/phieu?dinh-dang=xlsx&${PERIOD}&don-vi=${centre.id}`),
    page.request.get(`/xuat/phieu?dinh-dang=csv&${PERIOD}&don-vi=${centre.id}`),
  ]);
  // Whichever the server took first is made; the other is refused.
  const [made, refused] = first.status() === 200 ? [first, second] : [second, first];
  expect(made.status()).toBe(200);
  expectRefusedOwn(refused);
  expect(await refused.text()).toBe(BUSY_OWN);
  const format = made === first ? 'xlsx' : 'csv';
  expect(await rowsOf(made, format)).toBe(await countValid(centre.id));

  // Once it has downloaded, the next one is made.
  const again = await page.request.get(`/xuat/phieu?dinh-dang=csv&${PERIOD}&don-vi=${centre.id}`);
  expect(again.status()).toBe(200);
  expect(await rowsOf(again, 'csv')).toBe(await countValid(centre.id));
});

test('four people downloading at once, twice each: one 429 each, the other files wait their turn and are complete', async ({ browser, baseURL, db }) => {
  test.setTimeout(90_000);
  const centre = (await db.unitByCode(CODES.centre))!.id;
  const hoaLu = (await db.unitIdByName('Trung tâm Phục vụ hành chính công phường Hoa Lư'));
  const people = [
    { login: ACCOUNTS.assessor, unit: centre },
    { login: ACCOUNTS.supervisor, unit: centre },
    { login: ACCOUNTS.headCentre, unit: centre },
    { login: ACCOUNTS.headHoaLu, unit: hoaLu },
  ];
  const pages = await Promise.all(people.map((p) => signedIn(browser, baseURL!, p.login)));
  // Every request at once: the responses export (a worker each), then the indicators table (exceljs on the main thread).
  const answers = await Promise.all(
    people.flatMap((p, i) => [
      pages[i]!.request.get(`/xuat/phieu?dinh-dang=xlsx&${PERIOD}&don-vi=${p.unit}`).then((res) => ({ who: i, kind: 'phieu' as const, res })),
      pages[i]!.request.get(`/xuat/chi-so?dinh-dang=xlsx&${PERIOD}&don-vi=${p.unit}`).then((res) => ({ who: i, kind: 'chi-so' as const, res })),
    ]),
  );
  for (const [i, p] of people.entries()) {
    const mine = answers.filter((a) => a.who === i);
    expect(mine.map((a) => a.res.status()).sort(), p.login).toEqual([200, 429]);
    const made = mine.filter((a) => a.res.status() === 200);
    const refused = mine.filter((a) => a.res.status() !== 200);
    expectRefusedOwn(refused[0]!.res);
    expect(await refused[0]!.res.text()).toBe(BUSY_OWN);
    const file = made[0]!;
    if (file.kind === 'phieu') expect(await rowsOf(file.res, 'xlsx'), p.login).toBe(await countValid(p.unit));
    else expect(await rowsOf(file.res, 'xlsx'), p.login).toBeGreaterThanOrEqual(2); // the office line(s) and the total
  }
  await Promise.all(pages.map((p) => p.context().close()));
});
