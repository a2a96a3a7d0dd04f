import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { throttleEvents, units } from './schema';
import { transaction, withConn } from './store';
import { PLAN_EACH_TIME } from './engine/dialect';
import { openTestStore, type TestStore } from './testing';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.dispose());

const countEvents = () => withConn((c) => c.value<number>('select count(*) from throttle_events'));
const addEvent = (key: string) => withConn((c) => c.run('insert into throttle_events (scope, key, at) values (?, ?, ?)', ['test', key, Date.now()]));

describe('the store (both engines)', () => {
  it('reads raw rows with quoted aliases, counts as numbers and booleans as 0/1', async () => {
    await t.conn.db.insert(units).values({ path: '/', kind: 'province', name: 'Tỉnh', searchName: 'tinh', active: false });
    const row = await withConn((c) =>
      c.get<{ unitId: number; active: number; n: number }>('select id as "unitId", active, (select count(*) from units) as n from units where name = @name', { name: 'Tỉnh' }),
    );
    expect(row).toEqual({ unitId: expect.any(Number), active: 0, n: 1 });
    const [unit] = await t.conn.db.select().from(units).where(eq(units.id, row!.unitId));
    expect(unit!.active).toBe(false);
    expect(unit!.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(unit!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('binds dates as epoch milliseconds and booleans on either engine', async () => {
    const at = new Date('2026-03-01T02:00:00Z');
    await withConn((c) => c.run('insert into throttle_events (scope, key, at) values (@scope, @key, @at)', { scope: 's', key: 'k', at }));
    expect(await withConn((c) => c.value<number>('select at from throttle_events'))).toBe(at.getTime());
    expect(await withConn((c) => c.value<number>('select count(*) from units where active = ?', [true]))).toBe(0);
  });

  it('commits a transaction, and undoes all of it when it throws', async () => {
    await transaction(async () => {
      await addEvent('a');
      await addEvent('b');
    });
    await expect(
      transaction(async () => {
        await addEvent('c');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await countEvents()).toBe(2);
  });

  it('makes a nested transaction a savepoint: its failure undoes only its own work', async () => {
    await transaction(async () => {
      await addEvent('outer');
      await transaction(async () => {
        await addEvent('inner');
        throw new Error('inner fails');
      }).catch(() => undefined);
    });
    expect(await withConn((c) => c.all<{ key: string }>('select key from throttle_events'))).toEqual([{ key: 'outer' }]);
  });

  it('keeps concurrent read-then-write transactions on one key from both passing a limit', async () => {
    // Ten requests each "count, and add one if under 3": exactly 3 may pass, whichever engine counts.
    const attempt = () =>
      transaction(async (c) => {
        await c.lock('throttle:test:k');
        const n = await c.value<number>("select count(*) from throttle_events where key = 'k'");
        if (n! >= 3) return false;
        await new Promise((resolve) => setTimeout(resolve, 5));
        await c.run("insert into throttle_events (scope, key, at) values ('test', 'k', 0)");
        return true;
      });
    const passed = await Promise.all(Array.from({ length: 10 }, attempt));
    expect(passed.filter(Boolean)).toHaveLength(3);
    expect(await countEvents()).toBe(3);
  });

  it('lets work outside a transaction call other query functions without waiting on itself', async () => {
    const n = await withConn(async () => {
      await addEvent('x');
      return transaction(async () => {
        await addEvent('y');
        return countEvents();
      });
    });
    expect(n).toBe(2);
  });

  it('builds with drizzle and reads back the same values on either engine', async () => {
    const [inserted] = await t.conn.db.insert(throttleEvents).values({ scope: 's', key: 'k', at: new Date(1_700_000_000_123) }).returning();
    expect(inserted!.at.getTime()).toBe(1_700_000_000_123);
    expect(typeof inserted!.id).toBe('number');
  });

  it('runs a deferred write by the commit: read back in its own transaction, stored after, undone with the rest', async () => {
    const defer = (key: string, at = 7) =>
      withConn((c) => c.runDeferred("insert into throttle_events (scope, key, at) values ('deferred', ?, ?)", [key, at]));
    const seen = await transaction(async () => {
      await defer("it's \\ quoted");
      await defer('second', 1_796_428_926_827);
      return countEvents();
    });
    expect(seen).toBe(2);
    expect(await withConn((c) => c.all<{ key: string; at: number }>("select key, at from throttle_events where scope = 'deferred' order by id"))).toEqual([
      { key: "it's \\ quoted", at: 7 },
      { key: 'second', at: 1_796_428_926_827 },
    ]);

    // Deferred writes only: they, and the transaction, still happen.
    await transaction(() => defer('alone'));
    // A throw after deferring: nothing of it is stored.
    await expect(
      transaction(async () => {
        await addEvent('before');
        await defer('never');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await countEvents()).toBe(3);
  });

  it('fails the whole transaction when a deferred write fails at the commit', async () => {
    await expect(
      transaction(async (c) => {
        await c.lock('test:"quoted" \\ key');
        await addEvent('kept only if all commits');
        await c.runDeferred('insert into no_such_table (x) values (?)', [1]);
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await countEvents()).toBe(0);
    // The connection went back to the pool fit for the next transaction.
    await transaction(() => addEvent('next'));
    expect(await countEvents()).toBe(1);
  });

  it('reads after its locks, and keeps hostile values as data, when they travel together', async () => {
    const hostile = "x'); delete from throttle_events; --\\'";
    await addEvent('before');
    const read = await transaction(async (c) => {
      await c.lock(`device:${hostile}`);
      await c.run('insert into throttle_events (scope, key, at) values (?, ?, ?)', ['test', hostile, 1]);
      return c.all<{ key: string }>('select key from throttle_events order by id');
    });
    expect(read).toEqual([{ key: 'before' }, { key: hostile }]);
    expect(await countEvents()).toBe(2);
  });

  it('goes on after a savepoint undoes a statement that failed with the locks it carried', async () => {
    const outcome = await transaction(async (c) => {
      const tries: string[] = [];
      for (const key of ['taken', 'free']) {
        try {
          await transaction(async (inner) => {
            await inner.lock(`survey-code:${key}`);
            // Stands in for a code another request took: the statement sent with the lock fails.
            if (key === 'taken') await inner.run('insert into no_such_table (x) values (?)', [key]);
            await inner.run("insert into throttle_events (scope, key, at) values ('test', ?, 1)", [key]);
          });
          tries.push(`${key}: stored`);
        } catch {
          tries.push(`${key}: refused`);
        }
      }
      return { tries, keys: await c.all<{ key: string }>('select key from throttle_events') };
    });
    expect(outcome).toEqual({ tries: ['taken: refused', 'free: stored'], keys: [{ key: 'free' }] });
  });
  it('runs the same statements again after a message that failed before reaching them, and after a rollback that never sent them', async () => {
    // On PostgreSQL statements sent with what a transaction owes run as plans prepared once per connection (PREPARE,
    // then EXECUTE): a plan whose PREPARE never ran must not be taken for one that did.
    const defer = (key: string) => withConn((c) => c.runDeferred("insert into throttle_events (scope, key, at) values ('plans', ?, 1)", [key]));
    const insert = (key: string) => withConn((c) => c.run("insert into throttle_events (scope, key, at) values ('plans', ?, 2)", [key]));
    for (let i = 0; i < 4; i++) {
      // The message fails at its first statement: the PREPAREs after it never run.
      await expect(
        transaction(async (c) => {
          await c.runDeferred('insert into no_such_table (x) values (?)', [i]);
          await defer(`lost ${i}`);
          await insert(`lost too ${i}`);
        }),
      ).rejects.toThrow(/no_such_table/);
      // A deferred write thrown away unsent, with its PREPARE.
      await expect(
        transaction(async () => {
          await defer(`unsent ${i}`);
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await transaction(async () => {
        await defer(`kept ${i}`);
        await insert(`kept too ${i}`);
      });
    }
    expect(await withConn((c) => c.all<{ key: string }>("select key from throttle_events where scope = 'plans' order by id"))).toEqual(
      [0, 1, 2, 3].flatMap((i) => [{ key: `kept ${i}` }, { key: `kept too ${i}` }]),
    );
  });

  it('ends a transaction with its last statement: read after the commit, nothing may run after it; in a savepoint it commits nothing', async () => {
    const defer = (key: string) => withConn((c) => c.runDeferred("insert into throttle_events (scope, key, at) values ('deferred', ?, 1)", [key]));
    // Locks, a deferred write and the last statement, in one message with COMMIT on PostgreSQL.
    const last = await transaction(async (c) => {
      await c.lock('alerts:test');
      await addEvent('first');
      await defer('with the commit');
      return c.allAtCommit<{ n: number }>('select count(*) as "n" from throttle_events');
    });
    expect(last).toEqual([{ n: 2 }]);
    expect(await countEvents()).toBe(2);

    if (t.kind === 'pg') {
      // The transaction is over: a later statement in it is refused rather than run outside it.
      await expect(
        transaction(async (c) => {
          await c.allAtCommit('select 1');
          await addEvent('after the end');
        }),
      ).rejects.toThrow(/ended/);
      expect(await countEvents()).toBe(2);
    }

    // Inside a caller's transaction it is a statement like any other: undone with the caller.
    await expect(
      transaction(async () => {
        await transaction(async (inner) => {
          await addEvent('inner');
          await inner.allAtCommit('select 1');
        });
        await addEvent('outer');
        throw new Error('undo all');
      }),
    ).rejects.toThrow('undo all');
    expect(await countEvents()).toBe(2);
  });

  it('costs a random page as on SSDs on PostgreSQL (ADR 017, "Planner costs")', async () => {
    if (t.kind !== 'pg') return;
    expect(await withConn((c) => c.value<string>('show random_page_cost'))).toBe('1.1');
  });

  it('plans a statement marked PLAN_EACH_TIME with its values each time: PostgreSQL keeps no prepared statement for it', async () => {
    const marked = `${PLAN_EACH_TIME}select count(*) as "n" from throttle_events where key = @key`;
    const plain = 'select count(*) as "n" from throttle_events where scope = @scope';
    await addEvent('a');
    const kept = await transaction(async (c) => {
      for (let i = 0; i < 7; i++) {
        expect(await c.all(marked, { key: 'a' })).toEqual([{ n: 1 }]);
        expect(await c.all(plain, { scope: 'test' })).toEqual([{ n: 1 }]);
      }
      return c.kind === 'pg' ? c.all<{ statement: string }>('select statement from pg_prepared_statements') : [];
    });
    if (t.kind === 'pg') {
      expect(kept.some((r) => r.statement.includes('where scope ='))).toBe(true);
      expect(kept.some((r) => r.statement.includes('where key ='))).toBe(false);
    }
  });
});
