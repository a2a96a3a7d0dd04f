import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from './client';
import { openSqliteStore } from './engine/sqlite';
import { users } from './schema';
import { installStore, withConn } from './store';
import { openEngineTestStore, type TestStore } from './test-engines';

export type { TestStore } from './test-engines';
import type { Role, Viewer } from '@/lib/auth/roles';
import type { NewResponse } from './queries/responses';
import { createUser } from './queries/users';
import { DEMO_CODES, seedDemoIfEmpty } from './seed';
import { seedDemoIfEmpty as seedDemoIfEmptyLegacy } from './seed-legacy';

/**
 * A fresh, migrated SQLite file for one test (never a mock): WAL, foreign
 * keys and unique indexes behave exactly as in production. Deleted on close.
 */
export function openTestDb(): Db & { dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-test-'));
  const store = openSqliteStore(path.join(dir, 'test.db'));
  // TRANSITIONAL (issue 12): async query functions called by a test still on this helper use the same file.
  installStore(store);
  const db = Object.assign(store.db, { $client: store.sqlite }) as Db;
  return Object.assign(db, {
    dispose() {
      installStore(null);
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
  seedDemoIfEmptyLegacy(db, { responses, now });
  const unit = (where: string) => db.$client.prepare(`select id, path from units where ${where}`).get() as UnitRef;
  return {
    db,
    province: unit('parent_id is null'),
    centre: unit(`code = '${DEMO_CODES.centre}'`),
    other: unit(`code is not null and code <> '${DEMO_CODES.centre}' and active = 1 order by id desc limit 1`),
  };
}

/**
 * A fresh database on this run's engine (as `openTestStore`) seeded with the
 * demo province and `responses` ratings in the months before `now`, with
 * the units tests ask about: the province (the root), the provincial centre
 * (DEMO_CODES.centre) and another active office.
 */
export async function openDemoTestStore({ responses, now }: { responses: number; now: Date }) {
  const t = await openTestStore();
  try {
    await seedDemoIfEmpty({ responses, now });
    const unit = async (where: string, params: unknown[] = []) => (await t.conn.get<UnitRef>(`select id, path from units where ${where}`, params))!;
    return {
      t,
      province: await unit('parent_id is null'),
      centre: await unit('code = ?', [DEMO_CODES.centre]),
      other: await unit('code is not null and code <> ? and active = true order by id desc limit 1', [DEMO_CODES.centre]),
    };
  } catch (error) {
    await t.dispose();
    throw error;
  }
}

/**
 * A rating as the survey submits it, for tests that store ratings through the
 * real submit path (createResponse): anonymous, no abuse signals, Q1 and Q2
 * answered (5 and 4 unless `q1`/`q2` say otherwise), received when given.
 */
export function testResponse({
  q1 = 5,
  q2 = 4,
  ...over
}: Partial<NewResponse> & Pick<NewResponse, 'unitId' | 'questionSetVersionId' | 'submittedAt'> & { q1?: number; q2?: number }): NewResponse {
  return {
    clientId: randomUUID(),
    counterId: null,
    channel: 'qr',
    receivedAt: over.submittedAt,
    lang: 'vi',
    procedureFieldId: null,
    comment: null,
    answers: [
      { questionKey: 'q1', score: q1, choice: null },
      { questionKey: 'q2', score: q2, choice: null },
    ],
    contact: null,
    deviceHash: null,
    networkHash: null,
    ...over,
  };
}

/** A staff account with `role` over `scope`, as the viewer every scoped query takes. */
export function createTestViewer(db: Db, role: Role, scope: { id: number; path: string }, username: string, displayName = username): Viewer {
  const user = createUser(db, {
    user: { username, email: null, displayName, passwordHash: 'x', role, scopeUnitId: scope.id, mustChangePassword: false },
    actorId: null,
  });
  return { userId: user.id, role, displayName, scopeUnitId: scope.id, scopePath: scope.path, scopeName: '', mustChangePassword: false };
}

/**
 * A fresh, migrated database on this run's engine (SQLite in the `sqlite`
 * vitest project, PostgreSQL in `pg`), installed as the store every query
 * function uses until `dispose()`. Tests open one per test:
 *
 *   let t: TestStore;
 *   beforeEach(async () => { t = await openTestStore(); });
 *   afterEach(() => t.dispose());
 */
export async function openTestStore(): Promise<TestStore> {
  const store = await openEngineTestStore();
  const close = store.dispose;
  installStore(store);
  return Object.assign(store, {
    async dispose() {
      installStore(null);
      await close();
    },
  });
}

/** A staff account with `role` over `scope` in the installed test store, as the viewer every scoped query takes. */
export async function addTestViewer(role: Role, scope: { id: number; path: string }, username: string, displayName = username): Promise<Viewer> {
  const [user] = await withConn((c) =>
    c.db
      .insert(users)
      .values({ username, email: null, displayName, passwordHash: 'x', role, scopeUnitId: scope.id, mustChangePassword: false })
      .returning({ id: users.id }),
  );
  return { userId: user!.id, role, displayName, scopeUnitId: scope.id, scopePath: scope.path, scopeName: '', mustChangePassword: false };
}
