/**
 * Time for a kiosk tablet to deliver 5,000 queued ratings after its network
 * comes back. Chromium at 1280×800, paired through the pairing screen, then
 * offline (`context.setOffline`); the ratings are put straight into the app's
 * IndexedDB queue (same store and shape as a tap writes: UUID, tap times 15 s
 * apart going back from now so the burst rule stays quiet), the page is
 * reloaded offline so the app counts them, and the network is switched back
 * on. Timed from `setOffline(false)` until the server's database holds all of
 * them (polled every 50 ms, read-only) and until the tablet's status mark says
 * the queue is empty.
 *
 *   npm run build && npx tsx bench/kiosk/sync.ts --ratings 5000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installCleanupHandlers, RESULTS_DIR, stopProcess, timestamp } from '../lib/processes';
import { printTable } from '../lib/table';
import { countResponses, launchTablet, startAppWithKiosk } from './tablet';

const { values: flags } = parseArgs({ options: { ratings: { type: 'string', default: '5000' }, timeout: { type: 'string', default: '120' } } });
const N = Number(flags.ratings);
const TIMEOUT_S = Number(flags.timeout);
if (!(N >= 1 && N <= 50_000) || !(TIMEOUT_S > 0)) throw new Error('--ratings 1–50000, --timeout seconds');

async function main() {
  installCleanupHandlers();
  const stamp = timestamp();
  const bench = await startAppWithKiosk('kiosk-sync', stamp);
  const { browser, context, page } = await launchTablet(bench.base);
  try {
    console.log(`kiosk sync: Chromium ${browser.version()}, ${N.toLocaleString('en-US')} queued ratings, app at ${bench.base}`);
    await page.locator('html[data-kiosk-offline="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    // Let the start-up heartbeat finish, then cut the network.
    await page.getByRole('status', { name: /đã gửi hết/ }).waitFor();
    await context.setOffline(true);
    await page.evaluate(
      async ({ n, kioskId }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('hai-long-kiosk');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const now = Date.now();
        const tx = db.transaction('ratings', 'readwrite');
        const store = tx.objectStore('ratings');
        for (let i = 0; i < n; i++) {
          const score = [5, 4, 5, 3, 1][i % 5]!;
          store.put({ clientId: crypto.randomUUID(), tappedAt: now - (n - i) * 15_000, score, reasons: score <= 3 ? ['waiting'] : [], comment: null, lang: 'vi', kioskId, ready: true });
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { n: N, kioskId: bench.kioskId },
    );
    await page.reload();
    await page.getByRole('status', { name: new RegExp(`Đang ngoại tuyến · ${N.toLocaleString('vi-VN').replace('.', '\\.')} chờ gửi`) }).waitFor();
    const before = countResponses(bench.dbPath, bench.kioskId);

    const t0 = performance.now();
    await context.setOffline(false);
    let stored = before;
    const deadline = t0 + TIMEOUT_S * 1000;
    while (stored < before + N && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      stored = countResponses(bench.dbPath, bench.kioskId);
    }
    const tStored = performance.now() - t0;
    await page.getByRole('status', { name: /đã gửi hết/ }).waitFor({ timeout: Math.max(1, deadline - performance.now()) });
    const tEmpty = performance.now() - t0;
    const delivered = stored - before;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    printTable('kiosk sync after reconnecting', ['queued', 'stored', 'until all stored', 'until the tablet shows empty', 'ratings / s'], [
      [N, delivered, s(tStored), s(tEmpty), Math.round(delivered / (tStored / 1000))],
    ]);
    const file = path.join(RESULTS_DIR, `kiosk-sync-${stamp}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        { at: new Date().toISOString(), build: bench.build, machine: { cpus: os.cpus().length, node: process.version, chromium: browser.version() }, queued: N, delivered, msUntilStored: tStored, msUntilEmpty: tEmpty },
        null,
        2,
      ),
    );
    console.log(`results: ${path.relative(process.cwd(), file)}`);
    if (delivered !== N) process.exitCode = 1;
  } finally {
    await browser.close();
    await stopProcess(bench.app);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
