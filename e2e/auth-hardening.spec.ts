import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import type { Page } from '@playwright/test';
import { DIRECT_DATABASE, DIRECT_URL, E2E_DB } from '../playwright.config';
import { openSql, queryAll, queryOne } from './db';
import { ACCOUNTS, DEMO_PASSWORD, expect, signInAs, test } from './fixtures';
import { newNetwork } from './network';

const SESSION_COOKIE = 'next-auth.session-token';

async function fillSignIn(page: Page, login: string, password: string) {
  await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(login);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test.describe('the destination after sign-in stays on this site', () => {
  // Each value is written into the query string as is (so `%5C` reaches the page as `\`).
  const VARIANTS = [
    '/%5Cevil.example/phish',
    '/%5cEvil.Example/phish',
    '/%09/evil.example',
    '/%0A/evil.example',
    '%2F%2Fevil.example',
    '%2F%5Cevil.example',
    '//evil.example',
    '/%2F%2Fevil.example',
    encodeURIComponent('https://evil.example/phish'),
    encodeURIComponent('HTTPS://evil.example/phish'),
    'http:evil.example',
    encodeURIComponent('javascript:alert(document.domain)'),
    '/tong-quan%0D%0ALocation:%20https://evil.example',
  ];
  for (const variant of VARIANTS) {
    test(`callbackUrl=${variant} ends on /tong-quan of this site`, async ({ page, baseURL }) => {
      const res = await page.goto(`/login?callbackUrl=${variant}`);
      expect(res?.status()).toBe(200);
      await fillSignIn(page, ACCOUNTS.supervisor, DEMO_PASSWORD);
      await expect(page).toHaveURL(`${baseURL}/tong-quan`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
      // Signed in, the login page itself redirects to the destination: the same rule, and never a 500.
      const again = await page.request.get(`/login?callbackUrl=${variant}`, { maxRedirects: 0 });
      expect(again.status()).toBe(307);
      expect(again.headers().location).toBe('/tong-quan');
    });
  }

  test('a path of this site is kept, query and all', async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent('/gop-y?trang=1')}`);
    await fillSignIn(page, ACCOUNTS.supervisor, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${baseURL}/gop-y?trang=1`);
  });

  test('next-auth’s own answer names only this site', async ({ page, baseURL }) => {
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await page.request.post('/api/auth/callback/credentials', {
      form: { csrfToken, login: ACCOUNTS.supervisor, password: DEMO_PASSWORD, json: 'true', callbackUrl: '/\\evil.example/phish' },
    });
    expect(((await res.json()) as { url: string }).url).toBe(`${baseURL}/tong-quan`);
  });
});

test.describe('forged X-Forwarded-For on a server without a trusted proxy', () => {
  test('21 wrong passwords, each with another forged address, lock the network; the stored network is the same', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: DIRECT_URL });
    const page = await context.newPage();
    const prefix = `xoay-${Date.now()}`;
    // All through the browser, so every attempt comes from the same socket address (::1 or 127.0.0.1).
    await page.goto('/login');
    for (let i = 0; i < 20; i++) {
      // A new login each time, so only the network rule can stop these.
      await page.setExtraHTTPHeaders({ 'x-forwarded-for': newNetwork() });
      await fillSignIn(page, `${prefix}-${i}`, 'sai-mat-khau');
      await expect(page.getByRole('main').getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': newNetwork() });
    await fillSignIn(page, `${prefix}-last`, 'sai-mat-khau');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Có quá nhiều lần đăng nhập sai từ mạng này. Vui lòng thử lại sau 15 phút.');
    await context.close();

    const db = await openSql(DIRECT_DATABASE);
    try {
      const hashes = await db.all<{ h: string | null }>('select distinct network_hash as h from sign_in_attempts where account_key like ?', [`login:${prefix}-%`]);
      expect(hashes).toHaveLength(1);
      expect(hashes[0]!.h).toMatch(/^[0-9a-f]{32}$/);
      const audit = await db.all<{ count: number }>("select count from audit_log where action = 'auth.sign_in_failed' and network_hash = ?", [hashes[0]!.h]);
      expect(audit.length).toBeGreaterThanOrEqual(1);
      expect(audit.reduce((n, r) => n + r.count, 0)).toBeGreaterThanOrEqual(20);
    } finally {
      await db.close();
    }
  });

  test('behind the trusted proxy, a client writing 127.0.0.1 in front of its address does not lock out someone else', async ({ browser }) => {
    // The proxy appends the address it saw; the app trusts only that last hop (TRUST_PROXY=1).
    const attacker = newNetwork();
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': `127.0.0.1, ${attacker}` } });
    const page = await context.newPage();
    for (let i = 0; i < 20; i++) {
      const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
      await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, login: `gia-${Date.now()}-${i}`, password: 'sai', json: 'true' } });
    }
    await page.goto('/login');
    await fillSignIn(page, `gia-${Date.now()}`, 'sai');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('từ mạng này');
    await context.close();

    const victim = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newNetwork() } });
    const theirs = await victim.newPage();
    await theirs.goto('/login');
    await fillSignIn(theirs, ACCOUNTS.assessor, DEMO_PASSWORD);
    await expect(theirs.getByRole('heading', { level: 1 })).toContainText('Xin chào');
    await victim.close();
  });
});

