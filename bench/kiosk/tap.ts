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
 * The app runs on SQLite, PostgreSQL or both in one run (`--engine`,
 * bench/lib/engines.ts); the tap itself never waits for the server, so the
 * engines should differ only in the ratings stored behind it.
 *
 *   npm run build && npx tsx bench/kiosk/tap.ts --taps 100 --cpu 1,4 [--engine sqlite|pg|both]
 */
import { parseArgs } from 'node:util';
import { engineLabel, onEachEngine, parseEngines, type BenchDb } from '../lib/engines';
import { beginRun, stopProcess, writeResults, type BenchRun } from '../lib/processes';
import { printTable } from '../lib/table';
import { countResponses, launchTablet, percentile, startAppWithKiosk } from './tablet';

const { values: flags } = parseArgs({
  options: { taps: { type: 'string', default: '100' }, cpu: { type: 'string', default: '1,4' }, engine: { type: 'string', default: 'sqlite' } },
});
const TAPS = Number(flags.taps);
const RATES = flags.cpu.split(',').map(Number);
const ENGINES = parseEngines(flags.engine);
if (!(TAPS >= 1 && TAPS <= 1000) || RATES.some((r) => !(r >= 1 && r <= 20))) throw new Error('--taps 1–1000, --cpu rates 1–20');

type TapFigures = { cpuSlowdown: number; taps: number; handlerP50: number; handlerP95: number; handlerMax: number; inputP50: number; inputP95: number; inputMax: number };

async function measure(db: BenchDb, { work, stamp }: BenchRun) {
  const bench = await startAppWithKiosk('kiosk-tap', stamp, db, work);
  try {
    const { browser, context, page } = await launchTablet(bench.base);
    try {
      const cdp = await context.newCDPSession(page);
      console.log(`kiosk tap → thanks on ${engineLabel(db.engine)}: Chromium ${browser.version()}, ${TAPS} taps per CPU rate, app at ${bench.base}`);
      const results: TapFigures[] = [];
      let expected = 0;
      for (const rate of RATES) {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        const handler: number[] = [];
        const input: number[] = [];
        for (let i = 0; i < TAPS; i++) {
          await page.reload();
          // The start screen's faces answer the first question (attitude); the measured tap is the last question's.
          await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
          await page.getByRole('heading', { level: 1, name: /Nhìn chung/ }).waitFor();
          await page.waitForTimeout(800);
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
        results.push({
          cpuSlowdown: rate,
          taps: TAPS,
          handlerP50: percentile(handler, 50),
          handlerP95: percentile(handler, 95),
          handlerMax: handler.at(-1)!,
          inputP50: percentile(input, 50),
          inputP95: percentile(input, 95),
          inputMax: input.at(-1)!,
        });
      }
      await page.waitForTimeout(3_000);
      return { results, stored: await countResponses(db, bench.kioskId), expected, chromium: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    await stopProcess(bench.app);
  }
}

async function main() {
  const run = beginRun('kiosk-tap');
  const runs = await onEachEngine(ENGINES, 'kiosk_tap', run.work, (db) => measure(db, run));
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  printTable(
    'tap → thanks (app measure: click handler → first frame of thanks; input: pointerdown → that frame)',
    ['engine', 'CPU', 'taps', 'p50', 'p95', 'max', 'input p50', 'input p95', 'input max'],
    runs.flatMap((run) =>
      run.results.map((r) => [engineLabel(run.engine), `${r.cpuSlowdown}×`, r.taps, ms(r.handlerP50), ms(r.handlerP95), ms(r.handlerMax), ms(r.inputP50), ms(r.inputP95), ms(r.inputMax)]),
    ),
  );
  for (const run of runs) console.log(`${engineLabel(run.engine)}: ratings stored by the server meanwhile: ${run.stored} of ${run.expected}`);
  console.log(`results: ${writeResults('kiosk-tap', run.stamp, run.build, { chromium: runs[0]?.chromium, engines: runs })}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
