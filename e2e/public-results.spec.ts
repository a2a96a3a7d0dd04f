import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import type { APIRequestContext, Page } from '@playwright/test';
import { dayKeyOf } from '../lib/indicators/periods';
import { formatShare, periodLabel, quarterPeriod, yearPeriodKey, type PeriodKey } from '../lib/publishing/publication';
import { openSql, queryAll } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * The public results (issue 15, docs/decisions/028): the assessor publishes
 * on /cong-bo, and /cong-khai, the office's stable page, its badge and the
 * open data show exactly the frozen figures — never a comment, a contact, an
 * official or a period that was not published. Refusals (a quarter not
 * ended, a year not finalised for every office, a good example without
 * text) store nothing. Set-up the screens do not offer (finalised sheets,
 * comments, contacts, officials, late ratings) goes straight to the database.
 */

const SECRET_COMMENT = `Góp ý riêng tư không được công khai ${randomInt(1_000_000)}`;
const SECRET_PHONE = `09${randomInt(10_000_000, 99_999_999)}`;
const SECRET_OFFICIAL = `Đinh Văn Bí Mật ${randomInt(1_000_000)}`;
/** Answers added to the centre's quarter before publishing (so it is ranked whatever the demo's draw), taken away after. */
const EXTRA = 40;

/** The last quarter that has ended, in Vietnam time. */
function lastEndedQuarter(): PeriodKey {
  const today = dayKeyOf(new Date());
  const year = Number(today.slice(0, 4));
  const current = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return current === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, (current - 1) as 1 | 2 | 3);
}

type Figure = { unitId: number; name: string; code: string | null; respondents: number; satisfied: number; low: number | null; high: number | null; rank: number | null };

async function publishedFigures(publicationId: number): Promise<Figure[]> {
  return queryAll<Figure>(
    'select unit_id as "unitId", name, code, respondents, satisfied, low_x10000 as low, high_x10000 as high, rank from published_figures where publication_id = ? order by unit_id',
    [publicationId],
  );
}

async function livePublicationId(periodKey: string): Promise<number | undefined> {
  const [row] = await queryAll<{ id: number }>('select id from publications where period_key = ? and withdrawn_at is null', [periodKey]);
  return row?.id;
}

/** Adds (or with a negative `n` takes away) answers at 5 to the centre's overall question in a quarter's rollup. */
async function adjustQuarter(unitId: number, quarter: string, n: number) {
  const sql = await openSql(undefined, { write: true });
  try {
    await sql.run(
      `insert into rollup_office_quarters (unit_id, quarter, question_key, excluded, n1, n2, n3, n4, n5) values (?, ?, 'q2', false, 0, 0, 0, 0, ?)
       on conflict (unit_id, quarter, question_key, excluded) do update set n5 = rollup_office_quarters.n5 + excluded.n5`,
      [unitId, quarter, n],
    );
    await sql.run("delete from rollup_office_quarters where unit_id = ? and quarter = ? and question_key = 'q2' and excluded = false and n1 + n2 + n3 + n4 + n5 = 0", [unitId, quarter]);
  } finally {
    await sql.close();
  }
}

/** A comment, a phone number and an official that must never reach the public side. */
async function addPrivateData(centreId: number) {
  const sql = await openSql(undefined, { write: true });
  try {
    const now = Date.now();
    await sql.run("insert into officials (unit_id, full_name, search_name, position, active, created_at, updated_at) values (?, ?, ?, 'chuyên viên', true, ?, ?)", [centreId, SECRET_OFFICIAL, SECRET_OFFICIAL.toLowerCase(), now, now]);
    const responseId = (await sql.value<number>('select min(r.id) from responses r left join contacts c on c.response_id = r.id where c.response_id is null and r.unit_id = ?', [centreId]))!;
    await sql.run('update responses set comment = ? where id = ?', [SECRET_COMMENT, responseId]);
    await sql.run("insert into contacts (response_id, phone, consent_version, consented_at, purge_after) values (?, ?, 'lien-he-v1', ?, ?)", [responseId, SECRET_PHONE, now, now + 86_400_000]);
  } finally {
    await sql.close();
  }
}

