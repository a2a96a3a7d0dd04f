import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AbuseRules } from '@/lib/abuse';
import { countByFlag, tallyAnswers } from '@/lib/indicators/counts';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import { storeRating } from './ratings';
import { engineKind } from '@/db/engine/kind';
import { PG_MIGRATIONS } from '@/db/engine/pg';
import { SQLITE_MIGRATIONS } from '@/db/engine/sqlite';
import { CHANNELS } from '@/db/schema';
import { createRng, seedDemoIfEmpty, seedResponses, type Rng } from '@/db/seed';
import { transaction } from '@/db/store';
import { openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addTestCounter, addTestUnit } from '@/db/testing-ratings';
import { addOfficial } from '@/db/testing-reading';
import { createQuestionSet } from '@/db/queries/question-sets';
import type { NewResponse } from '@/db/queries/responses';
import { ROLLUP_TABLES, listExclusions, listScoreCounts, localDayParts, rebuildRollups, rebuildRollupsAndCompare } from '@/db/queries/rollups';

// Tight rules, so a short workload hits flags (both kinds, sometimes together) and refusals.
const RULES: AbuseRules = { deviceWindowMs: 30 * 60_000, deviceLimit: 5, networkWindowMs: 10 * 60_000, networkLimit: 25, networkBurst: 3 };
const HOUR = 3_600_000;

let t: TestStore | undefined;
let versionId: number;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});
const conn = () => (t as TestStore).conn;
const WORKLOAD_TIMEOUT_MS = 180_000;

type Tree = { province: { id: number; path: string }; offices: { id: number; path: string; counters: number[]; officials: number[] }[] };

async function createTree(): Promise<Tree> {
  versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
  const province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const commune = await addTestUnit({ parentId: province.id, kind: 'commune', name: 'Xã A', rateable: false });
  const offices = [
    await addTestUnit({ parentId: province.id, kind: 'centre', name: 'Trung tâm' }),
    await addTestUnit({ parentId: commune.id, kind: 'office', name: 'Bộ phận Một cửa xã A' }),
    await addTestUnit({ parentId: province.id, kind: 'department', name: 'Sở Tư pháp' }),
  ];
  const counterCount = [3, 2, 0];
  const out: Tree = { province, offices: [] };
  for (const [i, o] of offices.entries()) {
    const counters: number[] = [];
    for (let k = 0; k < counterCount[i]!; k++) counters.push((await addTestCounter({ unitId: o.id, name: `Quầy ${k + 1}` })).id);
    const officials = [await addOfficial(o.id, `Cán bộ ${i}A`), await addOfficial(o.id, `Cán bộ ${i}B`)];
    out.offices.push({ id: o.id, path: o.path, counters, officials });
  }
  return out;
}

/** Every rollup row, ordered by all its columns. */
async function snapshot() {
  const ordered = async (table: string) => {
    const columns = (
      await conn().all<{ name: string }>(
        engineKind() === 'pg'
          ? 'select column_name as "name" from information_schema.columns where table_name = ? order by ordinal_position'
          : 'select name from pragma_table_info(?)',
        [table],
      )
    ).map((c) => c.name);
    return conn().all<Record<string, unknown>>(`select * from ${table} order by ${columns.join(', ')}`);
  };
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of ROLLUP_TABLES) out[table] = await ordered(table);
  return out as Record<(typeof ROLLUP_TABLES)[number], Record<string, unknown>[]>;
}
const sumOf = (rows: Record<string, unknown>[], col = 'n') => rows.reduce((s, r) => s + (r[col] as number), 0);
const scalar = async (q: string) => Number(await conn().value(q));

const baseResponse = (over: Partial<NewResponse> & Pick<NewResponse, 'unitId' | 'submittedAt'>): NewResponse =>
  testResponse({ questionSetVersionId: versionId, ...over });

const REASONS = DEFAULT_QUESTION_SET.questions.find((q) => q.key === 'q10')!;
const TRIPS = DEFAULT_QUESTION_SET.questions.find((q) => q.key === 'q8')!;

