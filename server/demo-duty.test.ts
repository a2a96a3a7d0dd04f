import { afterEach, expect, it } from 'vitest';
import { officialOnDuty } from '@/db/queries/duty';
import { rebuildRollups } from '@/db/queries/rollups';
import { openDemoTestStore, type TestStore } from '@/db/testing';

let t: TestStore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const officialRollups = async () =>
  (
    await t!.conn.all<Record<string, unknown>>(
      'select official_id, day, question_key, excluded, n1, n2, n3, n4, n5 from rollup_official_days order by official_id, day, question_key, excluded',
    )
  ).map((r) => Object.values(r).map((v) => (typeof v === 'string' ? v : Number(v))));

it('the demo has weekly schedules, and its seeded ratings at counters are attributed by them, rollups included', async () => {
  const demo = await openDemoTestStore({ responses: 1500, now: new Date('2026-12-04T10:00:00Z') });
  t = demo.t;
  expect(Number(await t.conn.value('select count(*) from duty_templates'))).toBeGreaterThan(0);
  const attributed = Number(await t.conn.value('select count(*) from responses where official_id is not null'));
  expect(attributed).toBeGreaterThan(0);
  expect(Number(await t.conn.value('select count(*) from responses where counter_id is null and official_id is not null'))).toBe(0);
  // Every rating at a counter carries what the submit path's lookup finds for it.
  const sample = await t.conn.all<{ counterId: number; submittedAt: number; officialId: number | null }>(
    'select counter_id as "counterId", submitted_at as "submittedAt", official_id as "officialId" from responses where counter_id is not null order by id limit 300',
  );
  for (const r of sample) expect(r.officialId === null ? null : Number(r.officialId)).toBe(await officialOnDuty(Number(r.counterId), Number(r.submittedAt)));
  const kept = await officialRollups();
  expect(kept.length).toBeGreaterThan(0);
  await rebuildRollups();
  expect(await officialRollups()).toEqual(kept);
});
