import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDossierForTest } from '@/db/queries/dossier-ratings';
import { listDossierCounts, listVerifiedLevelCounts } from '@/db/queries/dossier-figures';
import { createQuestionSet } from '@/db/queries/question-sets';
import { openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addTestUnit } from '@/db/testing-ratings';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { countDossiers, type DossierFacts } from '@/lib/dossier-rating';
import { makeDossierToken } from '@/lib/dossier-token';
import { rubricPreset, RubricSchema } from '@/lib/evaluation/rubric';
import { customPeriod } from '@/lib/indicators/periods';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { loadUnitDashboard, loadOfficeTable } from './dashboard';
import { loadDossierIndex } from './dossier-figures';
import { figuresOf } from './evaluation';
import { storeRating } from './ratings';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 10, 2); // 10 Nov 2026, 09:00 in Vietnam
const period = customPeriod('2026-11-01', '2026-11-30');

let t: TestStore;
let versionId: number;
let province: { id: number; path: string };
let office: { id: number; path: string };
let other: { id: number; path: string };

beforeEach(async () => {
  t = await openTestStore();
  versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
  province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  office = await addTestUnit({ parentId: province.id, name: 'Bộ phận Một cửa' });
  other = await addTestUnit({ parentId: province.id, name: 'Cơ quan khác' });
});
afterEach(() => t.dispose());

/** A dossier of `unitId` with a rating (q1 = q2 = `score`) when `score` is given. */
async function dossier(unitId: number, d: { returnedAt: number | null; dueAt: number | null; score?: number; flagged?: boolean }) {
  const id = await createDossierForTest({
    code: `D.${randomBytes(5).toString('hex')}`,
    unitId,
    receivedAt: T0 - 10 * DAY,
    dueAt: d.dueAt,
    returnedAt: d.returnedAt,
    token: makeDossierToken('k'.repeat(43)),
  });
  if (d.score !== undefined) {
    const r = await storeRating({
      ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: new Date(T0), q1: d.score, q2: d.score }),
      channel: 'dossier',
      dossierId: id,
      extraFlags: d.flagged ? ['kiosk_burst'] : undefined,
      rules: DEFAULT_ABUSE_RULES,
    });
    if (r.status !== 'created') throw new Error(r.status);
  }
  return id;
}

describe("Decision 766's index per office", () => {
  it('equals the pure count of the table of cases (dissatisfied, overdue, both, neither, not returned), office by office', async () => {
    const due = T0;
    const cases: (DossierFacts & { score?: number; flagged?: boolean })[] = [
      { returnedAt: due - DAY, dueAt: due, rated: true, dissatisfied: true, score: 2 },
      { returnedAt: due + DAY, dueAt: due, rated: true, dissatisfied: false, score: 5 },
      { returnedAt: due + DAY, dueAt: due, rated: true, dissatisfied: true, score: 1 },
      { returnedAt: due - DAY, dueAt: due, rated: true, dissatisfied: false, score: 4 },
      { returnedAt: due, dueAt: due, rated: false, dissatisfied: false },
      { returnedAt: null, dueAt: due - DAY, rated: true, dissatisfied: true, score: 1 },
      // A flagged rating counts as not rated (and never as dissatisfied).
      { returnedAt: due - DAY, dueAt: due, rated: false, dissatisfied: false, score: 1, flagged: true },
    ];
    for (const c of cases) await dossier(office.id, c);
    // Returned outside the period, and another office's: not counted here.
    await dossier(office.id, { returnedAt: Date.UTC(2026, 11, 2), dueAt: null, score: 1 });
    await dossier(other.id, { returnedAt: T0, dueAt: T0 - DAY, score: 5 });

    const want = countDossiers(cases);
    expect(want).toEqual({ returned: 6, rated: 4, notSatisfied: 3 });
    const counts = await listDossierCounts({ viewer: { scopePath: province.path } }, period);
    expect(counts).toEqual([
      { unitId: office.id, ...want },
      { unitId: other.id, returned: 1, rated: 1, notSatisfied: 1 },
    ]);

    const table = (await loadDossierIndex({ scopePath: province.path }, { period, unitId: office.id }))!;
    expect(table.total.n).toBe(6);
    expect(table.total.index).toBeCloseTo(3 / 6, 10);
    expect(table.total.responseRate).toBeCloseTo(4 / 6, 10);
    // The office cannot read another office's dossiers.
    expect(await listDossierCounts({ viewer: { scopePath: office.path } }, period)).toEqual([{ unitId: office.id, ...want }]);
    expect(await loadDossierIndex({ scopePath: office.path }, { period, unitId: other.id })).toBeNull();
  });
});