function randomAnswers(rng: Rng): SubmittedAnswer[] {
  const score = () => 1 + rng.int(5);
  const out: SubmittedAnswer[] = [
    { questionKey: 'q1', score: score(), choice: null },
    { questionKey: 'q2', score: score(), choice: null },
  ];
  for (const key of ['q3', 'q4', 'q5', 'q6', 'q7']) if (rng.next() < 0.3) out.push({ questionKey: key, score: score(), choice: null });
  if (TRIPS.kind === 'choice' && rng.next() < 0.3) out.push({ questionKey: 'q8', score: null, choice: TRIPS.options[rng.int(3)]!.value });
  if (REASONS.kind === 'choice' && Math.min(out[0]!.score!, out[1]!.score!) <= 3 && rng.next() < 0.7) {
    const options = REASONS.options.map((o) => o.value);
    for (let n = 1 + rng.int(3); n > 0; n--) out.push({ questionKey: 'q10', score: null, choice: options.splice(rng.int(options.length), 1)[0]! });
  }
  return out;
}

/**
 * Ratings from a seeded PRNG over about a week, a third of them within half
 * an hour of local midnight (17:00 UTC), some exactly on it; a few devices and
 * networks come back often enough to be flagged; now and then one phone
 * floods one counter, and is flagged, doubly flagged, then refused; some
 * posts are retries of an earlier client id (to the office it was stored
 * for: the same id at another office is refused, responses.ts).
 */
async function randomWorkload(tree: Tree, rng: Rng, count: number) {
  const outcomes = { created: 0, duplicate: 0, rejected: 0, flagged: 0 };
  const clientIds: string[] = [];
  const officeOf = new Map<string, Tree['offices'][number]>();
  let t = Date.parse('2026-11-20T00:00:00Z');
  let flood: { left: number; office: Tree['offices'][number]; counterId: number | null } | null = null;
  for (let i = 0; i < count; i++) {
    const pickOffice = () => tree.offices[rng.int(tree.offices.length)]!;
    const pickCounter = (o: Tree['offices'][number]) => (o.counters.length && rng.next() < 0.7 ? o.counters[rng.int(o.counters.length)]! : null);
    if (!flood && rng.next() < 0.01) {
      const office = pickOffice();
      flood = { left: 10, office, counterId: pickCounter(office) };
    }
    const flooding = flood !== null;
    t += flooding ? rng.int(20_000) : rng.next() < 0.4 ? rng.int(60_000) : rng.int(25 * 60_000);
    const midnight = Math.floor((t + 7 * HOUR) / (24 * HOUR)) * 24 * HOUR - 7 * HOUR;
    const r = rng.next();
    const submittedAt = r < 0.05 ? midnight : r < 0.1 ? midnight - 1 : r < 0.33 ? midnight + rng.int(HOUR) - HOUR / 2 : t;
    const picked = flood?.office ?? pickOffice();
    const counterId = flood ? flood.counterId : pickCounter(picked);
    const clientId = clientIds.length > 0 && rng.next() < 0.05 ? clientIds[rng.int(clientIds.length)]! : `workload-${i}`;
    const retried = officeOf.get(clientId);
    const office = retried ?? picked;
    const result = await storeRating({
      ...baseResponse({ unitId: office.id, submittedAt: new Date(submittedAt) }),
      clientId,
      counterId,
      // Who was on duty (issue 14): most counter ratings name an official, never one without a counter.
      officialId: counterId !== null && i % 5 !== 0 ? office.officials[i % office.officials.length]! : null,
      channel: CHANNELS[rng.int(CHANNELS.length)]!,
      // The server's clock moves on; a kiosk's tap time (submittedAt) may lie before it.
      receivedAt: new Date(t),
      comment: rng.next() < 0.2 ? 'Góp ý' : null,
      answers: randomAnswers(rng),
      deviceHash: flooding ? 'flooding-phone' : rng.next() < 0.6 ? `device-${rng.int(8)}` : null,
      networkHash: flooding ? 'flooding-network' : rng.next() < 0.7 ? `network-${rng.int(3)}` : null,
      rules: RULES,
    });
    if (flood && --flood.left === 0) flood = null;
    outcomes[result.status]++;
    if (result.status === 'created') {
      clientIds.push(clientId);
      officeOf.set(clientId, office);
      if (result.flags.length) outcomes.flagged++;
    }
  }
  return outcomes;
}

