import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { healthOf, newNetwork, NOTHING_TO_FIX, postRating, checkRollups, SERVERS, serverAt, storedCounts, surveyForm } from './servers';

/**
 * PostgreSQL stopped and started again while citizens rate through both app
 * servers: requests in flight get the 503 "try again" answer (never a 500),
 * /api/health says 503 while the database is down and 200 after, the pools
 * reconnect by themselves, and every rating a citizen was told was stored (303
 * to the thank-you page) is in the database. It needs a PostgreSQL of its own
 * to stop: TEST_PG_CTL from scripts/with-test-postgres.ts, which a shared
 * server (TEST_DATABASE_URL given) does not have — then it fails, it does not skip.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('PostgreSQL restarted under load: no 500, health 503 then 200, every acknowledged rating stored', async () => {
  test.setTimeout(240_000);
  const ctl = process.env.TEST_PG_CTL;
  if (!ctl) throw new Error('TEST_PG_CTL is not set: run the pg e2e suite under `tsx scripts/with-test-postgres.ts` without TEST_DATABASE_URL, so it has a PostgreSQL of its own to stop');

  const statuses = new Map<number, number>();
  const acknowledged: string[] = [];
  let phase: 'before' | 'down' | 'after' = 'before';
  const acknowledgedAfter = { n: 0 };
  let running = true;
  const worker = async (w: number) => {
    for (let i = 0; running; i++) {
      const id = randomUUID();
      // Each post from its own address and without a device: no abuse limit applies, only the database.
      const r = await postRating(serverAt(w + i), surveyForm(id), { network: newNetwork() });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 303) {
        acknowledged.push(id);
        if (phase === 'after') acknowledgedAfter.n++;
      }
      if (r.status !== 303) await sleep(50);
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));

  let stopped = false;
  try {
    await sleep(3000);
    execSync(`${ctl} stop`, { stdio: 'pipe' });
    stopped = true;
    phase = 'down';
    for (const server of SERVERS) await expect.poll(() => healthOf(server), { timeout: 20_000, message: `${server} health while down` }).toBe(503);
    await sleep(2000);
    execSync(`${ctl} start`, { stdio: 'pipe' });
    stopped = false;
    for (const server of SERVERS) await expect.poll(() => healthOf(server), { timeout: 60_000, message: `${server} health after restart` }).toBe(200);
    phase = 'after';
    await sleep(4000);
  } finally {
    if (stopped) execSync(`${ctl} start`, { stdio: 'pipe' });
    running = false;
    await Promise.all(workers);
  }

  const seen = Object.fromEntries(statuses);
  // Stored (303) or "busy, send again" (503); no 500, no connection dropped by the app server (0).
  expect(Object.keys(seen).filter((s) => s !== '303' && s !== '503'), JSON.stringify(seen)).toEqual([]);
  expect(seen[503], 'ratings answered while PostgreSQL was down').toBeGreaterThan(0);
  expect(acknowledgedAfter.n, 'ratings stored after the restart (the pools reconnected)').toBeGreaterThan(0);

  const counts = await storedCounts(acknowledged);
  expect(acknowledged.filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect(checkRollups()).toContain(NOTHING_TO_FIX);
});