describe('verified ratings only', () => {
  it('count the ratings given through a dossier link, equal to a hand count', async () => {
    // 3 verified ratings (5, 4, 2 on the overall question) and 4 ordinary ones (all 5).
    for (const score of [5, 4, 2]) await dossier(office.id, { returnedAt: T0, dueAt: null, score });
    for (let i = 0; i < 4; i++) {
      await storeRating({ ...testResponse({ unitId: office.id, questionSetVersionId: versionId, submittedAt: new Date(T0 + i * 1000), q1: 5, q2: 5 }), rules: DEFAULT_ABUSE_RULES });
    }
    const rows = await listVerifiedLevelCounts({ viewer: { scopePath: province.path } }, period, { byUnit: true });
    const q2 = rows.find((r) => r.questionKey === 'q2' && !r.excluded)!;
    expect([q2.n1, q2.n2, q2.n3, q2.n4, q2.n5]).toEqual([0, 1, 0, 1, 1]);

    const verified = (await loadUnitDashboard({ scopePath: province.path }, { unitId: office.id, period, verified: true }))!;
    const all = (await loadUnitDashboard({ scopePath: province.path }, { unitId: office.id, period }))!;
    expect(verified.current.responses).toBe(3);
    expect(all.current.responses).toBe(7);
    expect(verified.current.headline?.n).toBe(3);
    // Three ratings: counted, below the minimum sample for a rate.
    expect(verified.current.headline?.enoughData).toBe(false);
    expect(verified.channels).toEqual([{ channel: 'dossier', responses: 3 }]);
    expect(verified.trend.reduce((n, p) => n + p.summary.responses, 0)).toBe(3);

    const table = (await loadOfficeTable({ scopePath: province.path }, { period, verified: true }))!;
    expect(table.lines.find((l) => l.office.id === office.id)?.summary.responses).toBe(3);
    expect(table.total.responses).toBe(3);
  });
});

describe('the evaluation reads the chosen figure', () => {
  it('parses the two new sources and computes their figures', () => {
    const rubric = structuredClone(rubricPreset('mac-dinh')) as unknown as Record<string, unknown> & { groups: { criteria: { kind: string; source?: string }[] }[] };
    const auto = rubric.groups.flatMap((g) => g.criteria).find((c) => c.kind === 'automatic')!;
    for (const source of ['verified', 'dossier766']) {
      auto.source = source;
      expect(RubricSchema.safeParse(rubric).success).toBe(true);
    }
    auto.source = 'respondents';
    const bad = RubricSchema.safeParse(rubric);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/dossier766/);

    const figures = figuresOf(undefined, period, '2026-01-01', { dossiers: { returned: 40, rated: 10, notSatisfied: 4 } });
    expect(figures.dossier766).toMatchObject({ rate: 0.9, n: 40, enoughData: true });
    expect(figuresOf(undefined, period, '2026-01-01', { dossiers: { returned: 29, rated: 10, notSatisfied: 0 } }).dossier766.enoughData).toBe(false);
    expect(figures.verified).toMatchObject({ rate: null, n: 0, enoughData: false });
  });
});
