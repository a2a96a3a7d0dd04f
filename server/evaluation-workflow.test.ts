import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getEvaluationPeriod,
  getEvaluationSheet,
  getPreviousPeriod,
  listEvaluationPeriods,
  listEvaluationPoints,
  listEvaluationSheets,
} from '@/db/queries/evaluation';
import { units } from '@/db/schema';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import type { Role, Viewer } from '@/lib/auth/roles';
import { rubricPreset, type Rubric } from '@/lib/evaluation/rubric';
import type { SatisfactionFigure } from '@/lib/evaluation/scoring';
import type { SheetEntry } from '@/lib/validation/evaluation';
import {
  createEvaluationPeriod,
  finaliseEvaluationSheet,
  reopenEvaluationSheet,
  saveEvaluationStage,
  updateEvaluationRubric,
} from './evaluation-workflow';

let t: TestStore;
type Node = { id: number; path: string };
let province: Node;
let otherProvince: Node;
let officeA: Node;
let officeB: Node;
let admin: Viewer;
let assessor: Viewer;
let supervisor: Viewer;
let headA: Viewer;
let headB: Viewer;
let periodId: number;

const NOW = new Date('2026-11-20T02:00:00Z');
/** After the evaluated year (2026) ended in Vietnam: when an assessor may finalise. */
const AFTER_YEAR = new Date('2027-01-05T02:00:00Z');

const viewerFor = (role: Role, scope: Node, username: string): Promise<Viewer> => addTestViewer(role, scope, username, `Người ${username}`);

/** A unit under `parent` with its path; offices get a survey code. */
async function addUnit(parent: Node | null, kind: string, name: string, code: string | null): Promise<Node> {
  const [row] = await t.conn.db
    .insert(units)
    .values({ parentId: parent?.id ?? null, path: '/', kind, name, searchName: name.toLowerCase(), code })
    .returning({ id: units.id });
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await t.conn.db.update(units).set({ path }).where(eq(units.id, row!.id));
  return { id: row!.id, path };
}

const figure = (rate: number | null): SatisfactionFigure => ({ source: 'headline', rate, low: rate && rate - 0.05, high: rate && rate + 0.03, n: rate === null ? 5 : 120, enoughData: rate !== null, from: '2026-01-01', to: '2026-11-20' });
const figures = (rate: number | null) => ({
  headline: figure(rate),
  index: { ...figure(rate), source: 'index' as const },
  verified: { ...figure(rate), source: 'verified' as const },
  dossier766: { ...figure(rate), source: 'dossier766' as const },
});

const MANUAL_KEYS = ['ke-hoach', 'tuyen-truyen', 'quy-tac', 'co-so', 'dung-han', 'pakn'];
const entries = (points: number[], note = 'Minh chứng'): SheetEntry[] => MANUAL_KEYS.map((key, i) => ({ key, pointsX100: points[i] ?? null, note, links: ['https://example.vn/a'] }));
const automatic = (rate: number) => [{ key: 'hai-long', pointsX100: rate >= 0.9 ? 1800 : 1000, source: figure(rate) }];

const auditOf = (action: string) =>
  t.conn.all<{ entityId: string; actorId: number; after: string }>(
    'select entity_id as "entityId", actor_id as "actorId", after from audit_log where action = ? order by id',
    [action],
  );

beforeEach(async () => {
  t = await openTestStore();
  province = await addUnit(null, 'province', 'Tỉnh', null);
  otherProvince = await addUnit(null, 'province', 'Tỉnh khác', null);
  officeA = await addUnit(province, 'office', 'Văn phòng A', 'VPA001');
  officeB = await addUnit(province, 'office', 'Văn phòng B', 'VPB001');
  admin = await viewerFor('admin', province, 'quantri');
  assessor = await viewerFor('assessor', province, 'thamdinh');
  supervisor = await viewerFor('supervisor', province, 'giamsat');
  headA = await viewerFor('office_head', officeA, 'head.a');
  headB = await viewerFor('office_head', officeB, 'head.b');
  const created = await createEvaluationPeriod({ viewer: admin, year: 2026, name: 'Đánh giá năm 2026', dueDate: '2026-12-15', template: { kind: 'preset', preset: 'mac-dinh' }, now: NOW });
  if (created.status !== 'ok') throw new Error(created.status);
  periodId = created.id;
});
afterEach(() => t.dispose());

