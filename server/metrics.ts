import fs from 'node:fs';
import path from 'node:path';
import client, { type Counter, type Gauge, type Histogram, type Registry } from 'prom-client';
import { backupDirFor, listBackups } from '@/db/backup-files';
import { engineKind } from '@/db/engine/kind';
import type { CreateResponseResult } from '@/db/queries/responses';
import { listJobStates } from '@/db/queries/jobs';
import { readDatabaseSizes, readKioskFleetFigures } from '@/db/queries/observability';
import { checksumFileName } from '@/lib/backups';
import { getEnv } from '@/lib/env';
import { exportQueue } from './export-queue';
import { logger } from './log';

/**
 * The Prometheus metrics of this server (docs/decisions/029-logs-and-metrics.md),
 * served at /api/metrics behind METRICS_TOKEN. Two kinds:
 * - counters and histograms (requests, ratings, kiosk sync lag) count what
 *   THIS process saw since it started, as Prometheus expects: with several
 *   app servers, scrape each and sum (`sum by (route) (rate(…))`);
 * - gauges about the shared database (its size, the last backup, the jobs,
 *   the kiosk fleet) are read from the database at each scrape, so every
 *   server reports the same values for them; take one (`max`), do not sum.
 */

type Metrics = {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  ratings: Counter<'channel' | 'outcome'>;
  kioskSyncLag: Histogram;
  exportsRunning: Gauge<'kind'>;
  exportsWaiting: Gauge;
  databaseUp: Gauge;
  databaseBytes: Gauge;
  /** SQLite only: PostgreSQL's WAL belongs to the whole cluster. */
  walBytes: Gauge | null;
  backupLastSuccess: Gauge;
  backupAge: Gauge;
  jobLastRun: Gauge<'job'>;
  jobLastSuccess: Gauge<'job'>;
  jobLastOk: Gauge<'job'>;
  jobLastDuration: Gauge<'job'>;
  jobRunning: Gauge<'job'>;
  kiosksPaired: Gauge;
  kioskQueued: Gauge;
  kioskOldestContactAge: Gauge;
  kioskOutagesOpen: Gauge;
};

/** On globalThis: Next bundles the route handlers and the survey page apart, and they must count into one registry. */
const state = globalThis as unknown as { __hailongMetrics?: Metrics };