/** Every private text the database holds: comments, phone numbers, officials' names. */
async function privateTexts(): Promise<string[]> {
  const comments = await queryAll<{ t: string }>("select comment as t from responses where comment is not null and comment <> ''");
  const phones = await queryAll<{ t: string }>('select phone as t from contacts where phone is not null');
  const officials = await queryAll<{ t: string }>('select full_name as t from officials');
  // Short comments ("Tốt") are words any page may hold; the longer ones are someone's own sentence.
  return [...comments.map((r) => r.t).filter((t) => t.length >= 16), ...phones.map((r) => r.t), ...officials.map((r) => r.t)];
}

async function expectNothingPrivate(request: APIRequestContext, urls: string[]) {
  const secrets = await privateTexts();
  expect(secrets).toEqual(expect.arrayContaining([SECRET_COMMENT, SECRET_PHONE, SECRET_OFFICIAL]));
  for (const url of urls) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    const body = await res.text();
    const leaked = secrets.filter((s) => body.includes(s) || body.includes(JSON.stringify(s).slice(1, -1)));
    expect(leaked, `private text in ${url}`).toEqual([]);
  }
}

async function publishQuarterOnScreen(page: Page, p: Extract<PeriodKey, { kind: 'quarter' }>) {
  const form = page.getByRole('form', { name: 'Công bố kết quả quý' });
  await form.getByLabel('Năm').selectOption(String(p.year));
  await form.getByLabel('Quý').selectOption(String(p.quarter));
  await form.getByRole('button', { name: 'Công bố quý' }).click();
  return form;
}

const rateOf = (f: Figure) => (f.low === null ? 'Chưa đủ dữ liệu' : formatShare(f.satisfied / f.respondents));

