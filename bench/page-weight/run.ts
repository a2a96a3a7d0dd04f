/**
 * First-load weight and paint time of every page a citizen can reach on a
 * slow phone (the finder, the survey, the thank-you pages, the reply lookup,
 * the 404 pages), against the aim of ≤ 20 KB transferred and LCP < 0.8 s,
 * with the staff sign-in page (App Router, client runtime) for comparison.
 *
 *   npm run bench:page-weight [-- --runs 5] [-- --only survey,home]
 *
 * Chromium (Debian's, through @playwright/test) with a CDP session emulates
 * 1.6 Mbps down / 750 kbps up / 150 ms latency and a 4× slower CPU on a phone
 * viewport. Each run is a fresh browser context, so the cache is empty.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import Database from 'better-sqlite3';
import { makeDossierToken } from '../../lib/dossier-token';
import { deriveKey } from '../../lib/survey/form-token';
import {
  BENCH_AUTH_SECRET, buildId, findFreePort, installCleanupHandlers, killAllStarted, pickSurveyCode, RESULTS_DIR, ROOT, startApp, stopProcess, timestamp,
} from '../lib/processes';
import { kb, printTable } from '../lib/table';
import { PUBLISHED_QUARTER, publishForPageWeight } from './publication';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '5' }, only: { type: 'string' } } });
const RUNS = Number(flags.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) throw new Error('--runs must be 1–20');

/** The slow phone: numbers from the brief, in the units CDP wants. */
const PHONE = {
  latencyMs: 150,
  downloadBytesPerS: 200_000, // 1.6 Mbps
  uploadBytesPerS: 93_750, // 750 kbps
  cpuSlowdown: 4,
  viewport: { width: 393, height: 851 },
  deviceScaleFactor: 2.75,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};
/** The aim for every citizen page (docs/decisions/002). */
const TARGETS = { totalBytes: 20 * 1024, lcpMs: 800 };

const KINDS = ['html', 'css', 'js', 'fonts', 'images', 'other'] as const;
type Kind = (typeof KINDS)[number];
const KIND_OF: Record<string, Kind> = { Document: 'html', Stylesheet: 'css', Script: 'js', Font: 'fonts', Image: 'images' };

type Run = {
  /** Bytes on the wire (compressed, headers included) per kind, until the network was idle. */
  transferred: Record<Kind, number>;
  totalTransferred: number;
  /** The same, only what had finished by the load event. */
  transferredByLoad: number;
  /** Bytes after decompression (bodies only). */
  decodedTotal: number;
  requests: number;
  failedRequests: number;
  documentEncoding: string | null;
  lcpMs: number | null;
  fcpMs: number | null;
  domContentLoadedMs: number;
  loadMs: number;
  resources: { url: string; type: string; status: number; encoding: string | null; transferred: number; decoded: number }[];
};

/** Runs in the page; a string, so no transpiler helper can leak into it. */
const PAINT_TIMES = `new Promise((resolve) => {
  let lcp = null;
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) lcp = e.renderTime || e.loadTime || e.startTime;
  });
  po.observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => {
    po.disconnect();
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    resolve({ lcp, fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd });
  }, 200);
})`;