describe('rollups kept by storeRating', () => {
  beforeEach(async () => {
    t = await openTestStore();
  });

  it('equal a rebuild from raw rows after a random workload', async () => {
    const tree = await createTree();
    const outcomes = await randomWorkload(tree, createRng(20261128), 1500);
    // The workload exercised every path it claims to.
    expect(outcomes.created).toBeGreaterThan(1000);
    expect(outcomes.duplicate).toBeGreaterThan(20);
    expect(outcomes.rejected).toBeGreaterThan(5);
    expect(outcomes.flagged).toBeGreaterThan(50);
    expect(await scalar("select count(*) from responses where flags like '%,%'")).toBeGreaterThan(0);

    const incremental = (await snapshot());
    expect(sumOf(incremental.rollup_responses)).toBe(await scalar('select count(*) from responses'));
    expect(sumOf(incremental.rollup_responses, 'commented')).toBe(await scalar('select count(*) from responses where comment is not null'));
    expect(sumOf(incremental.rollup_scores)).toBe(await scalar('select count(*) from answers where score is not null'));
    expect(sumOf(incremental.rollup_choices)).toBe(await scalar('select count(*) from answers where choice is not null'));
    expect(new Set(incremental.rollup_responses.map((r) => r.day)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(incremental.rollup_responses.map((r) => r.counter_id)).has(0)).toBe(true);
    expect(new Set(incremental.rollup_flags.map((r) => r.flag))).toEqual(new Set(['device_repeat', 'network_burst']));
    expect(incremental.rollup_choices.some((r) => r.question_key === 'q10')).toBe(true);
    const levels = (rows: Record<string, unknown>[]) => ['n1', 'n2', 'n3', 'n4', 'n5'].reduce((t, c) => t + sumOf(rows, c), 0);
    expect(levels(incremental.rollup_office_days)).toBe(sumOf(incremental.rollup_scores));
    expect(levels(incremental.rollup_office_months)).toBe(sumOf(incremental.rollup_scores));
    expect(new Set(incremental.rollup_office_months.map((r) => r.month)).size).toBeGreaterThanOrEqual(1);
    expect(levels(incremental.rollup_counter_months)).toBe(sumOf(incremental.rollup_scores));
    expect(sumOf(incremental.rollup_flag_months)).toBe(sumOf(incremental.rollup_flags));
    expect(sumOf(incremental.rollup_response_months)).toBe(sumOf(incremental.rollup_responses));
    expect(sumOf(incremental.rollup_response_months, 'commented')).toBe(sumOf(incremental.rollup_responses, 'commented'));
    expect(sumOf(incremental.rollup_choice_months)).toBe(sumOf(incremental.rollup_choices));
    const attributedScores = await scalar('select count(*) from answers a join responses r on r.id = a.response_id where a.score is not null and r.official_id is not null');
    expect(attributedScores).toBeGreaterThan(500);
    expect(levels(incremental.rollup_official_days)).toBe(attributedScores);
    expect(levels(incremental.rollup_official_months)).toBe(attributedScores);
    expect(incremental.low_ratings.length).toBe(
      await scalar('select count(distinct r.id) from responses r join answers a on a.response_id = r.id where r.excluded = false and a.score <= 2'),
    );
    expect(incremental.low_ratings.length).toBeGreaterThan(50);

    expect(await rebuildRollupsAndCompare({ dryRun: true })).toMatchObject({ changed: [] });
    const counts = await rebuildRollups();
    expect((await snapshot())).toEqual(incremental);
    expect(counts).toEqual(Object.fromEntries(ROLLUP_TABLES.map((t) => [t, incremental[t].length])));
    // In small steps, the same keys meet again in later steps and add up.
    await rebuildRollups({ step: 97 });
    expect((await snapshot())).toEqual(incremental);
  }, WORKLOAD_TIMEOUT_MS);

  it('count a retried client id once', async () => {
    const tree = await createTree();
    const input = { ...baseResponse({ unitId: tree.offices[0]!.id, submittedAt: new Date('2026-11-27T02:00:00Z') }), rules: RULES };
    expect((await storeRating(input)).status).toBe('created');
    const once = (await snapshot());
    expect((await storeRating(input)).status).toBe('duplicate');
    expect((await snapshot())).toEqual(once);
    expect(sumOf(once.rollup_responses)).toBe(1);
    expect(sumOf(once.rollup_scores)).toBe(2);
  });

  it('add nothing for a refused rating', async () => {
    const tree = await createTree();
    const at = Date.parse('2026-11-27T02:00:00Z');
    const fromDevice = (i: number) =>
      storeRating({
        ...baseResponse({ unitId: tree.offices[0]!.id, submittedAt: new Date(at + i * 1000), deviceHash: 'same-phone' }),
        rules: RULES,
      });
    for (let i = 0; i < RULES.deviceLimit; i++) expect((await fromDevice(i)).status).toBe('created');
    const before = (await snapshot());
    expect(await fromDevice(99)).toEqual({ status: 'rejected', reason: 'device_limit' });
    expect((await snapshot())).toEqual(before);
    // The repeats were stored, flagged and counted apart.
    expect(before.rollup_flags).toEqual([
      { unit_id: tree.offices[0]!.id, day: '2026-11-27', counter_id: 0, flag: 'device_repeat', n: RULES.deviceLimit - 1 },
    ]);
  });

  it('roll back with a caller\'s transaction', async () => {
    const tree = await createTree();
    await expect(
      transaction(async () => {
        await storeRating({ ...baseResponse({ unitId: tree.offices[0]!.id, submittedAt: new Date() }), rules: RULES });
        throw new Error('caller fails');
      }),
    ).rejects.toThrow('caller fails');
    expect(sumOf((await snapshot()).rollup_responses)).toBe(0);
  });

  it('file a rating under its local (UTC+7) day, hour and weekday', async () => {
    const tree = await createTree();
    const unitId = tree.offices[1]!.id;
    const counterId = tree.offices[1]!.counters[0]!;
    // 23:30 UTC on Friday 27 November is 06:30 on Saturday 28 November in Hà Nội.
    const late = { ...baseResponse({ unitId, counterId, submittedAt: new Date('2026-11-27T23:30:00Z'), comment: 'Tốt' }), rules: RULES };
    // 16:59:59.999 UTC is still 23:59 on the 27th.
    const beforeMidnight = { ...baseResponse({ unitId, submittedAt: new Date('2026-11-27T16:59:59.999Z'), channel: 'kiosk' }), rules: RULES };
    await storeRating(late);
    await storeRating(beforeMidnight);
    expect((await snapshot()).rollup_responses).toEqual([
      { unit_id: unitId, day: '2026-11-27', counter_id: 0, channel: 'kiosk', hour: 23, weekday: 5, excluded: 0, n: 1, commented: 0 },
      { unit_id: unitId, day: '2026-11-28', counter_id: counterId, channel: 'qr', hour: 6, weekday: 6, excluded: 0, n: 1, commented: 1 },
    ]);
    expect((await snapshot()).rollup_scores.map((r) => [r.day, r.question_key, r.score])).toEqual([
      ['2026-11-27', 'q1', 5],
      ['2026-11-27', 'q2', 4],
      ['2026-11-28', 'q1', 5],
      ['2026-11-28', 'q2', 4],
    ]);
    await rebuildRollups();
    expect((await snapshot()).rollup_responses.map((r) => [r.day, r.hour, r.weekday])).toEqual([
      ['2026-11-27', 23, 5],
      ['2026-11-28', 6, 6],
    ]);
  });
});

describe('rebuildRollupsAndCompare', () => {
  beforeEach(async () => {
    t = await openTestStore();
  });

  it('finds nothing to fix after ratings, names a table that drifted, and with dryRun leaves it as it was', async () => {
    const tree = await createTree();
    await randomWorkload(tree, createRng(7), 60);
    expect(await rebuildRollupsAndCompare()).toMatchObject({ changed: [] });
    await conn().run('update rollup_responses set n = n + 1 where unit_id = ?', [tree.offices[0]!.id]);
    const drifted = await snapshot();
    expect((await rebuildRollupsAndCompare({ dryRun: true })).changed).toEqual(['rollup_responses']);
    expect(await snapshot()).toEqual(drifted);
    expect((await rebuildRollupsAndCompare()).changed).toEqual(['rollup_responses']);
    expect(await rebuildRollupsAndCompare({ dryRun: true })).toMatchObject({ changed: [] });
  });
});

describe('localDayParts', () => {
  it.each([
    ['2026-11-27T16:59:59.999Z', { day: '2026-11-27', hour: 23, weekday: 5 }],
    ['2026-11-27T17:00:00.000Z', { day: '2026-11-28', hour: 0, weekday: 6 }],
    ['2026-11-27T23:30:00.000Z', { day: '2026-11-28', hour: 6, weekday: 6 }],
    ['2026-11-29T16:59:59.000Z', { day: '2026-11-29', hour: 23, weekday: 7 }],
    ['2026-11-29T17:00:00.000Z', { day: '2026-11-30', hour: 0, weekday: 1 }],
    ['2026-12-31T17:00:00.000Z', { day: '2027-01-01', hour: 0, weekday: 5 }],
  ])('%s → %j', (iso, want) => expect(localDayParts(Date.parse(iso))).toEqual(want));
});

describe('rollups kept by the bulk seeder', () => {
  beforeEach(async () => {
    t = await openTestStore();
  });

  it('equal a rebuild, also after adding to a seeded database', async () => {
    const now = new Date('2026-11-27T03:00:00Z');
    await seedDemoIfEmpty({ responses: 3000, now });
    await seedResponses({ count: 700, now });
    const seeded = (await snapshot());
    expect(sumOf(seeded.rollup_responses)).toBe(3700);
    expect(sumOf(seeded.rollup_flags)).toBe(await scalar('select count(*) from responses where flags is not null'));
    await rebuildRollups();
    expect((await snapshot())).toEqual(seeded);
  });
});

describe('the migration that adds the monthly twins of the breakdowns', () => {
  beforeEach(async () => {
    t = await openTestStore();
  });

  it('fills them from the daily rollups of the ratings stored before it, as the writers would have', async () => {
    await seedDemoIfEmpty({ responses: 3000, now: new Date('2026-11-27T03:00:00Z') });
    const kept = await snapshot();
    expect(new Set(kept.rollup_counter_months.map((r) => r.month)).size).toBeGreaterThan(6);
    expect(kept.rollup_flag_months.length).toBeGreaterThan(5);
    expect(kept.rollup_response_months.length).toBeGreaterThan(100);
    expect(kept.rollup_choice_months.length).toBeGreaterThan(20);
    // The database as the previous version left it: daily rollups, none of the monthly twins.
    const twins = ['rollup_counter_months', 'rollup_flag_months', 'rollup_response_months', 'rollup_choice_months'] as const;
    for (const table of twins) await conn().run(`delete from ${table}`);
    const file = path.join(engineKind() === 'pg' ? PG_MIGRATIONS : SQLITE_MIGRATIONS, engineKind() === 'pg' ? '0009_breakdown_months.sql' : '0017_breakdown_months.sql');
    const backfill = fs.readFileSync(file, 'utf8').split('--> statement-breakpoint').filter((s) => /^\s*insert into/im.test(s));
    expect(backfill).toHaveLength(twins.length);
    for (const statement of backfill) await conn().run(statement);
    const filled = await snapshot();
    for (const table of twins) expect(filled[table], table).toEqual(kept[table]);
  });
});

describe('rollup reads', () => {
  beforeEach(async () => {
    t = await openTestStore();
  });

  it('see only the viewer\'s subtree, and keep flagged ratings apart', async () => {
    const tree = await createTree();
    const [a, b] = tree.offices;
    const at = new Date('2026-11-27T02:00:00Z');
    const store = (unitId: number, over: Partial<NewResponse> = {}) => storeRating({ ...baseResponse({ unitId, submittedAt: at, ...over }), rules: RULES });
    await store(a!.id, { deviceHash: 'phone' });
    await store(a!.id, { deviceHash: 'phone' }); // flagged device_repeat
    await store(b!.id);
    const range = { from: '2026-11-27', to: '2026-11-27' };

    const officeA = await listScoreCounts({ viewer: { scopePath: a!.path }, ...range });
    expect(officeA).toEqual([
      { unitId: a!.id, questionKey: 'q1', score: 5, excluded: false, n: 1 },
      { unitId: a!.id, questionKey: 'q1', score: 5, excluded: true, n: 1 },
      { unitId: a!.id, questionKey: 'q2', score: 4, excluded: false, n: 1 },
      { unitId: a!.id, questionKey: 'q2', score: 4, excluded: true, n: 1 },
    ]);
    // What the indicators read: one valid answer at 5, one left out as a repeat.
    const q1 = tallyAnswers(officeA.filter((r) => r.questionKey === 'q1'));
    expect(q1.counts[5]).toBe(1);
    expect(q1.excluded.total).toBe(1);
    const province = await listScoreCounts({ viewer: { scopePath: tree.province.path }, ...range });
    expect(new Set(province.map((r) => r.unitId))).toEqual(new Set([a!.id, b!.id]));
    expect((await listScoreCounts({ viewer: { scopePath: b!.path }, ...range })).every((r) => r.unitId === b!.id)).toBe(true);
    expect(await listScoreCounts({ viewer: { scopePath: a!.path }, from: '2026-11-28', to: '2026-12-31' })).toEqual([]);

    const exclusions = await listExclusions({ viewer: { scopePath: a!.path }, ...range });
    expect(exclusions).toEqual([{ unitId: a!.id, flag: 'device_repeat', n: 1 }]);
    expect(countByFlag(exclusions)).toMatchObject({ device_repeat: 1, network_burst: 0 });
    expect(await listExclusions({ viewer: { scopePath: b!.path }, ...range })).toEqual([]);
  });
});
