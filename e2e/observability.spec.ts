import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { E2E_ENGINE, type E2eDatabase } from '../playwright.config';
import { openSql } from './db';
import { ACCOUNTS, CODES, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, Q1, Q2, SurveyPage, test } from './fixtures';
import { newNetwork } from './network';

/**
 * Logs and metrics of a built server (docs/decisions/029-logs-and-metrics.md),
 * on a server of this spec's own (next start on E2E_PORT + 5, a fresh
 * database on the run's engine, METRICS_TOKEN set, no e-mail), whose standard
 * output the spec reads:
 * - the metrics endpoint refuses without the token and counts a stored rating;
 * - a rating with a comment and a phone number leaves neither in the log, and
 *   every line of its request carries the request id the proxy sent;
 * - the kiosks.unplugged job, run by an administrator, records a silent kiosk
 *   that the office head then sees on the staff home.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
const BASE = `http://localhost:${PORT}`;
const TOKEN = 'e2e-metrics-token-0123456789abcdef';
const DATA = 'e2e/.data-observability';
const DATABASE: E2eDatabase =
  E2E_ENGINE === 'pg'
    ? (() => {
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/hl_e2e_${PORT}_obs`;
        return { kind: 'pg', url: url.toString(), name: `hl_e2e_${PORT}_obs` } as const;
      })()
    : { kind: 'sqlite', path: `${DATA}/e2e.db` };

let server: ChildProcess;
let output = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  if (DATABASE.kind === 'pg') {
    const made = spawnSync(process.execPath, ['e2e/pg-database.mjs', DATABASE.name], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
  }
  server = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(PORT)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      HAILONG_MODE: 'test',
      SEED_RESPONSES: '50',
      PUBLIC_BASE_URL: BASE,
      TRUST_PROXY: '1',
      DATABASE_PATH: `${DATA}/e2e.db`,
      DATABASE_URL: DATABASE.kind === 'pg' ? DATABASE.url : '',
      METRICS_TOKEN: TOKEN,
      LOG_LEVEL: 'info',
      SMTP_URL: '',
      SMTP_HOST: '',
      MAIL_FROM: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const until = Date.now() + 100_000;
  for (;;) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until || server.exitCode !== null) throw new Error(`the observability server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
});

/** The JSON lines the server wrote so far (Next's own banner lines are not JSON). */
function logLines(): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function scrape(): Promise<string> {
  const res = await fetch(`${BASE}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** A sample's value, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const braces = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
    const have = braces ? braces.split(',') : [];
    if (wanted.every((w) => have.includes(w)) && (wanted.length > 0 || have.length === 0)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', extraHTTPHeaders: { 'x-forwarded-for': newNetwork() } });
  return context.newPage();
}

async function signInAs(page: Page, login: string) {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, login, password: DEMO_PASSWORD, json: 'true' } });
  expect(res.ok(), `sign in as ${login}`).toBe(true);
}

test('the metrics endpoint refuses without the token and counts a stored rating; the log keeps neither the phone number nor the comment, and one request id runs through the request', async ({ browser }) => {
  // Without the token, with another one, with another scheme: 401 and no figures.
  for (const authorization of [null, 'Bearer not-the-token-0123456789', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`]) {
    const res = await fetch(`${BASE}/api/metrics`, { headers: authorization ? { authorization } : {} });
    expect(res.status, String(authorization)).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(await res.text()).not.toContain('hailong_');
  }
  const before = await scrape();
  expect(sample(before, 'hailong_database_up')).toBe(1);
  // SQLite: the file and its WAL (a fresh database's pages may all still be in the WAL); PostgreSQL: pg_database_size.
  expect(sample(before, 'hailong_database_size_bytes') + sample(before, 'hailong_database_wal_size_bytes')).toBeGreaterThan(10_000);
  // The jobs' first tick comes a few seconds after start.
  await expect.poll(async () => sample(await scrape(), 'hailong_job_last_run_ok', { job: 'retention' }), { timeout: 20_000 }).toBe(1);
  const storedBefore = sample(before, 'hailong_ratings_total', { channel: 'qr', outcome: 'stored' });

  const phone = '0912 345 678';
  const comment = `Cán bộ quầy số ba hướng dẫn rất tận tình ${randomUUID().slice(0, 8)}`;
  const requestId = `e2e-${randomUUID()}`;
  const page = await newPage(browser);
  const survey = new SurveyPage(page);
  await page.goto(`/s/${CODES.centre}`);
  await survey.rate(Q1, 'Hài lòng');
  await survey.rate(Q2, 'Rất hài lòng');
  await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill(comment);
  await page.getByText('Tôi muốn được liên hệ lại').click();
  await page.getByRole('textbox', { name: 'Số điện thoại' }).fill(phone);
  await page.getByRole('checkbox', { name: /Tôi đồng ý/ }).check();
  // The reverse proxy's request id on the post, and only on it.
  await page.route('**/gui', (route) => route.continue({ headers: { ...route.request().headers(), 'x-request-id': requestId } }));
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/gui'));
  await survey.submit();
  expect((await posted).headers()['x-request-id']).toBe(requestId);
  await expect(page.getByRole('heading', { level: 1, name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
  await page.context().close();

  const after = await scrape();
  expect(sample(after, 'hailong_ratings_total', { channel: 'qr', outcome: 'stored' })).toBe(storedBefore + 1);
  // Requests by route pattern, never by raw URL.
  expect(sample(after, 'hailong_http_requests_total', { method: 'POST', route: '/s/[code]/gui' })).toBeGreaterThanOrEqual(1);
  expect(sample(after, 'hailong_http_requests_total', { method: 'GET', route: '/s/[code]' })).toBeGreaterThanOrEqual(1);
  expect(after).not.toContain(`/s/${CODES.centre}`);
  expect(sample(after, 'hailong_http_request_duration_seconds_count', { method: 'POST', route: '/s/[code]/gui' })).toBeGreaterThanOrEqual(1);

  // The log: JSON lines; the rating's request has at least its rating line and its access line, all with the proxy's id.
  // (Chromium keeps a header a route added on the redirect that follows, so the thank-you page's request carries the id too.)
  await expect.poll(() => logLines().filter((l) => l.reqId === requestId && l.msg === 'request' && l.route === '/s/[code]/gui').length).toBe(1);
  const ofRequest = logLines().filter((l) => l.reqId === requestId);
  expect(ofRequest).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ msg: 'survey: rating', outcome: 'created', channel: 'qr', withComment: true, withContact: true }),
      expect.objectContaining({ msg: 'request', method: 'POST', route: '/s/[code]/gui', status: 303, net: expect.stringMatching(/^[0-9a-f]{32}$/) }),
    ]),
  );
  // Every rating line belongs to a request.
  expect(logLines().filter((l) => l.msg === 'survey: rating' && typeof l.reqId !== 'string')).toEqual([]);
  // Nothing personal anywhere in what the server wrote: not the number in any spelling, not the comment, not the address.
  for (const secret of [phone, phone.replace(/ /g, ''), comment, comment.slice(0, 20)]) expect(output).not.toContain(secret);
  expect(output).not.toMatch(/198\.18\.\d+\.\d+/);
});

