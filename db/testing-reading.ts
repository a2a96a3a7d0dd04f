/**
 * Test fixtures for the reading side (dashboards, comments, exports,
 * retention), written straight into the installed test store on either
 * engine: units, counters, question sets, ratings with their answers and
 * contacts, and the rollups of a set of ratings computed here from the same
 * rows (what db/queries/rollups.ts keeps incrementally). Tests only.
 */
import { randomUUID } from 'node:crypto';
import { halfKey, quarterKey } from '@/lib/indicators/periods';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { foldForSearch } from '@/lib/text';
import { localDayParts } from './queries/rollups';
import {
  answers,
  contacts,
  counters,
  procedureFields,
  questionSets,
  questionSetVersions,
  responses,
  rollupChoices,
  rollupChoiceMonths,
  rollupCounterMonths,
  rollupFlagMonths,
  rollupResponseMonths,
  rollupFlags,
  rollupOfficeDays,
  rollupOfficeHalves,
  rollupOfficeQuarters,
  rollupOfficeMonths,
  rollupOfficialDays,
  rollupOfficialMonths,
  officials,
  rollupResponses,
  rollupScores,
  units,
} from './schema';
import { withConn } from './store';
import { eq, inArray } from 'drizzle-orm';

export type UnitRef = { id: number; path: string };

export async function addQuestionSet(definition: QuestionSetDefinition = DEFAULT_QUESTION_SET, isDefault = true): Promise<number> {
  return withConn(async ({ db }) => {
    const [set] = await db.insert(questionSets).values({ name: `Bộ ${randomUUID().slice(0, 8)}`, isDefault }).returning({ id: questionSets.id });
    const [version] = await db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition }).returning({ id: questionSetVersions.id });
    return version!.id;
  });
}

/** A unit under `parent` (a root when null); offices get a survey code. */
export async function addUnit(parent: UnitRef | null, kind: string, name: string, { code = kind === 'office' ? randomUUID().slice(0, 8) : null } = {}): Promise<UnitRef> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .insert(units)
      .values({ parentId: parent?.id ?? null, path: `/tmp-${randomUUID()}/`, kind, name, searchName: foldForSearch(name), code })
      .returning({ id: units.id });
    const path = `${parent?.path ?? '/'}${row!.id}/`;
    await db.update(units).set({ path }).where(eq(units.id, row!.id));
    return { id: row!.id, path };
  });
}

export async function addCounter(unitId: number, name: string, { code = randomUUID().slice(0, 8) } = {}): Promise<number> {
  const [row] = await withConn(({ db }) => db.insert(counters).values({ unitId, name, code }).returning({ id: counters.id }));
  return row!.id;
}

/** An official of an office (issue 14), as the officials page would add them: their id. */
export async function addOfficial(unitId: number, fullName: string, { position = 'chuyên viên', active = true } = {}): Promise<number> {
  const [row] = await withConn(({ db }) =>
    db
      .insert(officials)
      .values({ unitId, fullName, searchName: foldForSearch(fullName), position, active, updatedAt: new Date() })
      .returning({ id: officials.id }),
  );
  return row!.id;
}

export async function addProcedureField(unitId: number, name: string): Promise<number> {
  const [row] = await withConn(({ db }) => db.insert(procedureFields).values({ unitId, name }).returning({ id: procedureFields.id }));
  return row!.id;
}

export type TestRating = {
  unitId: number;
  versionId: number;
  submittedAt: Date;
  counterId?: number | null;
  channel?: 'qr' | 'kiosk' | 'web';
  procedureFieldId?: number | null;
  comment?: string | null;
  receiptCode?: string | null;
  q1?: number;
  q2?: number;
  /** Replaces the q1/q2 answers. */
  answers?: { questionKey: string; score: number | null; choice: string | null }[];
  contact?: { phone: string; purgeAfter: Date } | null;
  flags?: string | null;
  deviceHash?: string | null;
  networkHash?: string | null;
  /** The official the rating is attributed to (responses.official_id). */
  officialId?: number | null;
};

const answersOf = (r: TestRating) =>
  r.answers ?? [
    { questionKey: 'q1', score: r.q1 ?? 5, choice: null },
    { questionKey: 'q2', score: r.q2 ?? 4, choice: null },
  ];

