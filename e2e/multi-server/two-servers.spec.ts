import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD } from '../fixtures';
import {
  newClient,
  newDevice,
  newNetwork,
  NOTHING_TO_FIX,
  openMultiDb,
  postRating,
  checkRollups,
  SERVER_A,
  SERVER_B,
  SERVERS,
  serverAt,
  signInAttempt,
  storedCounts,
  submissionIdOf,
  surveyForm,
} from './servers';

/**
 * The guarantees SQLite gets from its single writer, with two app servers
 * counting at once on one PostgreSQL database (docs/abuse-rules.md,
 * docs/security.md): a rating stored once by its submission id, the abuse
 * limits and the sign-in throttle counted across servers, a kiosk and a
 * session valid on both, and rollups that still match the raw rows.
 */
test.describe.configure({ mode: 'serial' });

const other = (server: string) => (server === SERVER_A ? SERVER_B : SERVER_A);

test('100 concurrent citizens, each form sent three times through both servers: every rating stored exactly once', async () => {
  test.setTimeout(120_000);
  const clients = Array.from({ length: 100 }, (_, i) => ({ body: surveyForm(randomUUID(), 1 + (i % 5)), network: newNetwork(), device: newDevice(), home: serverAt(i) }));
  // A double tap and retries through the proxy, all at once: the same form to its server and again, and to the other
  // server from another network without the device cookie (the phone moved to mobile data), so that no device or
  // network lock puts the copies in a queue and only the submission id's uniqueness can keep them one.
  const posts = clients.flatMap((c) => [
    { c, server: c.home, from: { network: c.network, device: c.device } },
    { c, server: other(c.home), from: { network: newNetwork() } },
    { c, server: c.home, from: { network: c.network, device: c.device } },
  ]);
  const results = await Promise.all(posts.map(({ c, server, from }) => postRating(server, c.body, from)));

  expect(results.filter((r) => r.status !== 303).map((r) => `${r.status} ${r.error ?? ''}`)).toEqual([]);
  // Every answer to one form names the same stored rating (the same thank-you page).
  for (const c of clients) {
    const locations = new Set(results.filter((_, i) => posts[i]!.c === c).map((r) => r.location));
    expect(locations.size, submissionIdOf(c.body)).toBe(1);
  }
  const ids = clients.map((c) => submissionIdOf(c.body));
  const counts = await storedCounts(ids);
  expect(counts.size).toBe(100);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  const db = await openMultiDb();
  try {
    const answers = await db.value<number>(
      `select count(*) from answers a join responses r on r.id = a.response_id where r.client_id in (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    expect(answers).toBe(200);
  } finally {
    await db.close();
  }
});

test('the device limit is counted across both servers: of 10 concurrent ratings from one phone, 6 are stored', async () => {
  const device = newDevice();
  // Each from its own address, so only the device rule can refuse.
  const bodies = Array.from({ length: 10 }, () => surveyForm());
  const results = await Promise.all(bodies.map((body, i) => postRating(serverAt(i), body, { network: newNetwork(), device })));
  expect(results.map((r) => r.status).sort()).toEqual([...Array(6).fill(303), ...Array(4).fill(429)]);
  const counts = await storedCounts(bodies.map(submissionIdOf));
  expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(6);
});

test('the network limit is counted across both servers: of 126 concurrent ratings from one address, 120 are stored', async () => {
  test.setTimeout(90_000);
  const network = newNetwork();
  // No device cookie (a browser without cookies): only the network rule applies.
  const bodies = Array.from({ length: 126 }, () => surveyForm());
  const results = await Promise.all(bodies.map((body, i) => postRating(serverAt(i), body, { network })));
  expect(results.map((r) => r.status).sort()).toEqual([...Array(120).fill(303), ...Array(6).fill(429)]);
  const counts = await storedCounts(bodies.map(submissionIdOf));
  expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(120);
});

test('the sign-in throttle is counted across both servers, also when the attempts arrive at once', async () => {
  test.setTimeout(90_000);
  // The account (5 failures, lib/auth/throttle.ts): 8 wrong passwords at once, half on each server, each from another
  // network. Each attempt is counted before its password is checked, so exactly 5 are checked and 3 refused.
  const account = await Promise.all(Array.from({ length: 8 }, (_, i) => signInAttempt(serverAt(i), ACCOUNTS.supervisor, `sai-mat-khau-${i}`, newNetwork())));
  expect(account.sort()).toEqual([...Array(5).fill('invalid'), ...Array(3).fill('throttled_account')]);
  // Then even the right password is refused, on either server.
  for (const server of SERVERS) expect(await signInAttempt(server, ACCOUNTS.supervisor, DEMO_PASSWORD, newNetwork())).toBe('throttled_account');

  // The network (20 failures): 26 unknown logins at once from one address, half on each server: 20 checked, 6 refused;
  // then a real account from that address is refused on both servers, and signs in from another network.
  const network = newNetwork();
  const stamp = Date.now();
  const burst = await Promise.all(Array.from({ length: 26 }, (_, i) => signInAttempt(serverAt(i), `khong-co-${stamp}-${i}`, 'sai', network)));
  expect(burst.sort()).toEqual([...Array(20).fill('invalid'), ...Array(6).fill('throttled_network')]);
  for (const server of SERVERS) expect(await signInAttempt(server, ACCOUNTS.assessor, DEMO_PASSWORD, network)).toBe('throttled_network');
  expect(await signInAttempt(SERVER_B, ACCOUNTS.assessor, DEMO_PASSWORD, newNetwork())).toBeNull();
});

/** Signs the page's browser context in through one server's next-auth endpoints. */
async function signInOn(page: Page, server: string, login: string) {
  const { csrfToken } = (await (await page.request.get(`${server}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await page.request.post(`${server}/api/auth/callback/credentials`, { form: { csrfToken, login, password: DEMO_PASSWORD, json: 'true' } });
  expect(res.ok(), `sign in as ${login} on ${server}`).toBe(true);
}

test('a session started on one server is valid on the other; a kiosk paired through one syncs through the other', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': newNetwork() });
  await signInOn(page, SERVER_A, ACCOUNTS.headCentre);
  await page.goto(`${SERVER_B}/quan-tri/kiosk`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kiosk đánh giá' })).toBeVisible();

  const createKiosk = async (name: string) => {
    const form = page.getByRole('region', { name: 'Tạo kiosk mới' });
    await form.getByLabel('Đơn vị đặt kiosk').selectOption({ index: 1 });
    await form.getByLabel('Tên kiosk').fill(name);
    await form.getByRole('button', { name: 'Tạo kiosk và lấy mã ghép nối' }).click();
    return (await page.getByRole('region', { name: `Mã ghép nối cho “${name}”` }).getByText(/^[23456789A-Z]{4} [23456789A-Z]{4}$/).textContent())!;
  };
  const code = await createKiosk(`Kiosk hai máy chủ ${Date.now()}`);

  // Paired through A (made on B); its credential then works on B.
  const tablet = await newClient(SERVER_A);
  try {
    const paired = await tablet.post('/api/kiosk/pair', { data: { code } });
    expect(paired.status()).toBe(200);
    const { kiosk } = (await paired.json()) as { kiosk: { id: number } };
    // The code was single use, on the other server too.
    const again = await newClient(SERVER_B);
    expect((await again.post('/api/kiosk/pair', { data: { code } })).status()).toBe(400);
    await again.dispose();

    expect((await tablet.get(`${SERVER_B}/api/kiosk/config`)).status()).toBe(200);
    const items = [0, 1, 2].map((i) => ({ clientId: randomUUID(), tappedAt: Date.now() - 60_000 + i * 15_000, score: 5 - i, reasons: [], comment: null, lang: 'vi' }));
    const batch = await tablet.post(`${SERVER_B}/api/kiosk/batch`, { data: { appVersion: 'e2e-multi', queued: 3, items } });
    expect(batch.status()).toBe(200);
    expect(((await batch.json()) as { stored: string[] }).stored.sort()).toEqual(items.map((i) => i.clientId).sort());
    // The same batch through A: nothing stored twice.
    const repeat = await tablet.post(`${SERVER_A}/api/kiosk/batch`, { data: { appVersion: 'e2e-multi', queued: 3, items } });
    expect(repeat.status()).toBe(200);
    expect(((await repeat.json()) as { duplicates: string[] }).duplicates.sort()).toEqual(items.map((i) => i.clientId).sort());

    const db = await openMultiDb();
    try {
      expect(await db.value<number>('select count(*) from responses where kiosk_id = ?', [kiosk.id])).toBe(3);
    } finally {
      await db.close();
    }
  } finally {
    await tablet.dispose();
  }

  // A pairing code is single use even when four tablets type it at once, two on each server: one of them gets the kiosk.
  await page.goto(`${SERVER_A}/quan-tri/kiosk`);
  const contested = await createKiosk(`Kiosk tranh mã ${Date.now()}`);
  const tablets = await Promise.all([0, 1, 2, 3].map((i) => newClient(serverAt(i))));
  try {
    const answers = await Promise.all(tablets.map((t) => t.post('/api/kiosk/pair', { data: { code: contested } })));
    expect(answers.map((a) => a.status()).sort()).toEqual([200, 400, 400, 400]);
  } finally {
    await Promise.all(tablets.map((t) => t.dispose()));
  }
});

test('after the load, rollups:rebuild --check finds nothing to fix', () => {
  test.setTimeout(150_000);
  expect(checkRollups()).toContain(NOTHING_TO_FIX);
});
