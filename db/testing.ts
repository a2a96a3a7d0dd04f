import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from './client';
import { DEMO_CODES, seedDemoIfEmpty } from './seed';

/**
 * A fresh, migrated SQLite file for one test (never a mock): WAL, foreign
 * keys and unique indexes behave exactly as in production. Deleted on close.
 */
export function openTestDb(): Db & { dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-test-'));
  const db = openDb(path.join(dir, 'test.db'));
  return Object.assign(db, {
    dispose() {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

type UnitRef = { id: number; path: string };

/**
 * A test database seeded with the demo province and `responses` ratings in
 * the months before `now`, with the units tests ask about: the province (the
 * root), the provincial centre (DEMO_CODES.centre) and another active office.
 */
export function openDemoTestDb({ responses, now }: { responses: number; now: Date }) {
  const db = openTestDb();
  seedDemoIfEmpty(db, { responses, now });
  const unit = (where: string) => db.$client.prepare(`select id, path from units where ${where}`).get() as UnitRef;
  return {
    db,
    province: unit('parent_id is null'),
    centre: unit(`code = '${DEMO_CODES.centre}'`),
    other: unit(`code is not null and code <> '${DEMO_CODES.centre}' and active = 1 order by id desc limit 1`),
  };
}