const responseRow = (r: TestRating, clientId = randomUUID()) => ({
  clientId,
  unitId: r.unitId,
  counterId: r.counterId ?? null,
  questionSetVersionId: r.versionId,
  channel: r.channel ?? 'qr',
  submittedAt: r.submittedAt,
  receivedAt: r.submittedAt,
  procedureFieldId: r.procedureFieldId ?? null,
  comment: r.comment ?? null,
  receiptCode: r.receiptCode ?? (r.comment ? randomUUID().slice(0, 8).toUpperCase() : null),
  flags: r.flags ?? null,
  excluded: Boolean(r.flags),
  deviceHash: r.deviceHash ?? null,
  networkHash: r.networkHash ?? null,
  officialId: r.officialId ?? null,
});

/** Many ratings (no contacts) in a few statements: their ids, in order. */
export async function addRatings(list: TestRating[]): Promise<number[]> {
  return withConn(async ({ db }) => {
    const ids: number[] = [];
    for (let i = 0; i < list.length; i += 200) {
      const chunk = list.slice(i, i + 200).map((r) => ({ r, clientId: randomUUID() }));
      const rows = await db.insert(responses).values(chunk.map(({ r, clientId }) => responseRow(r, clientId))).returning({ id: responses.id, clientId: responses.clientId });
      const idOf = new Map(rows.map((x) => [x.clientId, x.id]));
      const chunkIds = chunk.map(({ clientId }) => idOf.get(clientId)!);
      const answerRows = chunk.flatMap(({ r }, j) => answersOf(r).map((a) => ({ responseId: chunkIds[j]!, ...a })));
      for (let k = 0; k < answerRows.length; k += 500) await db.insert(answers).values(answerRows.slice(k, k + 500));
      ids.push(...chunkIds);
    }
    return ids;
  });
}

/** One rating as stored (no abuse checks, no rollups): its id. */
export async function addRating(r: TestRating): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db.insert(responses).values(responseRow(r)).returning({ id: responses.id });
    const id = row!.id;
    const list = answersOf(r);
    if (list.length) await db.insert(answers).values(list.map((a) => ({ responseId: id, ...a })));
    if (r.contact) {
      await db.insert(contacts).values({ responseId: id, phone: r.contact.phone, consentVersion: 'lien-he-v1', consentedAt: r.submittedAt, purgeAfter: r.contact.purgeAfter });
    }
    return id;
  });
}

type Levels = { n1: number; n2: number; n3: number; n4: number; n5: number };
const zero = (): Levels => ({ n1: 0, n2: 0, n3: 0, n4: 0, n5: 0 });

/**
 * Writes every rollup table for these ratings (added with `addRating`, each
 * once): the same keys and counts the submit path increments, so dashboard
 * reads can be checked against the raw rows.
 */