async function measure(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({
    viewport: PHONE.viewport,
    deviceScaleFactor: PHONE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    userAgent: PHONE.userAgent,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const seen = new Map<string, { url: string; type: string; status: number; encoding: string | null; decoded: number }>();
    const finished = new Map<string, { bytes: number; at: number }>();
    let failed = 0;
    let requests = 0;
    let loadAt = Infinity;
    cdp.on('Network.requestWillBeSent', () => requests++);
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      seen.set(e.requestId, { url: e.response.url, type: e.type, status: e.response.status, encoding: h['content-encoding'] ?? null, decoded: 0 });
    });
    cdp.on('Network.dataReceived', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, { bytes: e.encodedDataLength, at: e.timestamp }));
    cdp.on('Network.loadingFailed', () => failed++);
    cdp.on('Page.loadEventFired', (e) => (loadAt = e.timestamp));
    await cdp.send('Page.enable');
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: PHONE.downloadBytesPerS,
      uploadThroughput: PHONE.uploadBytesPerS,
      connectionType: 'cellular3g',
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });

    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // Prefetches and late scripts count too: wait until the network is quiet.
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    const paint = (await page.evaluate(PAINT_TIMES)) as { lcp: number | null; fcp: number | null; dcl: number; load: number };

    const transferred = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    let byLoad = 0;
    const resources: Run['resources'] = [];
    for (const [id, f] of finished) {
      const r = seen.get(id);
      const type = r?.type ?? 'Other';
      transferred[KIND_OF[type] ?? 'other'] += f.bytes;
      if (f.at <= loadAt) byLoad += f.bytes;
      resources.push({ url: r?.url ?? '?', type, status: r?.status ?? 0, encoding: r?.encoding ?? null, transferred: f.bytes, decoded: r?.decoded ?? 0 });
    }
    const doc = [...seen.values()].find((r) => r.type === 'Document');
    return {
      transferred,
      totalTransferred: Object.values(transferred).reduce((a, b) => a + b, 0),
      transferredByLoad: byLoad,
      decodedTotal: resources.reduce((a, r) => a + r.decoded, 0),
      requests,
      failedRequests: failed,
      documentEncoding: doc?.encoding ?? null,
      lcpMs: paint.lcp == null ? null : Math.round(paint.lcp),
      fcpMs: paint.fcp == null ? null : Math.round(paint.fcp),
      domContentLoadedMs: Math.round(paint.dcl),
      loadMs: Math.round(paint.load),
      resources: resources.sort((a, b) => b.transferred - a.transferred),
    };
  } finally {
    await context.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(runs: Run[]) {
  const m = (f: (r: Run) => number | null) => {
    const xs = runs.map(f).filter((x): x is number => x != null);
    return xs.length ? median(xs) : null;
  };
  return {
    transferred: Object.fromEntries(KINDS.map((k) => [k, m((r) => r.transferred[k])])) as Record<Kind, number>,
    totalTransferred: m((r) => r.totalTransferred)!,
    transferredByLoad: m((r) => r.transferredByLoad)!,
    decodedTotal: m((r) => r.decodedTotal)!,
    requests: m((r) => r.requests)!,
    lcpMs: m((r) => r.lcpMs),
    fcpMs: m((r) => r.fcpMs),
    domContentLoadedMs: m((r) => r.domContentLoadedMs)!,
    loadMs: m((r) => r.loadMs)!,
    lcpRunsMs: runs.map((r) => r.lcpMs),
    documentEncoding: runs[0]?.documentEncoding ?? null,
  };
}

type Target = { key: string; name: string; path: string; citizen: boolean };

/**
 * A dossier of the office with survey code `code`, returned yesterday, as the
 * registration side stores it, with its rating link's token signed with the
 * benchmark's secret (docs/decisions/027): the /h/<token> page to measure.
 */
function addBenchDossier(dbPath: string, code: string): string {
  const db = new Database(dbPath);
  try {
    const token = makeDossierToken(deriveKey(BENCH_AUTH_SECRET, 'dossier-link'));
    const now = Date.now();
    db.prepare(
      `insert into dossiers (code, unit_id, procedure, received_at, due_at, returned_at, token, source, created_at, updated_at)
       select 'H22.BENCH.000001', id, 'Đăng ký khai sinh', ?, ?, ?, ?, 'csv', ?, ? from units where code = ?`,
    ).run(now - 5 * 86_400_000, now, now - 86_400_000, token, now, now, code);
    return token;
  } finally {
    db.close();
  }
}

/** The pages a citizen reaches, and one staff page as the App Router's floor. */
function targetsFor(code: string, dossierToken = '<token>'): Target[] {
  return [
    { key: 'home', name: 'home (every office)', path: '/', citizen: true },
    { key: 'search', name: 'home, search "ha nam"', path: '/?q=ha+nam', citizen: true },
    { key: 'home-en', name: 'home in English', path: '/?lang=en', citizen: true },
    { key: 'survey', name: 'survey', path: `/s/${code}`, citizen: true },
    { key: 'thanks', name: 'thank-you', path: `/s/${code}/cam-on?ma=HKMN2345`, citizen: true },
    { key: 'thanks-low', name: 'thank-you after a low score', path: `/s/${code}/cam-on?muc=thap&ma=HKMN2345`, citizen: true },
    { key: 'lookup', name: 'reply lookup', path: '/tra-cuu', citizen: true },
    { key: 'lookup-missing', name: 'reply lookup, unknown code (404)', path: '/tra-cuu?ma=ZZZZZZZZ', citizen: true },
    { key: 'erase', name: 'phone-number erasure', path: '/xoa-so-dien-thoai', citizen: true },
    { key: 'unknown-code', name: 'unknown survey code (404)', path: '/s/ZZZZZZ', citizen: true },
    { key: 'unknown-address', name: 'unknown address (404)', path: '/khong-co-trang-nay', citizen: true },
    { key: 'dossier', name: "a dossier's rating link", path: `/h/${dossierToken}`, citizen: true },
    { key: 'dossier-unknown', name: 'a dossier link edited by hand (404)', path: '/h/AAAAAAAAAAAAAAAAAAAAAAAAAAA', citizen: true },
    { key: 'public', name: 'public results (a quarter and a year published)', path: '/cong-khai', citizen: true },
    { key: 'public-office', name: "public results, an office's page", path: `/cong-khai/${PUBLISHED_QUARTER}/${code}`, citizen: true },
    { key: 'login', name: 'staff sign-in (App Router, for comparison)', path: '/login', citizen: false },
  ];
}

async function main() {
  installCleanupHandlers();
  const stamp = timestamp();
  const work = path.join(os.tmpdir(), `hailong-bench-page-weight-${stamp}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  const build = buildId();
  const port = await findFreePort(3300, 3399);
  const dbPath = path.join(work, 'app.db');
  const app = await startApp({ port, dbPath, logFile: path.join(RESULTS_DIR, `page-weight-${stamp}-logs`, 'app.log') });
  const code = pickSurveyCode(dbPath);
  const dossierToken = addBenchDossier(dbPath, code);
  publishForPageWeight(dbPath);
  const base = `http://127.0.0.1:${port}`;
  const only = flags.only?.split(',').map((k) => k.trim()).filter(Boolean);
  const pages = targetsFor(code, dossierToken)
    .filter((p) => !only || only.includes(p.key))
    .map((p) => ({ ...p, url: `${base}${p.path}` }));
  if (pages.length === 0) throw new Error(`--only ${flags.only}: no such page (${targetsFor(code).map((p) => p.key).join(', ')})`);
  // The server's first render of a route loads its modules: keep that out of the phone's timings.
  for (const p of pages) await (await fetch(p.url)).arrayBuffer();

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results: ((typeof pages)[number] & { runs: Run[]; median: ReturnType<typeof summarise> })[] = [];
  const browserVersion = browser.version();
  try {
    console.log(`page weight: Chromium ${browserVersion}, ${RUNS} runs per page, app on port ${port}`);
    for (const p of pages) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await measure(browser, p.url);
        console.log(`  ${p.name} run ${i + 1}: ${kb(r.totalTransferred)}, ${r.requests} requests, LCP ${r.lcpMs} ms, load ${r.loadMs} ms`);
        runs.push(r);
      }
      results.push({ ...p, runs, median: summarise(runs) });
    }
  } finally {
    await browser.close();
    await stopProcess(app);
  }

  const ms = (n: number | null) => (n == null ? 'n/a' : `${Math.round(n)} ms`);
  const meets = (m: ReturnType<typeof summarise>) => m.totalTransferred <= TARGETS.totalBytes && m.lcpMs != null && m.lcpMs < TARGETS.lcpMs;
  printTable(
    `First load on a slow phone (median of ${RUNS}; 1.6 Mbps, 150 ms RTT, 4× CPU, ${PHONE.viewport.width}×${PHONE.viewport.height} @${PHONE.deviceScaleFactor}); aim: ≤ ${kb(TARGETS.totalBytes)}, LCP < ${TARGETS.lcpMs} ms`,
    ['page', 'path', 'total', 'HTML', 'JS', 'requests', 'FCP', 'LCP', 'load', 'aim'],
    results.map((r) => [
      r.name,
      r.path.replace(code, '<code>').replace(dossierToken, '<token>'),
      kb(r.median.totalTransferred),
      kb(r.median.transferred.html),
      kb(r.median.transferred.js),
      String(r.median.requests),
      ms(r.median.fcpMs),
      ms(r.median.lcpMs),
      ms(r.median.loadMs),
      r.citizen ? (meets(r.median) ? 'met' : 'MISSED') : '–',
    ]),
  );
  const missed = results.filter((r) => r.citizen && !meets(r.median));
  console.log(missed.length ? `\ncitizen pages missing the aim: ${missed.map((r) => r.name).join(', ')}` : `\nevery citizen page measured meets the aim`);
  for (const r of results.filter((x) => !x.citizen || !meets(x.median))) {
    printTable(`Resources of ${r.name} (run 1)`, ['type', 'status', 'encoding', 'transferred', 'decoded', 'url'], r.runs[0]!.resources.map((x) => [
      x.type, String(x.status), x.encoding ?? '–', kb(x.transferred), kb(x.decoded), x.url.replace(base, '').slice(0, 70),
    ]));
  }

  const rebuilt = buildId() !== build;
  if (rebuilt) console.warn('\nWARNING: .next was rebuilt during the benchmark: the runs may have loaded different builds.');

  const out = path.join(RESULTS_DIR, `page-weight-${stamp}.json`);
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        kind: 'page-weight',
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, node: process.version, chromium: browserVersion },
        build: { id: build, rebuiltDuringRun: rebuilt },
        phone: PHONE,
        targets: TARGETS,
        runsPerPage: RUNS,
        pages: results.map((r) => ({ key: r.key, name: r.name, path: r.path, citizen: r.citizen, meetsAim: r.citizen ? meets(r.median) : null, median: r.median, runs: r.runs })),
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${path.relative(ROOT, out)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    killAllStarted();
    process.exit(1);
  },
);
