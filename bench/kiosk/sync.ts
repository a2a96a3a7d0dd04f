/**
 * Time for a kiosk tablet to deliver 5,000 queued ratings after its network
 * comes back. Chromium at 1280×800, paired through the pairing screen, then
 * offline (`context.setOffline`); the ratings are put straight into the app's
 * IndexedDB queue (same store and shape as a tap writes: UUID, tap times 15 s
 * apart going back from now so the burst rule stays quiet), the page is
 * reloaded offline so the app counts them, and the network is switched back
 * on. Timed from `setOffline(false)` until the server's database holds all of
 * them (polled every 50 ms through the benchmark's own connection) and until the
 * tablet's status mark says the queue is empty. On SQLite, PostgreSQL or
 * both in one run (`--engine`, bench/lib/engines.ts).
 *
 *   npm run build && npx tsx bench/kiosk/sync.ts --ratings 5000 [--engine sqlite|pg|both]
 */
import { parseArgs } from 'node:util';
import { engineLabel, onEachEngine, parseEngines, type BenchDb } from '../lib/engines';
import { beginRun, stopProcess, writeResults, type BenchRun } from '../lib/processes';
import { printTable } from '../lib/table';
import { countResponses, launchTablet, startAppWithKiosk } from './tablet';

const { values: flags } = parseArgs({
  options: { ratings: { type: 'string', default: '5000' }, timeout: { type: 'string', default: '120' }, engine: { type: 'string', default: 'sqlite' } },
});
const N = Number(flags.ratings);
const TIMEOUT_S = Number(flags.timeout);
const ENGINES = parseEngines(flags.engine);
if (!(N >= 1 && N <= 50_000) || !(TIMEOUT_S > 0)) throw new Error('--ratings 1–50000, --timeout seconds');

async function measure(db: BenchDb, { work, stamp }: BenchRun) {
  const bench = await startAppWithKiosk('kiosk-sync', stamp, db, work);
  try {
    const { browser, context, page } = await launchTablet(bench.base);
    try {
      console.log(`kiosk sync on ${engineLabel(db.engine)}: Chromium ${browser.version()}, ${N.toLocaleString('en-US')} queued ratings, app at ${bench.base}`);
      await page.locator('html[data-kiosk-offline="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
      // Let the start-up heartbeat finish, then cut the network.
      await page.getByRole('status', { name: /đã gửi hết/ }).waitFor();
      await context.setOffline(true);
      await page.evaluate(
        async ({ n, kioskId }) => {
          const idb = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('hai-long-kiosk');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const now = Date.now();
          const tx = idb.transaction('ratings', 'readwrite');
          const store = tx.objectStore('ratings');
          for (let i = 0; i < n; i++) {
            const score = [5, 4, 5, 3, 1][i % 5]!;
            store.put({ clientId: crypto.randomUUID(), tappedAt: now - (n - i) * 15_000, score, reasons: score <= 3 ? ['waiting'] : [], comment: null, lang: 'vi', kioskId, ready: true });
          }
          await new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          idb.close();
        },
        { n: N, kioskId: bench.kioskId },
      );
      await page.reload();
      await page.getByRole('status', { name: new RegExp(`Đang ngoại tuyến · ${N.toLocaleString('vi-VN').replace('.', '\\.')} chờ gửi`) }).waitFor();
      const before = await countResponses(db, bench.kioskId);

      const t0 = performance.now();
      await context.setOffline(false);
      let stored = before;
      const deadline = t0 + TIMEOUT_S * 1000;
      while (stored < before + N && performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        stored = await countResponses(db, bench.kioskId);
      }
      const msUntilStored = performance.now() - t0;
      // A few seconds more even after the deadline: a tablet whose ratings the server refused (answered as rejected)
      // shows empty too, and the table then says how many were stored.
      await page.getByRole('status', { name: /đã gửi hết/ }).waitFor({ timeout: Math.max(5_000, deadline - performance.now()) });
      const msUntilEmpty = performance.now() - t0;
      return { queued: N, delivered: stored - before, msUntilStored, msUntilEmpty, chromium: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    await stopProcess(bench.app);
  }
}

async function main() {
  const run = beginRun('kiosk-sync');
  const runs = await onEachEngine(ENGINES, 'kiosk_sync', run.work, (db) => measure(db, run));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  printTable(
    'kiosk sync after reconnecting',
    ['engine', 'queued', 'stored', 'until all stored', 'until the tablet shows empty', 'ratings / s'],
    runs.map((r) => [engineLabel(r.engine), r.queued, r.delivered, s(r.msUntilStored), s(r.msUntilEmpty), Math.round(r.delivered / (r.msUntilStored / 1000))]),
  );
  console.log(`results: ${writeResults('kiosk-sync', run.stamp, run.build, { chromium: runs[0]?.chromium, engines: runs })}`);
  if (runs.some((r) => r.delivered !== N)) {
    console.error('not every queued rating was stored: refused by the server (lib/kiosk/batch.ts) or not sent within --timeout');
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
