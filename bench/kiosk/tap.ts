/**
 * Tap → thanks on the kiosk tablet, measured by the app itself: the
 * `kiosk:tap-to-thanks` performance measure runs from the face's click
 * handler (after which the rating is written to IndexedDB) to the first
 * animation frame of the thanks screen. A second figure starts at the
 * pointerdown (input → thanks frame). Chromium at 1280×800 on the production
 * build; each tap follows a reload (the 4 s cooldown and 5 s thanks screen
 * would otherwise dominate the run), so every tap is the first after a start:
 * a pessimistic figure. `--cpu 1,4` repeats it with the CPU slowed 4× (a
 * low-end tablet) through the DevTools protocol.
 *
 *   npm run build && npx tsx bench/kiosk/tap.ts --taps 100 --cpu 1,4
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installCleanupHandlers, RESULTS_DIR, stopProcess, timestamp } from '../lib/processes';
import { printTable } from '../lib/table';
import { countResponses, launchTablet, percentile, startAppWithKiosk } from './tablet';

const { values: flags } = parseArgs({ options: { taps: { type: 'string', default: '100' }, cpu: { type: 'string', default: '1,4' } } });
const TAPS = Number(flags.taps);
const RATES = flags.cpu.split(',').map(Number);
if (!(TAPS >= 1 && TAPS <= 1000) || RATES.some((r) => !(r >= 1 && r <= 20))) throw new Error('--taps 1–1000, --cpu rates 1–20');

async function main() {
  installCleanupHandlers();
  const stamp = timestamp();
  const bench = await startAppWithKiosk('kiosk-tap', stamp);
  const { browser, context, page } = await launchTablet(bench.base);
  const cdp = await context.newCDPSession(page);
  const rows: (string | number)[][] = [];
  const results: Record<string, unknown>[] = [];
  try {
    console.log(`kiosk tap → thanks: Chromium ${browser.version()}, ${TAPS} taps per CPU rate, app at ${bench.base}`);
    let expected = 0;
    for (const rate of RATES) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const handler: number[] = [];
      const input: number[] = [];
      for (let i = 0; i < TAPS; i++) {
        await page.reload();
        await page.getByRole('button', { name: /Chạm để đánh giá/ }).click();
        const face = page.getByRole('button', { name: i % 2 ? 'Rất hài lòng' : 'Hài lòng', exact: true });
        await face.waitFor();
        await page.evaluate(() => {
          const w = window as unknown as { __down?: number };
          delete w.__down;
          addEventListener('pointerdown', () => (w.__down ??= performance.now()), { capture: true, once: true });
        });
        await face.click();
        await page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' }).waitFor();
        const m = await page.waitForFunction(() => {
          const measure = performance.getEntriesByName('kiosk:tap-to-thanks').at(-1);
          const thanks = performance.getEntriesByName('kiosk:thanks').at(-1);
          const down = (window as unknown as { __down?: number }).__down;
          return measure && thanks && down !== undefined ? { handler: measure.duration, input: thanks.startTime - down } : null;
        });
        const v = (await m.jsonValue())!;
        handler.push(v.handler);
        input.push(v.input);
        expected++;
      }
      handler.sort((a, b) => a - b);
      input.sort((a, b) => a - b);
      const r = {
        cpuSlowdown: rate,
        taps: TAPS,
        handlerP50: percentile(handler, 50),
        handlerP95: percentile(handler, 95),
        handlerMax: handler.at(-1)!,
        inputP50: percentile(input, 50),
        inputP95: percentile(input, 95),
        inputMax: input.at(-1)!,
      };
      results.push(r);
      const ms = (x: number) => `${x.toFixed(1)} ms`;
      rows.push([`${rate}×`, TAPS, ms(r.handlerP50), ms(r.handlerP95), ms(r.handlerMax), ms(r.inputP50), ms(r.inputP95), ms(r.inputMax)]);
    }
    await page.waitForTimeout(3_000);
    const stored = countResponses(bench.dbPath, bench.kioskId);
    printTable('tap → thanks (app measure: click handler → first frame of thanks; input: pointerdown → that frame)', ['CPU', 'taps', 'p50', 'p95', 'max', 'input p50', 'input p95', 'input max'], rows);
    console.log(`\nratings stored by the server meanwhile: ${stored} of ${expected}`);
    const file = path.join(RESULTS_DIR, `kiosk-tap-${stamp}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({ at: new Date().toISOString(), build: bench.build, machine: { cpus: os.cpus().length, node: process.version, chromium: browser.version() }, results, stored, expected }, null, 2),
    );
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await browser.close();
    await stopProcess(bench.app);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