export async function addRollups(ratings: (TestRating & { id: number })[], scaleKeys: ReadonlySet<string>) {
  const scores = new Map<string, { unitId: number; day: string; counterId: number; channel: 'qr' | 'kiosk' | 'web'; questionKey: string; score: number; excluded: boolean; n: number }>();
  const byHour = new Map<string, { unitId: number; day: string; counterId: number; channel: 'qr' | 'kiosk' | 'web'; hour: number; weekday: number; excluded: boolean; n: number; commented: number }>();
  const choices = new Map<string, { unitId: number; day: string; counterId: number; questionKey: string; choice: string; excluded: boolean; n: number }>();
  const flags = new Map<string, { unitId: number; day: string; counterId: number; flag: string; n: number }>();
  const hourMonths = new Map<string, { unitId: number; month: string; weekday: number; hour: number; excluded: boolean; n: number; commented: number }>();
  const choiceMonths = new Map<string, { unitId: number; month: string; questionKey: string; choice: string; excluded: boolean; n: number }>();
  const flagMonths = new Map<string, { unitId: number; month: string; flag: string; n: number }>();
  const counterMonths = new Map<string, Levels & { unitId: number; month: string; counterId: number; channel: 'qr' | 'kiosk' | 'web'; questionKey: string; excluded: boolean }>();
  const official = {
    days: new Map<string, Levels & { officialId: number; day: string; questionKey: string; excluded: boolean }>(),
    months: new Map<string, Levels & { officialId: number; month: string; questionKey: string; excluded: boolean }>(),
  };
  const office = { days: new Map<string, Levels & { unitId: number; day: string; questionKey: string; excluded: boolean }>(), halves: new Map<string, Levels & { unitId: number; half: string; questionKey: string; excluded: boolean }>(), months: new Map<string, Levels & { unitId: number; month: string; questionKey: string; excluded: boolean }>(), quarters: new Map<string, Levels & { unitId: number; quarter: string; questionKey: string; excluded: boolean }>() };
  const bump = <T extends object>(map: Map<string, T>, key: string, init: () => T, change: (row: T) => void) => {
    let row = map.get(key);
    if (!row) map.set(key, (row = init()));
    change(row);
  };

  for (const r of ratings) {
    const { day, hour, weekday } = localDayParts(r.submittedAt.getTime());
    const counterId = r.counterId ?? 0;
    const channel = r.channel ?? 'qr';
    const excluded = Boolean(r.flags);
    const list = answersOf(r);
    bump(byHour, [r.unitId, day, counterId, channel, hour, weekday, excluded].join('|'), () => ({ unitId: r.unitId, day, counterId, channel, hour, weekday, excluded, n: 0, commented: 0 }), (x) => {
      x.n++;
      if (r.comment) x.commented++;
    });
    bump(hourMonths, [r.unitId, day.slice(0, 7), weekday, hour, excluded].join('|'), () => ({ unitId: r.unitId, month: day.slice(0, 7), weekday, hour, excluded, n: 0, commented: 0 }), (x) => {
      x.n++;
      if (r.comment) x.commented++;
    });
    for (const flag of (r.flags ?? '').split(',').filter(Boolean)) {
      bump(flags, [r.unitId, day, counterId, flag].join('|'), () => ({ unitId: r.unitId, day, counterId, flag, n: 0 }), (x) => x.n++);
      bump(flagMonths, [r.unitId, day.slice(0, 7), flag].join('|'), () => ({ unitId: r.unitId, month: day.slice(0, 7), flag, n: 0 }), (x) => x.n++);
    }
    for (const a of list) {
      if (a.score !== null && scaleKeys.has(a.questionKey)) {
        const level = `n${a.score}` as keyof Levels;
        bump(scores, [r.unitId, day, counterId, channel, a.questionKey, a.score, excluded].join('|'), () => ({ unitId: r.unitId, day, counterId, channel, questionKey: a.questionKey, score: a.score!, excluded, n: 0 }), (x) => x.n++);
        bump(office.days, [r.unitId, day, a.questionKey, excluded].join('|'), () => ({ unitId: r.unitId, day, questionKey: a.questionKey, excluded, ...zero() }), (x) => x[level]++);
        const half = halfKey(day);
        bump(office.halves, [r.unitId, half, a.questionKey, excluded].join('|'), () => ({ unitId: r.unitId, half, questionKey: a.questionKey, excluded, ...zero() }), (x) => x[level]++);
        const month = day.slice(0, 7);
        bump(counterMonths, [r.unitId, month, counterId, channel, a.questionKey, excluded].join('|'), () => ({ unitId: r.unitId, month, counterId, channel, questionKey: a.questionKey, excluded, ...zero() }), (x) => x[level]++);
        bump(office.months, [r.unitId, month, a.questionKey, excluded].join('|'), () => ({ unitId: r.unitId, month, questionKey: a.questionKey, excluded, ...zero() }), (x) => x[level]++);
        const quarter = quarterKey(day);
        bump(office.quarters, [r.unitId, quarter, a.questionKey, excluded].join('|'), () => ({ unitId: r.unitId, quarter, questionKey: a.questionKey, excluded, ...zero() }), (x) => x[level]++);
        const officialId = r.officialId;
        if (officialId != null) {
          bump(official.days, [officialId, day, a.questionKey, excluded].join('|'), () => ({ officialId, day, questionKey: a.questionKey, excluded, ...zero() }), (x) => x[level]++);
          bump(official.months, [officialId, month, a.questionKey, excluded].join('|'), () => ({ officialId, month, questionKey: a.questionKey, excluded, ...zero() }), (x) => x[level]++);
        }
      } else if (a.choice !== null) {
        bump(choices, [r.unitId, day, counterId, a.questionKey, a.choice, excluded].join('|'), () => ({ unitId: r.unitId, day, counterId, questionKey: a.questionKey, choice: a.choice!, excluded, n: 0 }), (x) => x.n++);
        const month = day.slice(0, 7);
        bump(choiceMonths, [r.unitId, month, a.questionKey, a.choice, excluded].join('|'), () => ({ unitId: r.unitId, month, questionKey: a.questionKey, choice: a.choice!, excluded, n: 0 }), (x) => x.n++);
      }
    }
  }

  await withConn(async ({ db }) => {
    // A few hundred rows per statement: far below PostgreSQL's 65,535 parameters.
    const insertAll = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += 300) await insert(rows.slice(i, i + 300));
    };
    await insertAll([...scores.values()], (c) => db.insert(rollupScores).values(c));
    await insertAll([...byHour.values()], (c) => db.insert(rollupResponses).values(c));
    await insertAll([...choices.values()], (c) => db.insert(rollupChoices).values(c));
    await insertAll([...flags.values()], (c) => db.insert(rollupFlags).values(c));
    await insertAll([...flagMonths.values()], (c) => db.insert(rollupFlagMonths).values(c));
    await insertAll([...hourMonths.values()], (c) => db.insert(rollupResponseMonths).values(c));
    await insertAll([...choiceMonths.values()], (c) => db.insert(rollupChoiceMonths).values(c));
    await insertAll([...counterMonths.values()], (c) => db.insert(rollupCounterMonths).values(c));
    await insertAll([...office.days.values()], (c) => db.insert(rollupOfficeDays).values(c));
    await insertAll([...office.halves.values()], (c) => db.insert(rollupOfficeHalves).values(c));
    await insertAll([...office.months.values()], (c) => db.insert(rollupOfficeMonths).values(c));
    await insertAll([...office.quarters.values()], (c) => db.insert(rollupOfficeQuarters).values(c));
    await insertAll([...official.days.values()], (c) => db.insert(rollupOfficialDays).values(c));
    await insertAll([...official.months.values()], (c) => db.insert(rollupOfficialMonths).values(c));
  });
}