describe('periods', () => {
  it('are created from a preset by an administrator, audited, and seen by everyone in the province', async () => {
    expect((await getEvaluationPeriod({ viewer: headA, periodId }))).toMatchObject({ year: 2026, unitId: province.id, dueDate: '2026-12-15', finalised: 0 });
    expect((await getEvaluationPeriod({ viewer: headA, periodId }))!.rubric).toEqual(rubricPreset('mac-dinh'));
    expect((await listEvaluationPeriods({ viewer: supervisor })).map((p) => p.id)).toEqual([periodId]);
    expect((await auditOf('evaluation_period.create'))).toMatchObject([{ entityId: String(periodId), actorId: admin.userId }]);
  });

  it('are invisible outside the province and not created by other roles', async () => {
    const outsider = await viewerFor('admin', otherProvince, 'quantri.khac');
    expect((await getEvaluationPeriod({ viewer: outsider, periodId }))).toBeNull();
    expect((await listEvaluationPeriods({ viewer: outsider }))).toEqual([]);
    expect((await createEvaluationPeriod({ viewer: assessor, year: 2027, name: 'X', dueDate: '2027-12-01', template: { kind: 'preset', preset: 'mac-dinh' } }))).toEqual({ status: 'not_found' });
    expect((await createEvaluationPeriod({ viewer: outsider, year: 2027, name: 'X', dueDate: '2027-12-01', template: { kind: 'copy', periodId } }))).toEqual({ status: 'not_found' });
  });

  it('refuses a second period with the same year and name', async () => {
    expect((await createEvaluationPeriod({ viewer: admin, year: 2026, name: 'Đánh giá năm 2026', dueDate: '2026-12-15', template: { kind: 'preset', preset: 'trong' } }))).toEqual({ status: 'duplicate' });
  });

  it("copies last year's rubric into a new period", async () => {
    const edited: Rubric = { ...rubricPreset('dong-nai-54-2025'), bonusCap: 'none' };
    expect((await updateEvaluationRubric({ viewer: admin, periodId, rubric: edited }))).toBe('ok');
    const previous = await getPreviousPeriod({ viewer: admin, year: 2027 });
    expect(previous?.id).toBe(periodId);
    const copy = await createEvaluationPeriod({ viewer: admin, year: 2027, name: 'Đánh giá năm 2027', dueDate: '2027-12-15', template: { kind: 'copy', periodId: previous!.id } });
    expect(copy.status).toBe('ok');
    if (copy.status === 'ok') expect((await getEvaluationPeriod({ viewer: admin, periodId: copy.id }))!.rubric).toEqual(edited);
    expect((await auditOf('evaluation_period.update_rubric'))).toHaveLength(1);
  });

  it('a rubric cannot be edited once any office of the period is finalised', async () => {
    await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.95) });
    expect((await finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.95), now: AFTER_YEAR })).status).toBe('ok');
    expect((await updateEvaluationRubric({ viewer: admin, periodId, rubric: rubricPreset('trong') }))).toBe('locked');
    expect((await getEvaluationPeriod({ viewer: admin, periodId }))!.rubric).toEqual(rubricPreset('mac-dinh'));
  });

  it('only an administrator edits a rubric', async () => {
    expect((await updateEvaluationRubric({ viewer: assessor, periodId, rubric: rubricPreset('trong') }))).toBe('not_found');
  });
});

