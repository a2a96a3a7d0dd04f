/**
 * Shared by bench/kiosk/tap.ts and sync.ts: the production build on a fresh
 * database with one kiosk waiting for a known pairing code (written into the
 * database as the fleet page would: only the SHA-256 of the code), and a
 * Chromium tablet (1280×800) paired through the kiosk's own pairing screen.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { buildId, findFreePort, RESULTS_DIR, startApp, type Started } from '../lib/processes';

export const PAIRING_CODE = 'BENCHK23';

export type Bench = { app: Started; base: string; dbPath: string; kioskId: number; build: string | null; work: string };

export async function startAppWithKiosk(name: string, stamp: string): Promise<Bench> {
  const work = path.join(os.tmpdir(), `hailong-bench-${name}-${stamp}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  const port = await findFreePort(3700, 3799);
  const dbPath = path.join(work, 'app.db');
  const build = buildId();
  const app = await startApp({ port, dbPath, logFile: path.join(RESULTS_DIR, `${name}-${stamp}-logs`, 'app.log') });
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    const unit = db.prepare('select id from units where code is not null and active = 1 order by id limit 1').get() as { id: number };
    const hash = createHash('sha256').update(PAIRING_CODE).digest('hex');
    const row = db
      .prepare('insert into kiosks (unit_id, name, pairing_code_hash, pairing_expires_at, idle_seconds, created_at) values (?, ?, ?, ?, 30, ?) returning id')
      .all(unit.id, `Bench ${name}`, hash, Date.now() + 15 * 60_000, Date.now()) as { id: number }[];
    return { app, base: `http://127.0.0.1:${port}`, dbPath, kioskId: row[0]!.id, build, work };
  } finally {
    db.close();
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
  await page.getByRole('button', { name: /Chạm để đánh giá/ }).waitFor();
  return { browser, context, page };
}

export function countResponses(dbPath: string, kioskId: number): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) as n from responses where kiosk_id = ?').get(kioskId) as { n: number }).n;
  } finally {
    db.close();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
