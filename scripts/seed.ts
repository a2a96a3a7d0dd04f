/**
 * Seeds a database with the demo province and its ratings.
 *
 *   npx tsx scripts/seed.ts [--db data/hai-long.db | --database-url postgres://…] [--responses 12000]
 *                           [--fresh | --add] [--seed N] [--offices N] [--months 6]
 *
 * --db names the SQLite file; --database-url a PostgreSQL database instead
 * (default: DATABASE_URL if it is one, else DATABASE_PATH). --fresh deletes
 * the file (and its -wal/-shm) first, or on PostgreSQL drops the app's tables;
 * --add only adds ratings to an already seeded database (benchmarks use it to
 * reach millions of rows). --offices adds sample communes ("Xã Mẫu 1", …, each
 * with its one-stop centre) until the province has at least N active rateable
 * offices (the demo has 21); --months spreads the ratings over the M months
 * before now.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

function readArgs() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: process.env.DATABASE_PATH || 'data/hai-long.db' },
      'database-url': { type: 'string' },
      responses: { type: 'string', default: '12000' },
      seed: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      add: { type: 'boolean', default: false },
      offices: { type: 'string', default: '0' },
      months: { type: 'string', default: '6' },
    },
  });
  const responses = Number(values.responses);
  // Absent: the seed module's DEFAULT_SEED.
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!Number.isInteger(responses) || responses < 0) fail(`--responses phải là số nguyên không âm (nhận "${values.responses}")`);
  if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed phải là số nguyên (nhận "${values.seed}")`);
  const offices = Number(values.offices);
  const months = Number(values.months);
  if (!Number.isInteger(offices) || offices < 0) fail(`--offices phải là số nguyên không âm (nhận "${values.offices}")`);
  if (!Number.isInteger(months) || months < 1) fail(`--months phải là số nguyên dương (nhận "${values.months}")`);
  if (values.fresh && values.add) fail('Không dùng --fresh cùng --add: --add cần một cơ sở dữ liệu đã có dữ liệu mẫu');
  const url = values['database-url'];
  if (url !== undefined && !/^postgres(ql)?:\/\//i.test(url.trim())) fail(`--database-url phải là một địa chỉ postgres://… (nhận "${url}")`);
  return { file: values.db, url, responses, seed, fresh: values.fresh, add: values.add, offices, months };
}

function fail(message: string): never {
  console.error(`Lỗi: ${message}`);
  process.exit(1);
}

function deleteDatabase(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const args = readArgs();
  // The engine is chosen when db/schema.ts loads: the environment is set before anything from db/ is imported.
  if (args.url) process.env.DATABASE_URL = args.url;
  else process.env.DATABASE_PATH = args.file;
  const { engineKind } = await import('@/db/engine/kind');
  const pg = engineKind() === 'pg';
  const { closeStore, getStore } = await import('@/db/store');
  const seeding = await import('@/db/seed');

  if (args.fresh && !pg) deleteDatabase(args.file);
  if (args.add && !pg && !fs.existsSync(args.file)) fail(`không tìm thấy ${args.file}; chạy trước không có --add để tạo dữ liệu mẫu`);
  const started = performance.now();
  const where = pg ? (await getStore()).location : args.file;
  if (args.fresh && pg) {
    await seeding.dropAppSchema();
    // Opened again, the store migrates the empty database.
    await closeStore();
  }
  const now = new Date();

  if (args.add) {
    if (!(await seeding.hasUnits())) fail(`${where} chưa có dữ liệu mẫu; chạy trước không có --add`);
    const units = await seeding.addSampleOffices({ offices: args.offices });
    if (units > 0) console.log(`Đã thêm ${units / 2} xã mẫu, mỗi xã một trung tâm phục vụ hành chính công.`);
    const added = await seeding.seedResponses({ count: args.responses, now, seed: args.seed, months: args.months });
    console.log(`Đã thêm ${added.toLocaleString('vi-VN')} lượt đánh giá vào ${where}.`);
  } else {
    const seeded = await seeding.seedDemoIfEmpty({ responses: args.responses, now, seed: args.seed, months: args.months, offices: args.offices });
    if (!seeded) {
      console.log(`${where} đã có dữ liệu, không tạo thêm. Dùng --fresh để tạo lại hoặc --add để thêm lượt đánh giá.`);
    } else {
      console.log(`Đã tạo dữ liệu mẫu trong ${where}: ${seeded.units} đơn vị, ${seeded.responses.toLocaleString('vi-VN')} lượt đánh giá.`);
    }
  }

  const bytes = await seeding.settleAndMeasure();
  await closeStore();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const size = bytes ?? (fs.existsSync(args.file) ? fs.statSync(args.file).size : 0);
  console.log(`Thời gian: ${seconds} giây; kích thước ${pg ? 'cơ sở dữ liệu' : 'tệp'}: ${megabytes(size)}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
