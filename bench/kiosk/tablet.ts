/**
 * Shared by bench/kiosk/tap.ts and sync.ts: the production build on a fresh
 * database (SQLite or PostgreSQL: bench/lib/engines.ts) with one kiosk
 * waiting for a known pairing code (written into the database as the fleet
 * page would: only the SHA-256 of the code), and a Chromium tablet
 * (1280×800) paired through the kiosk's own pairing screen.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { BenchDb } from '../lib/engines';
import { findFreePort, RESULTS_DIR, startAppOn, stopProcess, type Started } from '../lib/processes';

export const PAIRING_CODE = 'BENCHK23';

export type Bench = { app: Started; base: string; db: BenchDb; kioskId: number };

export async function startAppWithKiosk(name: string, stamp: string, db: BenchDb, work: string): Promise<Bench> {
  const port = await findFreePort(3700, 3799);
  const app = await startAppOn(db, { port, work, logFile: path.join(RESULTS_DIR, `${name}-${stamp}-logs`, `app-${db.engine}.log`) });
  try {
    const [unit] = await db.rows<{ id: number }>('select id from units where code is not null and active = true order by id limit 1');
    const hash = createHash('sha256').update(PAIRING_CODE).digest('hex');
    // A kiosk first paired weeks ago and now paired again: the server refuses taps from before a
    // kiosk's first pairing (lib/kiosk/batch.ts), and sync.ts queues taps going back up to 8.7 days.
    const firstPairedAt = Date.now() - 20 * 86_400_000;
    const [row] = await db.write<{ id: number }>(
      'insert into kiosks (unit_id, name, pairing_code_hash, pairing_expires_at, first_paired_at, idle_seconds, created_at) values (?, ?, ?, ?, ?, 30, ?) returning id',
      [unit!.id, `Bench ${name}`, hash, Date.now() + 15 * 60_000, firstPairedAt, Date.now()],
    );
    return { app, base: `http://127.0.0.1:${port}`, db, kioskId: row!.id };
  } catch (err) {
    await stopProcess(app);
    throw err;
  }
}

export async function launchTablet(base: string): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // localhost, not 127.0.0.1: a secure context (service worker, crypto.randomUUID) as on an https deployment.
  const context = await browser.newContext({ baseURL: base.replace('127.0.0.1', 'localhost'), viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto('/kiosk');
  await page.getByLabel('Mã ghép nối').fill(PAIRING_CODE);
  await page.getByRole('button', { name: 'Ghép nối' }).click();
  await page.getByRole('button', { name: 'Rất hài lòng', exact: true }).waitFor();
  return { browser, context, page };
}

export function countResponses(db: BenchDb, kioskId: number): Promise<number> {
  return db.scalar('select count(*) from responses where kiosk_id = ?', [kioskId]);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
