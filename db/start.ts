import { parseEnv } from '@/lib/env';
import { getDb } from './client';
import { seedDemoIfEmpty } from './seed';

/** Start-up of a server process; a bad configuration stops it with every problem listed. */
export function startUp() {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`\nHài Lòng không khởi động được — cấu hình không hợp lệ:\n  - ${parsed.problems.join('\n  - ')}\n`);
    process.exit(1);
  }
  const { env } = parsed;
  const db = getDb();
  if (env.HAILONG_MODE === 'demo' || env.HAILONG_MODE === 'test') {
    const seeded = seedDemoIfEmpty(db, { responses: env.SEED_RESPONSES, now: new Date() });
    if (seeded) console.log(`Đã tạo dữ liệu mẫu: ${seeded.units} đơn vị, ${seeded.responses} lượt đánh giá.`);
  }
}
