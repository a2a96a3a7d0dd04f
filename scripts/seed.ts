/**
 * Seeds a database file with the demo province and its ratings.
 *
 *   npx tsx scripts/seed.ts [--db data/hai-long.db] [--responses 12000] [--fresh | --add] [--seed N]
 *                           [--offices N] [--months 6]
 *
 * --fresh deletes the file (and its -wal/-shm) first; --add only adds ratings
 * to an already seeded database (benchmarks use it to reach millions of rows).
 * --offices adds sample communes ("Xã Mẫu 1", …, each with its one-stop
 * centre) until the province has at least N active rateable offices (the demo
 * has 21); --months spreads the ratings over the M months before now.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { countUnits } from '@/db/queries/units-legacy';
import { addSampleOffices, DEFAULT_SEED, seedDemoIfEmpty, seedResponses } from '@/db/seed';

function readArgs() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: process.env.DATABASE_PATH || 'data/hai-long.db' },
      responses: { type: 'string', default: '12000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      fresh: { type: 'boolean', default: false },
      add: { type: 'boolean', default: false },
      offices: { type: 'string', default: '0' },
      months: { type: 'string', default: '6' },
    },
  });
  const responses = Number(values.responses);
  const seed = Number(values.seed);
  if (!Number.isInteger(responses) || responses < 0) fail(`--responses phải là số nguyên không âm (nhận "${values.responses}")`);
  if (!Number.isInteger(seed)) fail(`--seed phải là số nguyên (nhận "${values.seed}")`);
  const offices = Number(values.offices);
  const months = Number(values.months);
  if (!Number.isInteger(offices) || offices < 0) fail(`--offices phải là số nguyên không âm (nhận "${values.offices}")`);
  if (!Number.isInteger(months) || months < 1) fail(`--months phải là số nguyên dương (nhận "${values.months}")`);
  if (values.fresh && values.add) fail('Không dùng --fresh cùng --add: --add cần một cơ sở dữ liệu đã có dữ liệu mẫu');
  return { file: values.db, responses, seed, fresh: values.fresh, add: values.add, offices, months };
}

function fail(message: string): never {
  console.error(`Lỗi: ${message}`);
  process.exit(1);
}

function deleteDatabase(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

function sizeOf(file: string): string {
  const bytes = fs.existsSync(file) ? fs.statSync(file).size : 0;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function main() {
  const args = readArgs();
  if (args.fresh) deleteDatabase(args.file);
  if (args.add && !fs.existsSync(args.file)) fail(`không tìm thấy ${args.file}; chạy trước không có --add để tạo dữ liệu mẫu`);
  const started = performance.now();
  const db = openDb(args.file);
  const now = new Date();

  if (args.add) {
    if (countUnits(db) === 0) fail(`${args.file} chưa có dữ liệu mẫu; chạy trước không có --add`);
    const units = addSampleOffices(db, { offices: args.offices });
    if (units > 0) console.log(`Đã thêm ${units / 2} xã mẫu, mỗi xã một trung tâm phục vụ hành chính công.`);
    const added = seedResponses(db, { count: args.responses, now, seed: args.seed, months: args.months });
    console.log(`Đã thêm ${added.toLocaleString('vi-VN')} lượt đánh giá vào ${args.file}.`);
  } else {
    const seeded = seedDemoIfEmpty(db, { responses: args.responses, now, seed: args.seed, months: args.months, offices: args.offices });
    if (!seeded) {
      console.log(`${args.file} đã có dữ liệu, không tạo thêm. Dùng --fresh để tạo lại hoặc --add để thêm lượt đánh giá.`);
    } else {
      console.log(
        `Đã tạo dữ liệu mẫu trong ${args.file}: ${seeded.units} đơn vị, ${seeded.responses.toLocaleString('vi-VN')} lượt đánh giá.`,
      );
    }
  }

  // Fold the WAL back into the file so the size printed is the real one.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Thời gian: ${seconds} giây; kích thước tệp: ${sizeOf(args.file)}.`);
}

main();
