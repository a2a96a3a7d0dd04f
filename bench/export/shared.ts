/**
 * What bench/export/run.ts and concurrent.ts share: the seeded database on
 * each engine (kept and reused with `--reuse`), the figures a file must
 * match, counting CSV records, and the /api/health prober that shows whether
 * an export starves other requests.
 */
import os from 'node:os';
import path from 'node:path';
import { dayKeyOf, dayStart } from '../../lib/indicators/periods';
import { engineLabel, onEachEngine, seedBenchDb, type BenchDb, type Engine } from '../lib/engines';

export const EXPORT_DB_DIR = path.join(os.tmpdir(), 'hailong-bench-export');

export type ExportDbFlags = {
  responses: number;
  /** Keep the seeded database (SQLite `<dbDir>/export_<N>.db`, PostgreSQL `hl_bench_export_<N>`) and reuse it. */
  reuse: boolean;
  reseed: boolean;
  dbDir: string;
};

/** The period that holds every rating, and how many valid (not excluded) ratings a file of it should have. */
export type Expected = { from: string; to: string; valid: number; all: number };

export type Seeded = { seedSeconds: number | null; expected: Expected };

/**
 * `measure` on each engine's database, seeded with the demo province and
 * `responses` ratings unless a kept one (`reuse`) holds them: SQLite
 * `<dbDir>/export_<N>.db`, PostgreSQL `hl_bench_export_<N>`; without
 * `reuse`, new databases in `work`, dropped afterwards.
 */
export function onEachExportDb<T>(engines: Engine[], f: ExportDbFlags, work: string, measure: (db: BenchDb, seeded: Seeded) => Promise<T>) {
  return onEachEngine(
    engines,
    `export_${f.responses}`,
    f.reuse ? f.dbDir : work,
    async (db) => {
      const seedSeconds = await seedBenchDb(db, { responses: f.responses, reseed: f.reseed });
      if (seedSeconds === null) console.log(`${engineLabel(db.engine)}: reusing ${db.label}`);
      return measure(db, { seedSeconds, expected: await expectedExport(db) });
    },
    { keep: f.reuse },
  );
}

export async function expectedExport(db: BenchDb): Promise<Expected> {
  const [span] = await db.rows<{ first: number | string; last: number | string }>('select min(submitted_at) as first, max(submitted_at) as last from responses');
  const from = dayKeyOf(Number(span!.first));
  const to = dayKeyOf(Math.min(Number(span!.last), Date.now()));
  const [counts] = await db.rows<{ valid: number | string; all: number | string }>(
    'select sum(case when excluded = false then 1 else 0 end) as valid, count(*) as "all" from responses where submitted_at >= ? and submitted_at < ?',
    [dayStart(from), dayStart(to) + 86_400_000],
  );
  return { from, to, valid: Number(counts!.valid), all: Number(counts!.all) };
}

/** Counts CSV records (CRLF outside quotes) as the bytes go by, without keeping them. */
export function csvRecordCounter() {
  let inQuotes = false;
  let records = 0;
  let prev = 0;
  return {
    push(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 0x22) inQuotes = !inQuotes;
        else if (b === 0x0a && prev === 0x0d && !inQuotes) records++;
        prev = b;
      }
    },
    get records() {
      return records;
    },
  };
}

/** Asks /api/health every 250 ms until stopped; the slowest answer and how many were asked. */
export function startHealthProbe(base: string) {
  let running = true;
  let maxMs = 0;
  let count = 0;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await (await fetch(`${base}/api/health`)).arrayBuffer();
      maxMs = Math.max(maxMs, performance.now() - t);
      count++;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { maxMs, count };
    },
  };
}