test('a request without an id, or with one that is not a sane token, gets a fresh one back', async () => {
  const plain = await fetch(`${BASE}/api/health`);
  expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const forged = await fetch(`${BASE}/tra-cuu`, { headers: { 'x-request-id': 'abc"} {"level":"fatal' } });
  expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const kept = await fetch(`${BASE}/tra-cuu`, { headers: { 'x-request-id': 'proxy-42.abc' } });
  expect(kept.headers.get('x-request-id')).toBe('proxy-42.abc');
});

test('the kiosks.unplugged job, run by an administrator, records a silent kiosk; the office head sees it on the staff home', async ({ browser }) => {
  const kioskName = `Kiosk sảnh (kiểm thử giám sát) ${randomInt(1000)}`;
  const db = await openSql(DATABASE, { write: true });
  try {
    const office = (await db.get<{ id: number }>('select id from units where code = ?', [CODES.centre]))!;
    // The centre open around the clock, a kiosk silent for two hours.
    const allDay = JSON.stringify(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']])));
    await db.run('update units set opening_hours = ? where id = ?', [allDay, office.id]);
    const twoHoursAgo = Date.now() - 2 * 3600_000;
    await db.run(
      'insert into kiosks (unit_id, name, credential_hash, paired_at, first_paired_at, last_seen_at, idle_seconds, created_at) values (?, ?, ?, ?, ?, ?, 30, ?)',
      [office.id, kioskName, `e2e-observability-${randomUUID()}`, twoHoursAgo - 86_400_000, twoHoursAgo - 86_400_000, twoHoursAgo, twoHoursAgo - 86_400_000],
    );

    const admin = await newPage(browser);
    await signInAs(admin, ACCOUNTS.admin);
    await admin.goto('/quan-tri/he-thong');
    const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: /^Ghi nhận kiosk có vẻ đã tắt/ }) });
    await expect(row.getByRole('cell').nth(0)).toHaveText('Mỗi 10 phút');
    await row.getByRole('button', { name: 'Chạy ngay' }).click();
    await expect(row.getByRole('status')).toContainText(/^Đã chạy xong trong /, { timeout: 30_000 });
    await admin.reload();
    await expect(row.getByRole('cell').nth(2)).toHaveText(/^Thành công: \d+ kiosk đang mất liên lạc trong giờ làm việc.*Chưa cấu hình e-mail/);
    await expectNoSeriousA11yViolations(admin);
    await admin.context().close();

    const detected = await db.get<{ detectedAt: number }>(
      'select o.detected_at as "detectedAt" from kiosk_outages o join kiosks k on k.id = o.kiosk_id where k.name = ? and o.ended_at is null',
      [kioskName],
    );
    expect(detected).toBeTruthy();

    const head = await newPage(browser);
    await signInAs(head, ACCOUNTS.headCentre);
    await head.goto('/tong-quan');
    const item = head.getByRole('region', { name: /^Kiosk có vẻ đã tắt/ }).getByRole('listitem').filter({ hasText: kioskName });
    const at = new Date(Number(detected!.detectedAt));
    const shown = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' }).format(at);
    await expect(item).toContainText('Hệ thống ghi nhận mất liên lạc lúc');
    await expect(item.locator(`time[datetime="${at.toISOString()}"]`)).toContainText(shown);
    await expectNoSeriousA11yViolations(head);
    await head.context().close();

    // And Prometheus sees it.
    expect(sample(await scrape(), 'hailong_kiosk_outages_open')).toBeGreaterThanOrEqual(1);
  } finally {
    await db.run('delete from kiosk_outages where kiosk_id in (select id from kiosks where name = ?)', [kioskName]);
    await db.run('delete from kiosks where name = ?', [kioskName]);
    await db.close();
  }
});

test.afterAll(() => {
  // Keep the server's output of a failed run for the report.
  if (output) fs.writeFileSync(path.join(DATA, 'server-output.log'), output);
});
