/**
 * Recomputes the dashboards' rollups from the raw responses and answers of a
 * database file, in one write transaction. It holds the write lock for
 * seconds on a large file (≈ 7 s per million responses), longer than the
 * app's busy timeout: stop the app, or run it when nobody is rating.
 *
 *   npx tsx scripts/rebuild-rollups.ts [--db data/hai-long.db]
 *   npm run rollups:rebuild -- --db data/hai-long.db
 *
 * createResponse and the seeder keep the rollups current; this repairs them,
 * and says whether there was anything to repair.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { ROLLUP_TABLES, rebuildRollups } from '@/db/queries/rollups';

const { values } = parseArgs({ options: { db: { type: 'string', default: process.env.DATABASE_PATH || 'data/hai-long.db' } } });
const file = values.db;
if (!fs.existsSync(file)) {
  console.error(`Lỗi: không tìm thấy ${file}`);
  process.exit(1);
}

const db = openDb(file);
const sqlite = db.$client;
let seconds = '';
// One transaction around the copy, the rebuild and the comparison, so no submit lands in between.
const { counts, changed } = sqlite
  .transaction(() => {
    for (const t of ROLLUP_TABLES) sqlite.exec(`create temp table old_${t} as select * from ${t}`);
    const started = performance.now();
    const counts = rebuildRollups(db);
    seconds = ((performance.now() - started) / 1000).toFixed(2);
    const differs = (t: string) =>
      sqlite.prepare(`select exists (select * from old_${t} except select * from ${t}) or exists (select * from ${t} except select * from old_${t})`).pluck().get() === 1;
    const changed = ROLLUP_TABLES.filter(differs);
    for (const t of ROLLUP_TABLES) sqlite.exec(`drop table old_${t}`);
    return { counts, changed };
  })
  .immediate();
sqlite.close();

for (const t of ROLLUP_TABLES) console.log(`${t}: ${counts[t].toLocaleString('vi-VN')} dòng`);
console.log(
  changed.length
    ? `Đã sửa ${changed.join(', ')}: trước khi tính lại, các bảng này không khớp với dữ liệu gốc.`
    : 'Không có gì phải sửa: số liệu tổng hợp đã khớp với dữ liệu gốc.',
);
console.log(`Tính lại trong ${seconds} giây.`);