test.describe('signing out ends the session on the server', () => {
  test('a cookie saved before signing out no longer opens /tong-quan', async ({ page, context, browser, baseURL }) => {
    await page.goto('/login');
    await fillSignIn(page, ACCOUNTS.headCentre, DEMO_PASSWORD);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
    const saved = await context.storageState();
    expect(saved.cookies.some((c) => c.name === SESSION_COOKIE)).toBe(true);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login/);

    const replay = await browser.newContext({ storageState: saved, baseURL });
    const stolen = await replay.newPage();
    await stolen.goto('/tong-quan');
    await expect(stolen).toHaveURL(/\/login/);
    await replay.close();

    const { id: userId } = await queryOne<{ id: number }>('select id from users where username = ?', [ACCOUNTS.headCentre]);
    const [last] = await queryAll('select action, actor_id as "actorId" from audit_log where entity_type = \'user\' and entity_id = ? order by id desc limit 1', [String(userId)]);
    expect(last).toEqual({ action: 'auth.sign_out', actorId: userId });
  });
});

test.describe('throttling the account, not what was typed', () => {
  test('3 wrong passwords with the username and 2 with the e-mail lock the account', async ({ page, browser, baseURL }) => {
    const username = `khoa.${Date.now()}`;
    const email = `${username}@ninhbinh.gov.vn`;
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/quan-tri/nguoi-dung/moi');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Họ và tên').fill('Hà Văn Khoá');
    await page.getByLabel('E-mail (không bắt buộc)').fill(email);
    await page.getByLabel('Vai trò').selectOption({ label: 'Giám sát' });
    await page.getByLabel('Tổ chức giám sát').selectOption({ label: 'Ủy ban MTTQ tỉnh' });
    await page.getByLabel('Đơn vị phạm vi').selectOption({ label: 'Tỉnh Ninh Bình' });
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const otp = (await page.locator('.otp-value').innerText()).trim();

    // Every attempt from another network, so only the account rule can stop them.
    const context = await browser.newContext({ baseURL });
    const them = await context.newPage();
    await them.goto('/login');
    const attempts = [username, username, username, email, email];
    for (const [i, login] of attempts.entries()) {
      await them.setExtraHTTPHeaders({ 'x-forwarded-for': newNetwork() });
      await fillSignIn(them, login, `sai-${i}-mat-khau`);
      await expect(them.getByRole('main').getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await them.setExtraHTTPHeaders({ 'x-forwarded-for': newNetwork() });
    await fillSignIn(them, username, otp);
    await expect(them.getByRole('main').getByRole('alert')).toContainText('vừa đăng nhập sai nhiều lần');
    await context.close();
  });
});

test.describe('no published session secret', () => {
  // The value lib/env.ts used as its default before every installation made its own.
  const OLD_PUBLISHED_SECRET = 'hai-long-development-secret-not-for-production';

  async function forgedAdminCookie(secret: string) {
    const { id: adminId } = await queryOne<{ id: number }>('select id from users where username = ?', [ACCOUNTS.admin]);
    return encode({ token: { sub: String(adminId), uid: adminId, sv: 1 }, secret, maxAge: 3600 });
  }

  test('a token forged with the old published secret does not open an administrator page', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: SESSION_COOKIE, value: await forgedAdminCookie(OLD_PUBLISHED_SECRET), url: baseURL! }]);
    await page.goto('/quan-tri/nguoi-dung');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the installation made its own secrets beside its database, readable only by its owner', async ({ page, context, baseURL }) => {
    const file = path.join(path.dirname(E2E_DB), 'hai-long-secrets.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { AUTH_SECRET } = JSON.parse(fs.readFileSync(file, 'utf8')) as { AUTH_SECRET: string };
    expect(AUTH_SECRET).not.toBe(OLD_PUBLISHED_SECRET);
    // Even signed with the real secret, a token that names no sign-in session opens nothing.
    await context.addCookies([{ name: SESSION_COOKIE, value: await forgedAdminCookie(AUTH_SECRET), url: baseURL! }]);
    await page.goto('/quan-tri/nguoi-dung');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('redirects of route handlers', () => {
  test('a signed-out download of the evaluation results goes to /login on the host the visitor used', async ({ request, baseURL }) => {
    const variants: Record<string, string>[] = [{}, { host: 'hailong.example.gov.vn' }, { host: 'hailong.example.gov.vn', 'x-forwarded-host': 'hailong.example.gov.vn', 'x-forwarded-proto': 'https' }];
    for (const headers of variants) {
      const res = await request.get('/danh-gia/1/ket-qua.xlsx', { headers, maxRedirects: 0 });
      expect(res.status()).toBe(303);
      const location = res.headers().location!;
      expect(location).not.toMatch(/localhost|127\.0\.0\.1/);
      expect(new URL(location, 'https://hailong.example.gov.vn').pathname).toBe('/login');
    }
    expect(baseURL).toMatch(/localhost/);
  });
});
