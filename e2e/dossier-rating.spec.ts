import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page, Request } from '@playwright/test';
import { makeDossierToken } from '../lib/dossier-token';
import { deriveKey } from '../lib/survey/form-token';
import { E2E_DB } from '../playwright.config';
import { openSql } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, test } from './fixtures';

/**
 * A dossier's rating link, /h/<token> (docs/decisions/027): the citizen rates
 * the dossier once, sees the rating on a second visit, may change it for 7
 * days, then only sees it; a token edited by hand or expired gets a friendly
 * page. The ratings are "verified": the dashboards can show them alone, and
 * the Decision 766 index counts the dossiers returned.
 *
 * Dossiers are written straight into the e2e server's database, as the
 * registration API will, with a token signed with the server's own secret.
 */

const DAY = 86_400_000;
const FORM = 'application/x-www-form-urlencoded';

function serverSecret(): string {
  const file = path.join(path.dirname(E2E_DB), 'hai-long-secrets.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { AUTH_SECRET: string }).AUTH_SECRET;
}

type NewDossier = { counterCode?: string; unitCode?: string; receivedAt?: number; dueAt?: number | null; returnedAt?: number | null; procedure?: string };

async function addDossier(d: NewDossier = {}): Promise<{ id: number; code: string; token: string; unitId: number; counterId: number | null }> {
  const sql = await openSql(undefined, { write: true });
  try {
    const counter = d.counterCode ? await sql.get<{ id: number; unitId: number }>('select id, unit_id as "unitId" from counters where code = ?', [d.counterCode]) : undefined;
    const unitId = counter?.unitId ?? (await sql.value<number>('select id from units where code = ?', [d.unitCode ?? CODES.centre]))!;
    const token = makeDossierToken(deriveKey(serverSecret(), 'dossier-link'));
    const code = `H22.${randomBytes(5).toString('hex').toUpperCase()}`;
    const now = Date.now();
    const receivedAt = d.receivedAt ?? now - 5 * DAY;
    const [row] = await sql.all<{ id: number }>(
      `insert into dossiers (code, unit_id, counter_id, procedure, received_at, due_at, returned_at, token, source, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'csv', ?, ?) returning id`,
      [code, unitId, counter?.id ?? null, d.procedure ?? 'Đăng ký khai sinh', receivedAt, d.dueAt ?? null, d.returnedAt === undefined ? now - DAY : d.returnedAt, token, now, now],
    );
    return { id: Number(row!.id), code, token, unitId: Number(unitId), counterId: counter ? Number(counter.id) : null };
  } finally {
    await sql.close();
  }
}

async function ratingOf(dossierId: number) {
  const sql = await openSql();
  try {
    const r = await sql.get<{ id: number; channel: string; unitId: number; counterId: number | null; submittedAt: number }>(
      'select id, channel, unit_id as "unitId", counter_id as "counterId", submitted_at as "submittedAt" from responses where dossier_id = ?',
      [dossierId],
    );
    const count = Number(await sql.value<number>('select count(*) from responses where dossier_id = ?', [dossierId]));
    const answers = r
      ? await sql.all<{ questionKey: string; score: number }>('select question_key as "questionKey", score from answers where response_id = ? and score is not null order by question_key', [r.id])
      : [];
    return { rating: r, count, answers: answers.map((a) => [a.questionKey, Number(a.score)]) };
  } finally {
    await sql.close();
  }
}

/** Moves a dossier's rating back in time (to test the 7-day window), and returns how to put it back. */
async function shiftRating(dossierId: number, ms: number): Promise<() => Promise<void>> {
  const move = async (by: number) => {
    const sql = await openSql(undefined, { write: true });
    try {
      await sql.run('update responses set submitted_at = submitted_at + ? where dossier_id = ?', [by, dossierId]);
    } finally {
      await sql.close();
    }
  };
  await move(-ms);
  return () => move(ms);
}

/** Rates a dossier's link as its form does, without a browser (GET for the signed form, then POST). */
async function rateByPost(request: APIRequestContext, token: string, q1: number, q2: number) {
  const html = await (await request.get(`/h/${token}`)).text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
  const body = new URLSearchParams({ submissionId: field('submissionId'), formToken: field('formToken'), lang: 'vi', kenh: 'qr', q1: String(q1), q2: String(q2) });
  const res = await request.post(`/h/${token}`, { headers: { 'content-type': FORM }, data: body.toString(), maxRedirects: 0 });
  expect(res.status(), await res.text().catch(() => '')).toBe(303);
}

async function firstLoad(page: Page, url: string) {
  const requests: Request[] = [];
  page.on('requestfinished', (r) => requests.push(r));
  const res = await page.goto(url);
  await page.waitForLoadState('load');
  const sizes = await Promise.all(requests.map(async (r) => ({ url: r.url(), type: r.resourceType(), ...(await r.sizes()) })));
  return {
    status: res?.status(),
    html: (await res?.text()) ?? '',
    scripts: sizes.filter((s) => s.type === 'script').map((s) => new URL(s.url).pathname),
    bytes: sizes.reduce((sum, s) => sum + s.responseBodySize + s.responseHeadersSize, 0),
  };
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a citizen rates a dossier, sees the rating again, changes it within 7 days, and only sees it after', async ({ page, survey }) => {
    const d = await addDossier({ counterCode: CODES.counter, procedure: 'Chứng thực bản sao từ bản chính' });
    const res = await page.goto(`/h/${d.token}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Đánh giá hồ sơ' })).toBeVisible();
    const box = page.getByRole('region', { name: 'Hồ sơ Ông/Bà đang đánh giá' });
    await expect(box).toContainText(d.code);
    await expect(box).toContainText('Chứng thực bản sao từ bản chính');

    await survey.rate(Q1, 'Hài lòng');
    await survey.rate(Q2, 'Rất hài lòng');
    await survey.submit();

    await expect(page.getByRole('heading', { level: 1, name: 'Đánh giá của Ông/Bà cho hồ sơ này' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Trân trọng cảm ơn Ông/Bà!');
    const stored = await ratingOf(d.id);
    expect(stored.count).toBe(1);
    expect(stored.rating).toMatchObject({ channel: 'dossier', unitId: d.unitId, counterId: d.counterId });
    expect(stored.answers).toEqual([
      ['q1', 4],
      ['q2', 5],
    ]);

    // A second visit: the rating given, and a form to change it, opened on it.
    await page.goto(`/h/${d.token}`);
    const given = page.getByRole('region', { name: /^Đánh giá lúc/ });
    await expect(given).toContainText('Rất hài lòng');
    await expect(given).toContainText('Ông/Bà có thể đổi đánh giá đến');
    await expect(page.getByRole('heading', { level: 2, name: 'Đổi đánh giá' })).toBeVisible();
    await expect(page.getByRole('group', { name: Q2 }).getByRole('radio', { name: 'Rất hài lòng', exact: true })).toBeChecked();

    await survey.rate(Q2, 'Không hài lòng');
    await page.getByRole('button', { name: 'Lưu đánh giá mới' }).click();
    await expect(page.getByRole('status')).toContainText('Trân trọng cảm ơn Ông/Bà!');
    await expect(page.getByRole('region', { name: /^Đánh giá lúc/ })).toContainText('Không hài lòng');
    const changed = await ratingOf(d.id);
    expect(changed.count).toBe(1);
    expect(changed.rating!.id).toBe(stored.rating!.id);
    expect(Number(changed.rating!.submittedAt)).toBe(Number(stored.rating!.submittedAt));
    expect(changed.answers).toEqual([
      ['q1', 4],
      ['q2', 2],
    ]);

    // Eight days later: shown, no longer changeable.
    const putBack = await shiftRating(d.id, 8 * DAY);
    try {
      await page.goto(`/h/${d.token}`);
      await expect(page.getByRole('region', { name: /^Đánh giá lúc/ })).toContainText('không thể thay đổi nữa');
      await expect(page.getByRole('button', { name: 'Lưu đánh giá mới' })).toHaveCount(0);
      await expect(page.getByRole('radio')).toHaveCount(0);
    } finally {
      await putBack();
    }
  });
});

test('a token edited by hand, unknown or expired gets a friendly page, never a 500', async ({ page }) => {
  const d = await addDossier({ counterCode: CODES.counter });
  const edited = (d.token[0] === 'A' ? 'B' : 'A') + d.token.slice(1);
  const tampered = `${d.token.slice(0, 5)}${d.token[5] === 'A' ? 'B' : 'A'}${d.token.slice(6)}`;
  for (const token of [edited, tampered, 'abc', `${d.token}x`, makeDossierToken(deriveKey(serverSecret(), 'dossier-link'))]) {
    const res = await page.goto(`/h/${encodeURIComponent(token)}`);
    expect(res?.status(), token).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Tìm cơ quan để đánh giá' })).toHaveAttribute('href', '/');
  }
  await expectNoSeriousA11yViolations(page);

  const old = await addDossier({ counterCode: CODES.counter, receivedAt: Date.now() - 120 * DAY, returnedAt: Date.now() - 100 * DAY });
  const res = await page.goto(`/h/${old.token}`);
  expect(res?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1, name: 'Đường dẫn đánh giá hồ sơ đã hết hạn' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Đánh giá cơ quan' })).toHaveAttribute('href', `/s/${CODES.counter}`);
  await expectNoSeriousA11yViolations(page);
  // Its form cannot be posted either.
  const post = await page.request.post(`/h/${old.token}`, { headers: { 'content-type': FORM }, data: 'q1=5&q2=5', maxRedirects: 0 });
  expect(post.status()).toBe(410);
});

test('the dossier page loads no framework JavaScript, stays within 20 KB, and passes axe before and after rating', async ({ page }) => {
  const d = await addDossier({ counterCode: CODES.counter });
  const load = await firstLoad(page, `/h/${d.token}`);
  expect(load.status).toBe(200);
  expect(load.scripts).toEqual(['/survey.js']);
  expect(load.html).not.toContain('/_next/static/');
  expect(load.html).not.toContain('__NEXT_DATA__');
  expect(load.bytes).toBeLessThanOrEqual(20 * 1024);
  await expectNoSeriousA11yViolations(page);

  await rateByPost(page.request, d.token, 5, 4);
  await page.goto(`/h/${d.token}?da-gui=1`);
  await expect(page.getByRole('heading', { level: 2, name: 'Đổi đánh giá' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('the dashboard shows verified ratings alone, equal to a hand count, and the Decision 766 index', async ({ page, request }) => {
  const now = Date.now();
  // Returned yesterday: one rated satisfied, one rated dissatisfied, one overdue and rated satisfied, one overdue and not rated, one not returned.
  const satisfied = await addDossier({ unitCode: CODES.centre, dueAt: now });
  const dissatisfied = await addDossier({ unitCode: CODES.centre, dueAt: now });
  const lateRated = await addDossier({ unitCode: CODES.centre, dueAt: now - 2 * DAY });
  await addDossier({ unitCode: CODES.centre, dueAt: now - 2 * DAY });
  const open = await addDossier({ unitCode: CODES.centre, returnedAt: null });
  await rateByPost(request, satisfied.token, 5, 5);
  await rateByPost(request, dissatisfied.token, 2, 1);
  await rateByPost(request, lateRated.token, 4, 4);
  await rateByPost(request, open.token, 5, 4);

  const sql = await openSql();
  let hand: { verified: number; returned: number; rated: number; notSatisfied: number };
  try {
    const { path: centrePath } = (await sql.get<{ path: string }>('select path from units where code = ?', [CODES.centre]))!;
    const start = now - 29 * DAY - 86_400_000; // within "30 ngày" whatever the hour
    const verified = Number(
      await sql.value(
        `select count(*) from responses r join units u on u.id = r.unit_id where u.path >= ? and u.path < ? and r.channel = 'dossier' and r.excluded = false and r.submitted_at >= ?`,
        [centrePath, `${centrePath.slice(0, -1)}0`, start],
      ),
    );
    const rows = await sql.all<{ returnedAt: number | null; dueAt: number | null; rated: number; low: number }>(
      `select d.returned_at as "returnedAt", d.due_at as "dueAt", case when r.id is not null and r.excluded = false then 1 else 0 end as rated,
              case when r.excluded = false and exists (select 1 from answers a where a.response_id = r.id and a.score <= 2) then 1 else 0 end as low
       from dossiers d join units u on u.id = d.unit_id left join responses r on r.dossier_id = d.id
       where u.path >= ? and u.path < ? and d.returned_at >= ?`,
      [centrePath, `${centrePath.slice(0, -1)}0`, start],
    );
    hand = {
      verified,
      returned: rows.length,
      rated: rows.filter((r) => Number(r.rated) === 1).length,
      notSatisfied: rows.filter((r) => Number(r.low) === 1 || (r.dueAt !== null && Number(r.returnedAt) > Number(r.dueAt))).length,
    };
  } finally {
    await sql.close();
  }
  expect(hand.returned).toBeGreaterThanOrEqual(4);

  await signInAs(page, ACCOUNTS.headCentre);
  const lookup = await openSql();
  const centreId = (await lookup.value<number>('select id from units where code = ?', [CODES.centre]))!;
  await lookup.close();
  await page.goto(`/thong-ke/don-vi/${centreId}?ky=30-ngay`);
  await page.getByRole('link', { name: 'Chỉ đánh giá xác thực (theo hồ sơ)' }).click();
  await expect(page).toHaveURL(/xac-thuc=1/);
  const valid = page.locator('article.card').filter({ has: page.getByRole('heading', { name: 'Phiếu hợp lệ' }) });
  await expect(valid.locator('.card-value')).toHaveText(String(hand.verified));
  // The period picker keeps the filter.
  await page.getByRole('link', { name: '7 ngày qua' }).click();
  await expect(page).toHaveURL(/xac-thuc=1/);
  await page.goto(`/thong-ke/don-vi/${centreId}?ky=30-ngay&xac-thuc=1`);

  const section = page.getByRole('region', { name: 'Chỉ số hài lòng theo hồ sơ (QĐ 766)' });
  const pct = (x: number) => `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x * 100)} %`;
  await expect(section).toContainText(`n = ${hand.returned} hồ sơ đã trả kết quả`);
  await expect(section).toContainText(pct((hand.returned - hand.notSatisfied) / hand.returned));
  await expect(section).toContainText(`${hand.rated} / ${hand.returned} hồ sơ đã trả kết quả có đánh giá`);
  await expect(section).toContainText('không được ghi nhận trong hệ thống này');
  await expectNoSeriousA11yViolations(page);

  // The export link of the page keeps the filter too.
  await expect(page.getByRole('link', { name: /Tải CSV: danh sách phiếu đánh giá/ })).toHaveAttribute('href', /xac-thuc=1/);
});
