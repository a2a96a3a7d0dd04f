/**
 * Daily data retention (domain.md §7): deletes expired contact data and
 * clears old device/network hashes. Safe to run any time; the server also
 * runs it at start-up.   npm run maintenance [-- --db data/hai-long.db]
 */
import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { runRetention } from '@/db/queries/maintenance';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const db = openDb(values.db ?? process.env.DATABASE_PATH ?? 'data/hai-long.db');
const result = runRetention(db, { now: new Date() });
console.log(`Đã xoá ${result.contactsPurged} thông tin liên hệ hết hạn; đã xoá dấu vết thiết bị/mạng của ${result.signalsCleared} lượt đánh giá cũ.`);
db.$client.close();
