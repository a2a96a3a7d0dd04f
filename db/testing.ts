import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from './client';

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