describe('sheets', () => {
  it('office A cannot read or write office B’s sheet', async () => {
    expect((await getEvaluationSheet({ viewer: headA, periodId, unitId: officeA.id }))).not.toBeNull();
    expect((await getEvaluationSheet({ viewer: headA, periodId, unitId: officeB.id }))).toBeNull();
    expect((await saveEvaluationStage({ viewer: headA, periodId, unitId: officeB.id, stage: 'self', entries: entries([1000]), automatic: [] }))).toEqual({ status: 'not_found' });
    expect((await listEvaluationSheets({ periodId, path: officeB.path }))).toEqual([]);
  });

  it('an office head cannot review and an assessor cannot self-assess; a supervisor writes nothing', async () => {
    expect((await saveEvaluationStage({ viewer: headA, periodId, unitId: officeA.id, stage: 'review', entries: entries([1000]), automatic: [] })).status).toBe('not_found');
    expect((await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'self', entries: entries([1000]), automatic: [] })).status).toBe('not_found');
    expect((await saveEvaluationStage({ viewer: supervisor, periodId, unitId: officeA.id, stage: 'self', entries: entries([1000]), automatic: [] })).status).toBe('not_found');
    expect((await finaliseEvaluationSheet({ viewer: headA, periodId, unitId: officeA.id, figures: figures(0.9), now: AFTER_YEAR })).status).toBe('not_found');
  });

  it('self-assessment → review → finalise, each audited; the final total and class are stored', async () => {
    const self = await saveEvaluationStage({ viewer: headA, periodId, unitId: officeA.id, stage: 'self', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.92), now: NOW });
    expect(self.status).toBe('ok');
    let view = (await getEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id }))!;
    expect(view.sheet).toMatchObject({ status: 'self_assessed', selfAssessedBy: headA.userId });
    expect(view.scores.get('ke-hoach')).toMatchObject({ selfPoints: 1000, selfNote: 'Minh chứng', selfLinks: ['https://example.vn/a'], reviewPoints: null });
    expect(view.scores.get('hai-long')).toMatchObject({ selfPoints: 1800, source: { rate: 0.92, n: 120 } });

    // A review with one criterion left empty cannot be finalised; the message names it.
    await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([900, 1000, 1400, 1500, 1200]), automatic: automatic(0.92) });
    const refused = await finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.92), now: AFTER_YEAR });
    expect(refused).toEqual({ status: 'incomplete', message: 'Chưa chốt được: còn 1 tiêu chí chưa có điểm thẩm định (“Tiếp nhận, xử lý phản ánh, kiến nghị”). Chấm đủ các tiêu chí này rồi chốt lại.' });

    // Self-assessment is closed once reviewed.
    expect((await saveEvaluationStage({ viewer: headA, periodId, unitId: officeA.id, stage: 'self', entries: entries([0]), automatic: [] }))).toEqual({ status: 'locked', why: 'reviewed' });

    await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([900, 1000, 1400, 1500, 1200, 1500]), automatic: automatic(0.92) });
    expect((await finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.92), now: AFTER_YEAR }))).toEqual({ status: 'ok', totalX100: 9300, classification: 'Xuất sắc', override: false });
    view = (await getEvaluationSheet({ viewer: headA, periodId, unitId: officeA.id }))!;
    expect(view.sheet).toMatchObject({ status: 'finalised', finalTotal: 9300, finalClass: 'Xuất sắc', finalisedBy: assessor.userId, finalisedAt: AFTER_YEAR });
    expect((await listEvaluationPoints({ periodId, path: province.path })).get(officeA.id)?.get('dung-han')).toEqual({ selfX100: 1500, reviewX100: 1200 });
    expect((await listEvaluationSheets({ periodId, path: province.path })).find((r) => r.unitId === officeA.id)).toMatchObject({ status: 'finalised', finalTotal: 9300, finalisedAt: AFTER_YEAR });
    expect((await auditOf('evaluation.self_assess'))).toHaveLength(1);
    expect((await auditOf('evaluation.review'))).toHaveLength(2);
    expect(JSON.parse((await auditOf('evaluation.finalise'))[0]!.after)).toMatchObject({ status: 'finalised', total: 93, classification: 'Xuất sắc' });
  });

  it('a finalised sheet cannot be edited; only an administrator reopens it, with the reason audited', async () => {
    await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.95) });
    expect((await finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.95), now: AFTER_YEAR })).status).toBe('ok');

    expect((await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([0, 0, 0, 0, 0, 0]), automatic: [] }))).toEqual({ status: 'locked', why: 'finalised' });
    expect((await saveEvaluationStage({ viewer: headA, periodId, unitId: officeA.id, stage: 'self', entries: entries([0]), automatic: [] }))).toEqual({ status: 'locked', why: 'finalised' });
    expect((await finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.5), now: AFTER_YEAR }))).toEqual({ status: 'locked' });

    expect((await reopenEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id, reason: 'Sai điểm tiêu chí 1' }))).toBe('not_found');
    expect((await reopenEvaluationSheet({ viewer: headA, periodId, unitId: officeA.id, reason: 'Sai điểm tiêu chí 1' }))).toBe('not_found');
    expect((await reopenEvaluationSheet({ viewer: admin, periodId, unitId: officeB.id, reason: 'Sai điểm tiêu chí 1' }))).toBe('not_found');
    expect((await reopenEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id, reason: 'Sai điểm tiêu chí 1' }))).toBe('ok');
    expect((await getEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id }))!.sheet).toMatchObject({ status: 'reviewed', finalTotal: null, finalClass: null });
    expect(JSON.parse((await auditOf('evaluation.reopen'))[0]!.after)).toEqual({ status: 'reviewed', reason: 'Sai điểm tiêu chí 1' });
    expect((await reopenEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id, reason: 'Lần nữa cho chắc' }))).toBe('not_finalised');
    // Editable again.
    expect((await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([900, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.95) })).status).toBe('ok');
  });

  it('before the year ends an assessor is refused; an administrator finalises with a reason, audited as an override', async () => {
    await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.95) });
    const early = await finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.95), now: NOW });
    expect(early).toMatchObject({ status: 'too_early', message: expect.stringContaining('đến hết ngày 31/12/2026') });
    expect((await finaliseEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id, figures: figures(0.95), now: NOW, reason: 'ngắn' })).status).toBe('reason_required');
    expect((await getEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id }))!.sheet).toMatchObject({ status: 'reviewed', finalTotal: null });
    expect(await auditOf('evaluation.finalise')).toHaveLength(0);

    // The confirmation showed 95 points; the total is 100 now: look again.
    expect((await finaliseEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id, figures: figures(0.95), now: NOW, reason: 'Hội đồng thi đua họp sớm', confirmedTotalX100: 9500 })).status).toBe('changed');
    const done = await finaliseEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id, figures: figures(0.95), now: NOW, reason: '  Hội đồng thi đua họp sớm  ', confirmedTotalX100: 10000 });
    expect(done).toEqual({ status: 'ok', totalX100: 10000, classification: 'Xuất sắc', override: true });
    expect((await getEvaluationSheet({ viewer: admin, periodId, unitId: officeA.id }))!.sheet).toMatchObject({ status: 'finalised', finalTotal: 10000, finalisedBy: admin.userId });
    const [entry] = await auditOf('evaluation.finalise');
    expect(entry!.actorId).toBe(admin.userId);
    expect(JSON.parse(entry!.after)).toMatchObject({ status: 'finalised', total: 100, earlyOverride: true, reason: 'Hội đồng thi đua họp sớm' });
  });

  it('finalising freezes the automatic criterion with its source', async () => {
    await saveEvaluationStage({ viewer: assessor, periodId, unitId: officeB.id, stage: 'review', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.8) });
    const done = await finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: officeB.id, figures: figures(null), now: AFTER_YEAR });
    expect(done).toEqual({ status: 'ok', totalX100: 8000, classification: 'Tốt', override: false });
    expect((await getEvaluationSheet({ viewer: headB, periodId, unitId: officeB.id }))!.scores.get('hai-long')).toMatchObject({ reviewPoints: 0, source: { rate: null, enoughData: false } });
  });
});

