/**
 * Data retention by hand (domain.md §7): deletes expired contact data and
 * clears old device/network hashes. Safe to run any time; the servers run it
 * daily themselves (server/jobs.ts).
 *   npm run maintenance [-- --db data/hai-long.db]        SQLite (default: DATABASE_PATH)
 *   DATABASE_URL=postgres://… npm run maintenance          PostgreSQL
 *   npm run maintenance -- --database-url postgres://…
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { db: { type: 'string' }, 'database-url': { type: 'string' } } });
// The engine is chosen when db/schema.ts loads: set the environment before importing anything from db/.
if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
if (values.db) process.env.DATABASE_PATH = values.db;

async function main() {
  const { runRetention } = await import('@/db/queries/maintenance');
  const { closeStore } = await import('@/db/store');
  try {
    const result = await runRetention({ now: new Date() });
    console.log(
      `Đã xoá ${result.contactsPurged} thông tin liên hệ hết hạn; đã xoá dấu vết thiết bị/mạng của ${result.signalsCleared} lượt đánh giá cũ; ` +
        `đã xoá ${result.sessionsDeleted} phiên đăng nhập đã kết thúc và ${result.throttleEventsDeleted} sự kiện giới hạn cũ.`,
    );
  } finally {
    await closeStore();
  }
}

main().catch((error: unknown) => {
  const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `tệp SQLite ${process.env.DATABASE_PATH ?? 'data/hai-long.db'}`;
  console.error(`Không chạy được việc dọn dữ liệu trên ${where}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
