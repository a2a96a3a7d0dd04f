/**
 * The dashboard benchmark's seeded databases (bench/dashboard/run.ts), kept
 * between runs and shared with bench/officials/run.ts, which works on copies
 * of them: scripts/seed.ts in a child process, timed, SQLite's WAL watched;
 * on PostgreSQL a VACUUM (ANALYZE) after.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openStoreAt } from '@/db/store';
import { engineLabel, openKeptDb, pgDatabaseName, readPgNote, writePgNote, type BenchDb, type Engine } from '../lib/engines';

const ROOT = path.resolve(__dirname, '..', '..');

export type SeedInfo = {
  engine: Engine;
  /** The SQLite file, or the PostgreSQL database and its server. */
  where: string;
  responses: number;
  offices: number;
  months: number;
  seededAt: string;
  /** The seeding script, start to end. */
  seconds: number;
  /**
   * PostgreSQL: VACUUM (ANALYZE) after the seeder, which runs neither: the
   * planner's statistics, and the visibility map that lets index-only scans
   * skip the table (a read while autovacuum catches up would measure that).
   */
  vacuumSeconds?: number;
  /** SQLite only. */
  peakWalBytes?: number;
  /** Right after seeding: the file (the script checkpoints with TRUNCATE at the end), or pg_database_size. */
  dbBytes: number;
  walBytes?: number;
  reused: boolean;
};

export const fileSize = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

/** Where the dashboard benchmark keeps a seeded database, and how it was seeded. */
export type SeedPlan = { dbDir: string; offices: number; months: number; /** Seed again even when a matching database is kept. */ reseed: boolean };

/** The kept database of `responses` ratings: the SQLite file (and its record beside it), or the PostgreSQL database's name. */
export function keptPlace(plan: SeedPlan, responses: number) {
  const name = `${responses}-o${plan.offices}-m${plan.months}`;
  const file = path.join(plan.dbDir, `seed-${name}.db`);
  return { file, infoFile: `${file}.json`, database: pgDatabaseName(`dash_${name}`), secretsDir: plan.dbDir };
}

/** The record of an earlier seeding that can be reused, or null. */
async function earlierSeed(plan: SeedPlan, engine: Engine, db: BenchDb & { exists: boolean }, responses: number): Promise<SeedInfo | null> {
  if (plan.reseed || !db.exists) return null;
  const place = keptPlace(plan, responses);
  let info: Partial<SeedInfo> & { file?: string };
  try {
    const text = engine === 'sqlite' ? (fs.existsSync(place.infoFile) ? fs.readFileSync(place.infoFile, 'utf8') : null) : await readPgNote(place.database);
    if (!text) return null;
    info = JSON.parse(text) as typeof info;
  } catch {
    return null;
  }
  if (info.responses !== responses || info.offices !== plan.offices || info.months !== plan.months || !info.seededAt) return null;
  // Records written before PostgreSQL was measured name the file `file`.
  return { ...(info as SeedInfo), engine, where: info.where ?? info.file ?? db.label, reused: true };
}

/**
 * VACUUM (ANALYZE) of a freshly seeded PostgreSQL database, on a connection
 * whose commits are synchronous. VACUUM marks a page all-visible only when
 * the commits of its rows are known to be on disk, and an asynchronous commit
 * (synchronous_commit = off, as on the test cluster) is known so only for
 * its group of 32 transaction ids as a whole: the seeder's last commits, and
 * the ANALYZE's own of each table next to them, would leave tables unmarked
 * at random. One synchronous commit that writes WAL first (a temporary
 * table's catalog rows: a commit without WAL of its own is not flushed)
 * flushes the seeder's.
 */
export async function vacuumAnalyze(url: string) {
  const client = new pg.Client({ connectionString: url, options: '-c synchronous_commit=on' });
  await client.connect();
  try {
    await client.query('begin; create temporary table hl_bench_flush (x int) on commit drop; commit');
    await client.query('vacuum (analyze)');
  } finally {
    await client.end();
  }
}

/**
 * The kept database of `responses` ratings, seeded now (scripts/seed.ts in a
 * child process, timed) when there is none that matches the plan. The caller
 * closes the returned BenchDb.
 */
export async function ensureSeeded(plan: SeedPlan, engine: Engine, responses: number): Promise<{ seed: SeedInfo; db: BenchDb }> {
  fs.mkdirSync(plan.dbDir, { recursive: true });
  const place = keptPlace(plan, responses);
  const kept = await openKeptDb(engine, place);
  const earlier = await earlierSeed(plan, engine, kept, responses);
  if (earlier) {
    const ageHours = (Date.now() - Date.parse(earlier.seededAt)) / 3_600_000;
    if (ageHours > 12) console.warn(`warning: ${kept.label} was seeded ${ageHours.toFixed(0)} h ago; periods ending today may be thin (--reseed)`);
    // A database kept from an older checkout is brought to this one's schema, as the app would on start.
    const store = await openStoreAt(engine === 'pg' ? { kind: 'pg', url: kept.env.DATABASE_URL! } : { kind: 'sqlite', path: place.file });
    await store.close();
    return { seed: earlier, db: kept };
  }
  await kept.close();
  if (engine === 'sqlite') fs.rmSync(place.infoFile, { force: true });
  const db = await openKeptDb(engine, place, { fresh: true });
  console.log(`seeding ${responses.toLocaleString('en-US')} ratings, ≥ ${plan.offices} offices, ${plan.months} months → ${engineLabel(engine)} ${db.label}`);
  const tsx = require.resolve('tsx/cli', { paths: [ROOT] });
  const target = engine === 'pg' ? ['--database-url', db.env.DATABASE_URL!] : ['--db', place.file];
  const args = [tsx, 'scripts/seed.ts', ...target, '--fresh', '--responses', String(responses), '--offices', String(plan.offices), '--months', String(plan.months)];
  const started = performance.now();
  let peakWal = 0;
  const watch = engine === 'sqlite' ? setInterval(() => (peakWal = Math.max(peakWal, fileSize(`${place.file}-wal`))), 250) : undefined;
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...db.env }, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(watch);
  if (code !== 0) throw new Error(`seeding failed (exit ${code})`);
  const seconds = (performance.now() - started) / 1000;
  let vacuumSeconds: number | undefined;
  if (engine === 'pg') {
    const t0 = performance.now();
    await vacuumAnalyze(db.env.DATABASE_URL!);
    vacuumSeconds = (performance.now() - t0) / 1000;
    const visible = await db.scalar(
      "select coalesce(sum(relallvisible)::float / nullif(sum(relpages), 0), 1) from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace",
    );
    console.log(`VACUUM (ANALYZE): ${vacuumSeconds.toFixed(1)} s; ${(visible * 100).toFixed(0)} % of the tables' pages all-visible`);
  }
  const info: SeedInfo = {
    engine,
    where: db.label,
    responses,
    offices: plan.offices,
    months: plan.months,
    seededAt: new Date().toISOString(),
    seconds,
    vacuumSeconds,
    ...(engine === 'sqlite' ? { peakWalBytes: peakWal, walBytes: fileSize(`${place.file}-wal`) } : {}),
    dbBytes: await db.sizeBytes(),
    reused: false,
  };
  if (engine === 'sqlite') fs.writeFileSync(place.infoFile, JSON.stringify(info, null, 2));
  else await writePgNote(place.database, JSON.stringify(info));
  return { seed: info, db };
}
