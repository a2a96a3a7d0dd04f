import { randomUUID } from 'node:crypto';
import { users } from './schema';
import { installStore, withConn } from './store';
import { openEngineTestStore, type TestStore } from './test-engines';

export type { TestStore } from './test-engines';
import type { Role, Viewer } from '@/lib/auth/roles';
import type { NewResponse } from './queries/responses';
import { DEMO_CODES, seedDemoIfEmpty } from './seed';

type UnitRef = { id: number; path: string };

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