function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'hailong_' });
  const registers = [registry];
  const gauge = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new client.Gauge<L>({ name, help, labelNames, registers });
  return {
    registry,
    httpRequests: new client.Counter({
      name: 'hailong_http_requests_total',
      help: 'HTTP requests answered by this process, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new client.Histogram({
      name: 'hailong_http_request_duration_seconds',
      help: 'Time from the request to the end of the answer, by method and route pattern (this process)',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    ratings: new client.Counter({
      name: 'hailong_ratings_total',
      help: 'Ratings received by this process by channel and outcome: stored (counted), flagged (stored, excluded from the indicators), duplicate (a resend), refused (abuse limits)',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    kioskSyncLag: new client.Histogram({
      name: 'hailong_kiosk_sync_lag_seconds',
      help: 'Time from the tap on a kiosk to its arrival at this process, per stored kiosk rating',
      buckets: [5, 15, 60, 300, 900, 3600, 4 * 3600, 86_400, 7 * 86_400],
      registers,
    }),
    exportsRunning: gauge('hailong_exports_running', 'Export files being produced by this process, by kind (worker: a worker thread)', ['kind'] as const),
    exportsWaiting: gauge('hailong_exports_waiting', 'Export requests waiting for their turn in this process'),
    databaseUp: gauge('hailong_database_up', '1 when the database answered this scrape'),
    databaseBytes: gauge('hailong_database_size_bytes', 'Size of the database: the SQLite file, or pg_database_size'),
    walBytes: engineKind() === 'sqlite' ? gauge('hailong_database_wal_size_bytes', 'Size of the SQLite write-ahead log file') : null,
    backupLastSuccess: gauge('hailong_backup_last_success_timestamp_seconds', 'When the newest backup was taken (the backup job, or a file in this server’s BACKUP_DIR)'),
    backupAge: gauge('hailong_backup_age_seconds', 'Age of the newest backup'),
    jobLastRun: gauge('hailong_job_last_run_timestamp_seconds', 'When the job last finished a run', ['job'] as const),
    jobLastSuccess: gauge('hailong_job_last_success_timestamp_seconds', 'When the job last finished a run well', ['job'] as const),
    jobLastOk: gauge('hailong_job_last_run_ok', '1 when the job’s last run ended well, 0 when it failed', ['job'] as const),
    jobLastDuration: gauge('hailong_job_last_duration_seconds', 'Duration of the job’s last run', ['job'] as const),
    jobRunning: gauge('hailong_job_running', '1 while a server holds the job’s lease', ['job'] as const),
    kiosksPaired: gauge('hailong_kiosks_paired', 'Kiosks holding a valid credential'),
    kioskQueued: gauge('hailong_kiosk_queued_ratings', 'Ratings waiting on the tablets, as each paired kiosk last reported'),
    kioskOldestContactAge: gauge('hailong_kiosk_oldest_contact_age_seconds', 'Time since the quietest paired kiosk was last heard from'),
    kioskOutagesOpen: gauge('hailong_kiosk_outages_open', 'Kiosks the kiosks.unplugged job found silent during opening hours and not yet back'),
  };
}

export function metrics(): Metrics {
  state.__hailongMetrics ??= createMetrics();
  return state.__hailongMetrics;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** One answered request (server/request-observer.ts). */
export function observeHttpRequest(method: string | undefined, route: string, status: number, seconds: number) {
  const m = method && METHODS.has(method) ? method : 'other';
  const { httpRequests, httpDuration } = metrics();
  httpRequests.inc({ method: m, route, status: String(status) });
  httpDuration.observe({ method: m, route }, seconds);
}

/** A rating's outcome once its transaction committed (server/ratings.ts, server/kiosk-sync.ts). */
export function countRating(channel: string, result: CreateResponseResult) {
  const outcome =
    result.status === 'created' ? (result.flags.length ? 'flagged' : 'stored') : result.status === 'duplicate' ? 'duplicate' : 'refused';
  metrics().ratings.inc({ channel, outcome });
}

/** Ratings of one kiosk batch, counted after it committed. */
export function countKioskBatch(r: { stored: number; flagged: number; duplicates: number; lagSeconds: readonly number[] }) {
  const m = metrics();
  if (r.stored - r.flagged) m.ratings.inc({ channel: 'kiosk', outcome: 'stored' }, r.stored - r.flagged);
  if (r.flagged) m.ratings.inc({ channel: 'kiosk', outcome: 'flagged' }, r.flagged);
  if (r.duplicates) m.ratings.inc({ channel: 'kiosk', outcome: 'duplicate' }, r.duplicates);
  for (const s of r.lagSeconds) m.kioskSyncLag.observe(Math.max(0, s));
}

/** Ratings refused before they reached storeRating (a kiosk batch's invalid items). */
export function countRefusedRatings(channel: string, n: number) {
  if (n > 0) metrics().ratings.inc({ channel, outcome: 'refused' }, n);
}

/** The newest regular backup file in this server's backup folder with its checksum written (a copy in progress has none yet). */
function newestBackupFile(): Date | null {
  const dir = backupDirFor(getEnv());
  const done = listBackups(dir).filter((f) => f.kind === 'hai-long' && fs.existsSync(path.join(dir, checksumFileName(f.name))));
  return done.reduce<Date | null>((newest, f) => (newest === null || f.takenAt > newest ? f.takenAt : newest), null);
}

const seconds = (d: Date) => d.getTime() / 1000;

/** Reads what describes the shared database into the gauges; a database that does not answer leaves them out and says so. */
async function readDatabaseGauges(now: Date) {
  const m = metrics();
  // Jobs that no longer exist drop out; a database that does not answer leaves zeros, with hailong_database_up 0.
  for (const g of [m.databaseBytes, m.walBytes, m.backupLastSuccess, m.backupAge, m.jobLastRun, m.jobLastSuccess, m.jobLastOk, m.jobLastDuration, m.jobRunning, m.kiosksPaired, m.kioskQueued, m.kioskOldestContactAge, m.kioskOutagesOpen]) {
    g?.reset();
  }
  try {
    const [sizes, jobs, fleet] = await Promise.all([readDatabaseSizes(), listJobStates(), readKioskFleetFigures()]);
    m.databaseUp.set(1);
    m.databaseBytes.set(sizes.databaseBytes);
    if (sizes.walBytes !== null) m.walBytes?.set(sizes.walBytes);
    for (const j of jobs) {
      const job = j.name;
      if (j.lastFinishedAt) m.jobLastRun.set({ job }, seconds(j.lastFinishedAt));
      if (j.lastSuccessAt) m.jobLastSuccess.set({ job }, seconds(j.lastSuccessAt));
      if (j.lastOutcome) m.jobLastOk.set({ job }, j.lastOutcome === 'ok' ? 1 : 0);
      if (j.lastDurationMs !== null) m.jobLastDuration.set({ job }, j.lastDurationMs / 1000);
      m.jobRunning.set({ job }, j.leaseUntil && j.leaseUntil.getTime() >= now.getTime() ? 1 : 0);
    }
    const byJob = jobs.find((j) => j.name === 'backup')?.lastSuccessAt ?? null;
    let byFile: Date | null = null;
    try {
      byFile = newestBackupFile();
    } catch (error) {
      logger().warn({ err: error }, 'metrics: backup folder not readable');
    }
    const last = byJob && byFile ? (byJob > byFile ? byJob : byFile) : (byJob ?? byFile);
    // Never backed up: taken "in 1970", so an alert on the age fires rather than staying silent.
    m.backupLastSuccess.set(last ? seconds(last) : 0);
    m.backupAge.set(Math.max(0, (now.getTime() - (last?.getTime() ?? 0)) / 1000));
    m.kiosksPaired.set(fleet.paired);
    m.kioskQueued.set(fleet.queued);
    if (fleet.oldestContactAt) m.kioskOldestContactAge.set(Math.max(0, (now.getTime() - fleet.oldestContactAt.getTime()) / 1000));
    m.kioskOutagesOpen.set(fleet.openOutages);
  } catch (error) {
    m.databaseUp.set(0);
    logger().warn({ err: error }, 'metrics: database figures not read');
  }
}

/** The exposition text of every metric, the database's read now. */
export async function renderMetrics(now = new Date()): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const exports = exportQueue().stats;
  m.exportsRunning.set({ kind: 'worker' }, exports.workers);
  m.exportsRunning.set({ kind: 'inline' }, exports.running - exports.workers);
  m.exportsWaiting.set(exports.waiting);
  await readDatabaseGauges(now);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