describe('at the same moment (two people, or two servers)', () => {
  const reviewed = (unitId: number, points = [1000, 1000, 1500, 1500, 1500, 1500]) =>
    saveEvaluationStage({ viewer: assessor, periodId, unitId, stage: 'review', entries: entries(points), automatic: automatic(0.95) });

  /** The sheet as stored: finalised exactly when it has a final total, and that total is its reviewed points' score. */
  async function expectConsistent(unitId: number) {
    const view = (await getEvaluationSheet({ viewer: admin, periodId, unitId }))!;
    const sheet = view.sheet!;
    expect(sheet.status === 'finalised').toBe(sheet.finalTotal !== null);
    if (sheet.status === 'finalised') {
      const review = [...view.scores.values()].reduce((sum, s) => sum + (s.reviewPoints ?? 0), 0);
      expect(sheet.finalTotal).toBe(Math.min(review, 10000));
    }
    return sheet;
  }

  it('two finalisations of one sheet: one wins, the other is refused, one audit entry', async () => {
    for (const office of [officeA, officeB]) {
      expect((await reviewed(office.id)).status).toBe('ok');
      const outcomes = await Promise.all([1, 2, 3].map(() => finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: office.id, figures: figures(0.95), now: AFTER_YEAR })));
      expect(outcomes.map((o) => o.status).sort()).toEqual(['locked', 'locked', 'ok']);
      await expectConsistent(office.id);
    }
    expect(await auditOf('evaluation.finalise')).toHaveLength(2);
  });

  it('a review saved while the sheet is finalised: either the review lands first and is finalised, or it is refused', async () => {
    for (const office of [officeA, officeB]) {
      expect((await reviewed(office.id, [500, 500, 500, 500, 500, 500])).status).toBe('ok');
      const [final, save] = await Promise.all([
        finaliseEvaluationSheet({ viewer: assessor, periodId, unitId: office.id, figures: figures(0.95), now: AFTER_YEAR }),
        reviewed(office.id),
      ]);
      expect(final.status).toBe('ok');
      expect(save.status === 'ok' || (save.status === 'locked' && save.why === 'finalised')).toBe(true);
      const sheet = await expectConsistent(office.id);
      expect(sheet.status).toBe('finalised');
    }
  });

});
