import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stopAppNow } from '../dashboard/http';
import { describePgServer, type Engine, type PgServer } from './engines';
import { RESULTS_DIR, ROOT } from './processes';

/**
 * The frame of a benchmark measured per engine and size (bench:dashboard,
 * bench:officials): the app server and the measuring child are stopped on
 * any way out; every size runs on every engine with one clock (both engines
 * at a size read the same periods); the tables are printed and the report
 * written to bench/results/<name>-<time>.md and .json.
 */
export function runSizedBenchmark<R>(o: {
  name: string;
  engines: Engine[];
  sizes: number[];
  /** The child process measuring right now, if any (killed on exit). */
  measuring: () => ChildProcess | null;
  runSize: (engine: Engine, size: number, stamp: string, now: Date) => Promise<R>;
  print: (results: R[]) => void;
  report: (results: R[], stamp: string, now: Date, pgServer: PgServer | null) => string;
}): void {
  const stopChildren = () => {
    stopAppNow();
    o.measuring()?.kill('SIGKILL');
  };
  const main = async () => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(sig, () => {
        stopChildren();
        process.exit(130);
      });
    }
    process.on('exit', stopChildren);
    const pgServer = o.engines.includes('pg') ? await describePgServer() : null;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 16);
    const now = new Date();
    const results: R[] = [];
    for (const size of o.sizes) for (const engine of o.engines) results.push(await o.runSize(engine, size, stamp, now));
    o.print(results);
    const md = o.report(results, stamp, now, pgServer);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const mdFile = path.join(RESULTS_DIR, `${o.name}-${stamp}.md`);
    fs.writeFileSync(mdFile, md);
    fs.writeFileSync(path.join(RESULTS_DIR, `${o.name}-${stamp}.json`), JSON.stringify({ argv: process.argv.slice(2), engines: o.engines, pgServer, results }, null, 2));
    const over = md.split('## Over the aims')[1];
    if (over) console.log(`\nOver the aims:${over}`);
    console.log(`report: ${path.relative(ROOT, mdFile)}`);
  };
  main().catch((err) => {
    console.error(err);
    stopChildren();
    process.exit(1);
  });
}
