/**
 * Recomputes the dashboards' rollups from the raw responses and answers, in
 * one write transaction, and says whether there was anything to fix. It holds
 * the write lock for seconds on a large database (≈ 7 s per million responses
 * on SQLite), longer than the app's busy timeout: stop the app, or run it
 * when nobody is rating. On PostgreSQL new ratings wait for it.
 *
 *   npx tsx scripts/rebuild-rollups.ts [--db data/hai-long.db] [--database-url postgres://…] [--check]
 *   npm run rollups:rebuild -- --db data/hai-long.db
 *
 * --check: compute and compare only, change nothing (the rebuild is rolled
 * back); exit 1 when something would be fixed.
 *
 * storeRating and the seeder keep the rollups current; this repairs them.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.DATABASE_PATH || 'data/hai-long.db' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL },
    check: { type: 'boolean', default: false },
  },
});

async function main() {
  const url = values['database-url'];
  // The engine is chosen when db/schema.ts loads: set the environment before importing db/.
  if (url && /^postgres(ql)?:\/\//i.test(url)) process.env.DATABASE_URL = url;
  else {
    delete process.env.DATABASE_URL;
    if (!fs.existsSync(values.db)) {
      console.error(`Lỗi: không tìm thấy ${values.db}`);
      process.exit(1);
    }
    process.env.DATABASE_PATH = values.db;
  }
  const { closeStore, getStore } = await import('@/db/store');
  const { ROLLUP_TABLES, rebuildRollupsAndCompare } = await import('@/db/queries/rollups');
  const store = await getStore();
  const started = performance.now();
  const { counts, changed } = await rebuildRollupsAndCompare({ dryRun: values.check });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  await closeStore();

  console.log(`Cơ sở dữ liệu: ${store.location}`);
  for (const t of ROLLUP_TABLES) console.log(`${t}: ${counts[t].toLocaleString('vi-VN')} dòng`);
  if (!changed.length) console.log('Không có gì phải sửa: số liệu tổng hợp đã khớp với dữ liệu gốc.');
  else if (values.check) console.log(`Cần sửa ${changed.join(', ')}: các bảng này không khớp với dữ liệu gốc (chưa sửa, chạy lại không có --check để sửa).`);
  else console.log(`Đã sửa ${changed.join(', ')}: trước khi tính lại, các bảng này không khớp với dữ liệu gốc.`);
  console.log(`${values.check ? 'Kiểm tra' : 'Tính lại'} trong ${seconds} giây.`);
  if (values.check && changed.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