test('the assessor publishes a quarter: the page, the office page, the badge, the CSV and the JSON show exactly the frozen figures, nothing private', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const quarter = lastEndedQuarter() as Extract<PeriodKey, { kind: 'quarter' }>;
  const label = periodLabel(quarter);
  const [centre] = await queryAll<{ id: number; name: string }>('select id, name from units where code = ?', [CODES.centre]);
  await addPrivateData(centre!.id);

  await signInAs(page, ACCOUNTS.assessor);
  await page.goto('/cong-bo');
  await expect(page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Công bố', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The current quarter has not ended: refused, nothing stored.
  const today = dayKeyOf(new Date());
  const running = quarterPeriod(Number(today.slice(0, 4)), (Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4) as Extract<PeriodKey, { kind: 'quarter' }>;
  let form = await publishQuarterOnScreen(page, running);
  await expect(form.getByText(new RegExp(`${periodLabel(running)} chưa kết thúc: chỉ công bố được từ sau ngày`)).first()).toBeVisible();
  expect(await livePublicationId(running.key)).toBeUndefined();

  await adjustQuarter(centre!.id, quarter.key, EXTRA);
  try {
    form = await publishQuarterOnScreen(page, quarter);
    await expect(form.getByText(new RegExp(`Đã công bố kết quả ${label} của \\d+ đơn vị\\.`))).toBeVisible();
  } finally {
    await adjustQuarter(centre!.id, quarter.key, -EXTRA);
  }
  const publicationId = (await livePublicationId(quarter.key))!;
  const figures = await publishedFigures(publicationId);
  const [province] = await queryAll<{ id: number }>('select unit_id as id from publications where id = ?', [publicationId]);
  const provinceFigure = figures.find((f) => f.unitId === province!.id)!;
  const centreFigure = figures.find((f) => f.code === CODES.centre)!;
  expect(centreFigure.respondents).toBeGreaterThanOrEqual(EXTRA);
  expect(centreFigure.rank).not.toBeNull();

  // Twice: refused.
  form = await publishQuarterOnScreen(page, quarter);
  await expect(form.getByText(`${label} đang được công khai. Muốn công bố lại, hãy thu hồi bản đang công khai trước.`).first()).toBeVisible();
  expect(Number((await queryAll<{ n: number }>('select count(*) as n from publications where period_key = ?', [quarter.key]))[0]!.n)).toBe(1);

  // Anyone, signed in or not: the figures frozen at publication, although the live quarter lost the 40 answers since.
  const visitor = await (await browser.newContext({ baseURL, locale: 'vi-VN' })).newPage();
  const res = await visitor.goto('/cong-khai');
  expect(res!.status()).toBe(200);
  // No script at all, so the policy needs no nonce (next.config.js, as for /tra-cuu).
  expect(res!.headers()['content-security-policy']).toContain("script-src 'self';");
  await expect(visitor.getByRole('heading', { level: 2, name: `Kết quả ${label}` })).toBeVisible();
  await expect(visitor.locator('.province').first()).toContainText(`n = ${provinceFigure.respondents.toLocaleString('vi-VN')}`);
  expect(await visitor.locator('script').count()).toBe(0);
  await expectNoSeriousA11yViolations(visitor);

  await visitor.goto(`/cong-khai/${quarter.key}`);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText(`Kết quả ${label}`);
  const table = visitor.getByRole('region', { name: `Đơn vị — ${label}` });
  // A header row, then one row per office.
  await expect(table.getByRole('row')).toHaveCount(figures.length);
  const row = table.getByRole('row').filter({ has: visitor.getByRole('link', { name: centre!.name, exact: true }) });
  await expect(row).toContainText(rateOf(centreFigure));
  await expect(row.getByRole('cell').first()).toHaveText(String(centreFigure.rank));
  await expectNoSeriousA11yViolations(visitor);

  await visitor.getByRole('link', { name: centre!.name, exact: true }).click();
  await expect(visitor).toHaveURL(new RegExp(`/cong-khai/${quarter.key}/${CODES.centre}$`));
  await expect(visitor.getByRole('heading', { level: 1, name: centre!.name })).toBeVisible();
  await expect(visitor.locator('.big')).toHaveText(rateOf(centreFigure));
  await expect(visitor.getByText(`Hạng ${centreFigure.rank} trên`)).toBeVisible();
  await expectNoSeriousA11yViolations(visitor);
  // In English too.
  await visitor.goto(`/cong-khai/${quarter.key}/${CODES.centre}?lang=en`);
  await expect(visitor.locator('html')).toHaveAttribute('lang', 'en');
  await expect(visitor.getByText(`Results, ${periodLabel(quarter, 'en')}`).first()).toBeVisible();

  // The badge: the published rate and the period.
  const badge = await visitor.request.get(`/cong-khai/${quarter.key}/${CODES.centre}/huy-hieu.svg`);
  expect(badge.headers()['content-type']).toContain('image/svg+xml');
  const svg = await badge.text();
  expect(svg).toContain(rateOf(centreFigure));
  expect(svg).toContain(`Tỷ lệ hài lòng · ${label}`);

  // Open data: the same rows as published_figures, the province first; the JSON holds the CSV's rows and the definitions.
  const csv = await (await visitor.request.get(`/cong-khai/${quarter.key}/du-lieu.csv`)).text();
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('"period","level","office_code","office_name","respondents","satisfied","satisfaction_rate","ci95_low","ci95_high","enough_data","rank","evaluation_total","classification"');
  expect(lines).toHaveLength(figures.length + 1);
  const json = (await (await visitor.request.get(`/cong-khai/${quarter.key}/du-lieu.json`)).json()) as { rows: Record<string, unknown>[]; definitions: { columns: Record<string, unknown> } };
  expect(json.rows).toHaveLength(figures.length);
  expect(Object.keys(json.definitions.columns)).toContain('ci95_low');
  for (const f of figures) {
    const isProvince = f.unitId === province!.id;
    const jsonRow = json.rows.find((r) => (isProvince ? r.level === 'province' : r.office_code === f.code))!;
    const enough = f.low !== null;
    expect(jsonRow).toMatchObject({
      respondents: f.respondents,
      satisfied: enough ? f.satisfied : null,
      satisfaction_rate: enough ? Math.round((f.satisfied / f.respondents) * 10_000) / 10_000 : null,
      ci95_low: enough ? f.low! / 10_000 : null,
      ci95_high: enough ? f.high! / 10_000 : null,
      enough_data: enough ? 1 : 0,
      rank: isProvince ? null : f.rank,
    });
    const csvLine = lines.find((l) => (isProvince ? l.includes('"province"') : l.includes(`"${f.code}"`)))!;
    expect(csvLine).toContain(`,${f.respondents},${enough ? f.satisfied : ''},`);
  }

  // Never published (the quarter before, the running one): 404 on the page, the office page, the files and the badge.
  const before = quarter.quarter === 1 ? quarterPeriod(quarter.year - 1, 4) : quarterPeriod(quarter.year, (quarter.quarter - 1) as 1 | 2 | 3);
  for (const key of [before.key, running.key]) {
    for (const url of [`/cong-khai/${key}`, `/cong-khai/${key}/${CODES.centre}`, `/cong-khai/${key}/du-lieu.csv`, `/cong-khai/${key}/du-lieu.json`, `/cong-khai/${key}/${CODES.centre}/huy-hieu.svg`]) {
      expect((await visitor.request.get(url)).status(), url).toBe(404);
    }
  }
  const overview = await (await visitor.request.get('/cong-khai')).text();
  expect(overview).not.toContain(`/cong-khai/${before.key}`);

  await expectNothingPrivate(visitor.request, [
    '/cong-khai',
    '/cong-khai?lang=en',
    `/cong-khai/${quarter.key}`,
    `/cong-khai/${quarter.key}/${CODES.centre}`,
    `/cong-khai/${quarter.key}/du-lieu.csv`,
    `/cong-khai/${quarter.key}/du-lieu.json`,
    `/cong-khai/${quarter.key}/${CODES.centre}/huy-hieu.svg`,
  ]);

  // Withdrawn: gone from every public address at once; the row is kept and the action audited.
  await page.reload();
  await page.getByRole('form', { name: `Thu hồi ${label}` }).getByRole('button', { name: 'Thu hồi' }).click();
  await expect(page.getByText('Đã thu hồi: kỳ này không còn hiển thị trên trang công khai.')).toBeVisible();
  expect((await visitor.request.get(`/cong-khai/${quarter.key}`)).status()).toBe(404);
  expect((await visitor.request.get(`/cong-khai/${quarter.key}/du-lieu.csv`)).status()).toBe(404);
  expect(await queryAll('select action from audit_log where entity_type = ? and entity_id = ? order by id', ['publication', String(publicationId)])).toEqual([{ action: 'publication.publish' }, { action: 'publication.withdraw' }]);
  await visitor.context().close();
});

test('a year is published only once every office is finalised; a good example needs its text; both appear on the public page', async ({ page, db, browser, baseURL }) => {
  test.setTimeout(120_000);
  const year = Number(dayKeyOf(new Date()).slice(0, 4)) - 1;
  const periodName = `Đánh giá năm ${year} (công bố e2e ${randomInt(1_000_000)})`;
  const hoaLu = await db.unitIdByName('Trung tâm Phục vụ hành chính công phường Hoa Lư');
  const sql = await openSql(undefined, { write: true });
  let periodId: number;
  try {
    const now = Date.now();
    await sql.run(
      'insert into evaluation_periods (year, name, unit_id, due_date, rubric, created_at, updated_at) select ?, ?, unit_id, ?, rubric, ?, ? from evaluation_periods order by id limit 1',
      [year, periodName, `${year}-12-15`, now, now],
    );
    periodId = (await sql.value<number>('select id from evaluation_periods where name = ?', [periodName]))!;
    // Every office finalised but the Hoa Lư centre.
    await sql.run(
      "insert into evaluation_sheets (period_id, unit_id, status, final_total_x100, final_class, finalised_at, updated_at) select ?, id, 'finalised', 8550, 'Tốt', ?, ? from units where code is not null and id <> ?",
      [periodId, now, now, hoaLu],
    );
  } finally {
    await sql.close();
  }

  await signInAs(page, ACCOUNTS.assessor);
  await page.goto('/cong-bo');
  const yearForm = page.getByRole('form', { name: 'Công bố kết quả năm' });
  await yearForm.getByLabel('Đợt đánh giá').selectOption({ label: periodName });
  await yearForm.getByRole('button', { name: 'Công bố năm' }).click();
  await expect(yearForm.getByText(/Chưa công bố được năm \d{4}: còn 1 đơn vị chưa được chốt kết quả đánh giá \(Trung tâm Phục vụ hành chính công phường Hoa Lư\)/).first()).toBeVisible();
  expect(await livePublicationId(String(year))).toBeUndefined();

  const write = await openSql(undefined, { write: true });
  try {
    await write.run("insert into evaluation_sheets (period_id, unit_id, status, final_total_x100, final_class, finalised_at, updated_at) values (?, ?, 'finalised', 9600, 'Xuất sắc', ?, ?)", [periodId, hoaLu, Date.now(), Date.now()]);
  } finally {
    await write.close();
  }
  await yearForm.getByRole('button', { name: 'Công bố năm' }).click();
  await expect(yearForm.getByText(new RegExp(`Đã công bố kết quả Năm ${year} của \\d+ đơn vị\\.`))).toBeVisible();
  const publicationId = (await livePublicationId(String(year)))!;
  expect(await queryAll('select final_class as c, total_x100 as t from published_figures where publication_id = ? and unit_id = ?', [publicationId, hoaLu])).toEqual([{ c: 'Xuất sắc', t: 9600 }]);

  // A good example without its text: refused, nothing stored; with it, shown on the public page with its photo.
  const examples = page.getByRole('form', { name: 'Thêm gương điển hình' });
  const title = `Một cửa hẹn giờ qua điện thoại ${randomInt(1_000_000)}`;
  await examples.getByLabel('Đơn vị').selectOption(String(hoaLu));
  await examples.getByLabel('Tiêu đề').fill(title);
  await examples.getByLabel('Kỳ').fill(`Năm ${year}`);
  await examples.getByLabel('Hiển thị trên trang công khai').check();
  await examples.getByRole('button', { name: 'Lưu gương điển hình' }).click();
  await expect(examples.getByText('Nhập nội dung giới thiệu gương điển hình: việc làm tốt, kết quả, cách làm.')).toBeVisible();
  expect(Number((await queryAll<{ n: number }>('select count(*) as n from good_examples where title = ?', [title]))[0]!.n)).toBe(0);
  await expect(examples.getByLabel('Tiêu đề')).toHaveValue(title);
  await examples.getByLabel('Nội dung').fill('Người dân đặt giờ qua điện thoại, không phải chờ.\nThời gian chờ giảm một nửa.');
  await examples.getByLabel('Hiển thị trên trang công khai').check();
  await examples.getByRole('button', { name: 'Lưu gương điển hình' }).click();
  await expect(examples.getByText('Đã lưu và đưa gương điển hình lên trang công khai.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.reload();
  const article = page.getByRole('article', { name: title });
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#2a6f97' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Máy ảnh', Copyright: 'GPS 20.25N 105.97E' } })
    .toBuffer();
  await article.getByLabel('Thêm ảnh (không bắt buộc)').setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: photo });
  await article.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await expect(page.getByText('Đã lưu ảnh của gương điển hình.')).toBeVisible();

  const visitor = await browser.newContext({ baseURL, locale: 'vi-VN' });
  const pub = await visitor.newPage();
  await pub.goto('/cong-khai');
  await expect(pub.getByRole('heading', { level: 2, name: `Kết quả ${periodLabel(yearPeriodKey(year))} và xếp loại` })).toBeVisible();
  await expect(pub.getByRole('columnheader', { name: 'Xếp loại' }).first()).toBeVisible();
  const shown = pub.getByRole('article', { name: title });
  await expect(shown).toContainText('Thời gian chờ giảm một nửa.');
  const img = shown.getByRole('img', { name: title });
  await expect(img).toBeVisible();
  const src = (await img.getAttribute('src'))!;
  const served = await pub.request.get(src);
  expect(served.headers()['content-type']).toBe('image/jpeg');
  expect((await sharp(await served.body()).metadata()).exif).toBeUndefined();
  await expectNoSeriousA11yViolations(pub);
  const yearPage = await pub.request.get(`/cong-khai/${year}/${CODES.centre}`);
  expect(await yearPage.text()).toContain('Xếp loại năm theo kết quả đánh giá đã chốt: Tốt');

  // Taken off the page: gone, photo included.
  await page.getByRole('form', { name: `Gỡ khỏi trang công khai: ${title}` }).getByRole('button').click();
  await expect(page.getByText('Đã gỡ gương điển hình khỏi trang công khai.')).toBeVisible();
  await pub.reload();
  await expect(pub.getByRole('article', { name: title })).toHaveCount(0);
  expect((await pub.request.get(src)).status()).toBe(404);
  await page.getByRole('form', { name: `Xoá gương điển hình: ${title}` }).getByRole('button').click();
  await expect(page.getByText('Đã xoá gương điển hình.')).toBeVisible();
  expect(await queryAll('select action from audit_log where entity_type = ? order by id', ['good_example'])).toEqual(
    ['good_example.create', 'good_example.photo', 'good_example.unpublish', 'good_example.delete'].map((action) => ({ action })),
  );
  await visitor.close();
});

test('on a platform of several provinces, each is chosen by ?tinh=, addresses of a period only one published stay as they were, and office pages need none', async ({ page }) => {
  // A second province with one office and its publications, written as the publishing path would have
  // frozen them (the screens cannot add a province); taken away at the end.
  const sql = await openSql(undefined, { write: true });
  const ours = (await sql.get<{ id: number; name: string }>('select id, name from units where parent_id is null order by id limit 1'))!;
  const officeCode = `TBC${randomInt(100_000, 999_999)}`;
  const now = Date.now();
  const created: { units: number[]; publications: number[] } = { units: [], publications: [] };
  const addUnit = async (parent: { id: number; path: string } | null, kind: string, name: string, code: string | null) => {
    const id = (await sql.value<number>(
      'insert into units (parent_id, path, kind, name, search_name, code, active, sort_order, created_at) values (?, ?, ?, ?, ?, ?, true, 0, ?) returning id',
      [parent?.id ?? null, 'tmp', kind, name, name.toLowerCase(), code, now],
    ))!;
    const path = `${parent?.path ?? '/'}${id}/`;
    await sql.run('update units set path = ? where id = ?', [path, id]);
    created.units.push(id);
    return { id, path };
  };
  const publish = async (provinceId: number, periodKey: string, figures: [number, string, string | null, number, number, number | null, number | null, number | null][]) => {
    const id = (await sql.value<number>("insert into publications (unit_id, kind, period_key, published_at) values (?, 'quarter', ?, ?) returning id", [provinceId, periodKey, now]))!;
    created.publications.push(id);
    for (const [unitId, name, code, n, satisfied, low, high, rank] of figures) {
      await sql.run(
        'insert into published_figures (publication_id, unit_id, name, code, respondents, satisfied, low_x10000, high_x10000, rank) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, unitId, name, code, n, satisfied, low, high, rank],
      );
    }
  };
  try {
    const other = await addUnit(null, 'province', 'Tỉnh Bên Cạnh', null);
    const office = await addUnit(other, 'office', 'Trung tâm Bên Cạnh', officeCode);
    const theirs = (): [number, string, string | null, number, number, number | null, number | null, number | null][] => [
      [other.id, 'Tỉnh Bên Cạnh', null, 40, 36, 7700, 9600, null],
      [office.id, 'Trung tâm Bên Cạnh', officeCode, 40, 36, 7700, 9600, 1],
    ];
    // 2020-Q1: both provinces; 2020-Q2: only the second.
    await publish(ours.id, '2020-Q1', [[ours.id, ours.name, null, 0, 0, null, null, null]]);
    await publish(other.id, '2020-Q1', theirs());
    await publish(other.id, '2020-Q2', theirs());

    // The overview asks which province, and each one's overview is its own.
    await page.goto('/cong-khai');
    await expect(page.getByText('Chọn tỉnh, thành phố để xem kết quả đã công bố:')).toBeVisible();
    await expect(page.getByRole('link', { name: ours.name, exact: true })).toHaveAttribute('href', `/cong-khai?tinh=${ours.id}`);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Tỉnh Bên Cạnh', exact: true }).click();
    await expect(page).toHaveURL(`/cong-khai?tinh=${other.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Tỉnh Bên Cạnh');
    await expect(page.getByRole('link', { name: 'Trung tâm Bên Cạnh' }).first()).toHaveAttribute('href', `/cong-khai/2020-Q2/${officeCode}`);
    await expect(page.getByRole('link', { name: 'Các tỉnh, thành phố khác' })).toHaveAttribute('href', '/cong-khai');

    // A period both published: the choice, then each province's page.
    await page.goto('/cong-khai/2020-Q1');
    await expect(page.getByText('Chọn tỉnh, thành phố để xem kết quả đã công bố:')).toBeVisible();
    await page.getByRole('link', { name: ours.name, exact: true }).click();
    await expect(page).toHaveURL(`/cong-khai/2020-Q1?tinh=${ours.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ours.name);
    await expect(page.getByText('Trung tâm Bên Cạnh')).toHaveCount(0);

    // A period only the second published keeps its address; its links carry the province.
    await page.goto('/cong-khai/2020-Q2');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Tỉnh Bên Cạnh');
    await expect(page.getByRole('link', { name: /CSV/ }).first()).toHaveAttribute('href', `/cong-khai/2020-Q2/du-lieu.csv?tinh=${other.id}`);

    // An office's page needs no province: its code names it.
    await page.goto(`/cong-khai/2020-Q1/${officeCode}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Trung tâm Bên Cạnh' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Tỉnh Bên Cạnh/ })).toHaveAttribute('href', `/cong-khai/2020-Q1?tinh=${other.id}`);

    // Open data: which province, in Vietnamese, when several published the period; each one's rows only.
    const ambiguous = await page.request.get('/cong-khai/2020-Q1/du-lieu.csv');
    expect(ambiguous.status()).toBe(404);
    expect(await ambiguous.text()).toContain(`thêm ?tinh=<mã> vào địa chỉ: `);
    const csv = await page.request.get(`/cong-khai/2020-Q1/du-lieu.csv?tinh=${other.id}`);
    expect(csv.status()).toBe(200);
    const rows = await csv.text();
    expect(rows).toContain(officeCode);
    expect(rows).not.toContain(CODES.centre);
    expect((await page.request.get(`/cong-khai/2020-Q1/du-lieu.json?tinh=${ours.id}`)).status()).toBe(200);
    expect((await page.request.get('/cong-khai?tinh=999999999')).status()).toBe(404);
  } finally {
    for (const id of created.publications) {
      await sql.run('delete from published_figures where publication_id = ?', [id]);
      await sql.run('delete from publications where id = ?', [id]);
    }
    for (const id of created.units.reverse()) await sql.run('delete from units where id = ?', [id]);
    await sql.close();
  }
});