/** A small deterministic pseudo-random sequence (mulberry32), so a fixture is the same on every run. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A province like the demo's, small: a provincial centre (a busy office with
 * counters, directly under the province), a district holding most offices,
 * 13 offices in all, and `ratings` ratings over the 13 months before `now`
 * (comments, low scores with reasons, some flagged), with their rollups.
 */
export async function addReadingProvince({ ratings, now }: { ratings: number; now: Date }) {
  const versionId = await addQuestionSet();
  const scaleKeys = new Set(DEFAULT_QUESTION_SET.questions.filter((q) => q.kind === 'scale5').map((q) => q.key));
  const province = await addUnit(null, 'province', 'Tỉnh Mẫu');
  const centre = await addUnit(province, 'office', 'Trung tâm Phục vụ hành chính công');
  const district = await addUnit(province, 'district', 'Huyện Một');
  const offices = [centre];
  for (let i = 1; i <= 12; i++) offices.push(await addUnit(district, 'office', `UBND xã ${String(i).padStart(2, '0')}`));
  const other = offices[offices.length - 1]!;
  const centreCounters = [await addCounter(centre.id, 'Quầy 1'), await addCounter(centre.id, 'Quầy 2')];
  await withConn(({ db }) => db.update(units).set({ active: false }).where(inArray(units.id, [offices[5]!.id])));

  const random = seededRandom(12);
  const span = 395 * 86_400_000;
  const list: TestRating[] = [];
  for (let i = 0; i < ratings; i++) {
    // A third at the centre, the rest spread over the other offices.
    const office = random() < 0.33 ? centre : offices[1 + Math.floor(random() * (offices.length - 1))]!;
    const submittedAt = new Date(now.getTime() - Math.floor(random() * span));
    const low = random() < 0.15;
    const score = () => (low ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 3));
    const answerList: NonNullable<TestRating['answers']> = [
      { questionKey: 'q1', score: score(), choice: null },
      { questionKey: 'q2', score: score(), choice: null },
    ];
    if (random() < 0.5) answerList.push({ questionKey: 'q3', score: score(), choice: null });
    if (random() < 0.3) answerList.push({ questionKey: 'q8', score: null, choice: random() < 0.5 ? 'one' : 'two' });
    if (low) answerList.push({ questionKey: 'q10', score: null, choice: 'waiting' }, { questionKey: 'q10', score: null, choice: 'late' });
    list.push({
      unitId: office.id,
      versionId,
      submittedAt,
      counterId: office === centre && random() < 0.7 ? centreCounters[Math.floor(random() * 2)]! : null,
      channel: random() < 0.2 ? 'kiosk' : 'qr',
      comment: random() < 0.1 ? 'Góp ý' : null,
      flags: random() < 0.05 ? (random() < 0.5 ? 'network_burst' : 'network_burst,device_repeat') : null,
      answers: answerList,
    });
  }
  const ids = await addRatings(list);
  await addRollups(
    list.map((r, i) => ({ ...r, id: ids[i]! })),
    scaleKeys,
  );
  return { versionId, province, centre, district, other, offices };
}
