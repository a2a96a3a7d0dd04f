import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@/lib/auth/roles';
import { rubricPreset, type Rubric } from '@/lib/evaluation/rubric';
import type { SatisfactionFigure } from '@/lib/evaluation/scoring';
import type { SheetEntry } from '@/lib/validation/evaluation';
import { openTestDb } from '../testing';
import {
  createEvaluationPeriod,
  finaliseEvaluationSheet,
  getEvaluationPeriod,
  getEvaluationSheet,
  getPreviousPeriod,
  listEvaluationPeriods,
  listEvaluationPoints,
  listEvaluationSheets,
  reopenEvaluationSheet,
  saveEvaluationStage,
  updateEvaluationRubric,
} from './evaluation';
import { createUnit } from './units';
import { createUser } from './users';

let db: ReturnType<typeof openTestDb>;
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

function viewerFor(role: Role, scope: Node, username: string): Viewer {
  const user = createUser(db, {
    user: { username, email: null, displayName: `Người ${username}`, passwordHash: 'x', role, scopeUnitId: scope.id, mustChangePassword: false },
    actorId: null,
  });
  return { userId: user.id, role, displayName: `Người ${username}`, scopeUnitId: scope.id, scopePath: scope.path, scopeName: '', mustChangePassword: false };
}

const figure = (rate: number | null): SatisfactionFigure => ({ source: 'headline', rate, low: rate && rate - 0.05, high: rate && rate + 0.03, n: rate === null ? 5 : 120, enoughData: rate !== null, from: '2026-01-01', to: '2026-11-20' });
const figures = (rate: number | null) => ({ headline: figure(rate), index: { ...figure(rate), source: 'index' as const } });

const MANUAL_KEYS = ['ke-hoach', 'tuyen-truyen', 'quy-tac', 'co-so', 'dung-han', 'pakn'];
const entries = (points: number[], note = 'Minh chứng'): SheetEntry[] => MANUAL_KEYS.map((key, i) => ({ key, pointsX100: points[i] ?? null, note, links: ['https://example.vn/a'] }));
const automatic = (rate: number) => [{ key: 'hai-long', pointsX100: rate >= 0.9 ? 1800 : 1000, source: figure(rate) }];

const auditOf = (action: string) =>
  db.$client.prepare('select entity_id as entityId, actor_id as actorId, after from audit_log where action = ? order by id').all(action) as { entityId: string; actorId: number; after: string }[];

beforeEach(async () => {
  db = openTestDb();
  province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  otherProvince = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh khác', rateable: false });
  officeA = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A', rateable: true });
  officeB = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B', rateable: true });
  admin = viewerFor('admin', province, 'quantri');
  assessor = viewerFor('assessor', province, 'thamdinh');
  supervisor = viewerFor('supervisor', province, 'giamsat');
  headA = viewerFor('office_head', officeA, 'head.a');
  headB = viewerFor('office_head', officeB, 'head.b');
  const created = createEvaluationPeriod(db, { viewer: admin, year: 2026, name: 'Đánh giá năm 2026', dueDate: '2026-12-15', template: { kind: 'preset', preset: 'mac-dinh' }, now: NOW });
  if (created.status !== 'ok') throw new Error(created.status);
  periodId = created.id;
});
afterEach(() => db.dispose());

describe('periods', () => {
  it('are created from a preset by an administrator, audited, and seen by everyone in the province', () => {
    expect(getEvaluationPeriod(db, { viewer: headA, periodId })).toMatchObject({ year: 2026, unitId: province.id, dueDate: '2026-12-15', finalised: 0 });
    expect(getEvaluationPeriod(db, { viewer: headA, periodId })!.rubric).toEqual(rubricPreset('mac-dinh'));
    expect(listEvaluationPeriods(db, { viewer: supervisor }).map((p) => p.id)).toEqual([periodId]);
    expect(auditOf('evaluation_period.create')).toMatchObject([{ entityId: String(periodId), actorId: admin.userId }]);
  });

  it('are invisible outside the province and not created by other roles', () => {
    const outsider = viewerFor('admin', otherProvince, 'quantri.khac');
    expect(getEvaluationPeriod(db, { viewer: outsider, periodId })).toBeNull();
    expect(listEvaluationPeriods(db, { viewer: outsider })).toEqual([]);
    expect(createEvaluationPeriod(db, { viewer: assessor, year: 2027, name: 'X', dueDate: '2027-12-01', template: { kind: 'preset', preset: 'mac-dinh' } })).toEqual({ status: 'not_found' });
    expect(createEvaluationPeriod(db, { viewer: outsider, year: 2027, name: 'X', dueDate: '2027-12-01', template: { kind: 'copy', periodId } })).toEqual({ status: 'not_found' });
  });

  it('refuses a second period with the same year and name', () => {
    expect(createEvaluationPeriod(db, { viewer: admin, year: 2026, name: 'Đánh giá năm 2026', dueDate: '2026-12-15', template: { kind: 'preset', preset: 'trong' } })).toEqual({ status: 'duplicate' });
  });

  it("copies last year's rubric into a new period", () => {
    const edited: Rubric = { ...rubricPreset('dong-nai-54-2025'), bonusCap: 'none' };
    expect(updateEvaluationRubric(db, { viewer: admin, periodId, rubric: edited })).toBe('ok');
    const previous = getPreviousPeriod(db, { viewer: admin, year: 2027 });
    expect(previous?.id).toBe(periodId);
    const copy = createEvaluationPeriod(db, { viewer: admin, year: 2027, name: 'Đánh giá năm 2027', dueDate: '2027-12-15', template: { kind: 'copy', periodId: previous!.id } });
    expect(copy.status).toBe('ok');
    if (copy.status === 'ok') expect(getEvaluationPeriod(db, { viewer: admin, periodId: copy.id })!.rubric).toEqual(edited);
    expect(auditOf('evaluation_period.update_rubric')).toHaveLength(1);
  });

  it('a rubric cannot be edited once any office of the period is finalised', () => {
    saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.95) });
    expect(finaliseEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.95) }).status).toBe('ok');
    expect(updateEvaluationRubric(db, { viewer: admin, periodId, rubric: rubricPreset('trong') })).toBe('locked');
    expect(getEvaluationPeriod(db, { viewer: admin, periodId })!.rubric).toEqual(rubricPreset('mac-dinh'));
  });

  it('only an administrator edits a rubric', () => {
    expect(updateEvaluationRubric(db, { viewer: assessor, periodId, rubric: rubricPreset('trong') })).toBe('not_found');
  });
});

describe('sheets', () => {
  it('office A cannot read or write office B’s sheet', () => {
    expect(getEvaluationSheet(db, { viewer: headA, periodId, unitId: officeA.id })).not.toBeNull();
    expect(getEvaluationSheet(db, { viewer: headA, periodId, unitId: officeB.id })).toBeNull();
    expect(saveEvaluationStage(db, { viewer: headA, periodId, unitId: officeB.id, stage: 'self', entries: entries([1000]), automatic: [] })).toEqual({ status: 'not_found' });
    expect(listEvaluationSheets(db, { periodId, path: officeB.path })).toEqual([]);
  });

  it('an office head cannot review and an assessor cannot self-assess; a supervisor writes nothing', () => {
    expect(saveEvaluationStage(db, { viewer: headA, periodId, unitId: officeA.id, stage: 'review', entries: entries([1000]), automatic: [] }).status).toBe('not_found');
    expect(saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeA.id, stage: 'self', entries: entries([1000]), automatic: [] }).status).toBe('not_found');
    expect(saveEvaluationStage(db, { viewer: supervisor, periodId, unitId: officeA.id, stage: 'self', entries: entries([1000]), automatic: [] }).status).toBe('not_found');
    expect(finaliseEvaluationSheet(db, { viewer: headA, periodId, unitId: officeA.id, figures: figures(0.9) }).status).toBe('not_found');
  });

  it('self-assessment → review → finalise, each audited; the final total and class are stored', () => {
    const self = saveEvaluationStage(db, { viewer: headA, periodId, unitId: officeA.id, stage: 'self', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.92), now: NOW });
    expect(self.status).toBe('ok');
    let view = getEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeA.id })!;
    expect(view.sheet).toMatchObject({ status: 'self_assessed', selfAssessedBy: headA.userId });
    expect(view.scores.get('ke-hoach')).toMatchObject({ selfPoints: 1000, selfNote: 'Minh chứng', selfLinks: ['https://example.vn/a'], reviewPoints: null });
    expect(view.scores.get('hai-long')).toMatchObject({ selfPoints: 1800, source: { rate: 0.92, n: 120 } });

    // A review with one criterion left empty cannot be finalised; the message names it.
    saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([900, 1000, 1400, 1500, 1200]), automatic: automatic(0.92) });
    const refused = finaliseEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.92) });
    expect(refused).toEqual({ status: 'incomplete', message: 'Chưa chốt được: còn 1 tiêu chí chưa có điểm thẩm định (“Tiếp nhận, xử lý phản ánh, kiến nghị”). Chấm đủ các tiêu chí này rồi chốt lại.' });

    // Self-assessment is closed once reviewed.
    expect(saveEvaluationStage(db, { viewer: headA, periodId, unitId: officeA.id, stage: 'self', entries: entries([0]), automatic: [] })).toEqual({ status: 'locked', why: 'reviewed' });

    saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([900, 1000, 1400, 1500, 1200, 1500]), automatic: automatic(0.92) });
    expect(finaliseEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.92), now: NOW })).toEqual({ status: 'ok', totalX100: 9300, classification: 'Xuất sắc' });
    view = getEvaluationSheet(db, { viewer: headA, periodId, unitId: officeA.id })!;
    expect(view.sheet).toMatchObject({ status: 'finalised', finalTotal: 9300, finalClass: 'Xuất sắc', finalisedBy: assessor.userId, finalisedAt: NOW });
    expect(listEvaluationPoints(db, { periodId, path: province.path }).get(officeA.id)?.get('dung-han')).toEqual({ selfX100: 1500, reviewX100: 1200 });
    expect(auditOf('evaluation.self_assess')).toHaveLength(1);
    expect(auditOf('evaluation.review')).toHaveLength(2);
    expect(JSON.parse(auditOf('evaluation.finalise')[0]!.after)).toMatchObject({ status: 'finalised', total: 93, classification: 'Xuất sắc' });
  });

  it('a finalised sheet cannot be edited; only an administrator reopens it, with the reason audited', () => {
    saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.95) });
    expect(finaliseEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.95) }).status).toBe('ok');

    expect(saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([0, 0, 0, 0, 0, 0]), automatic: [] })).toEqual({ status: 'locked', why: 'finalised' });
    expect(saveEvaluationStage(db, { viewer: headA, periodId, unitId: officeA.id, stage: 'self', entries: entries([0]), automatic: [] })).toEqual({ status: 'locked', why: 'finalised' });
    expect(finaliseEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeA.id, figures: figures(0.5) })).toEqual({ status: 'locked' });

    expect(reopenEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeA.id, reason: 'Sai điểm tiêu chí 1' })).toBe('not_found');
    expect(reopenEvaluationSheet(db, { viewer: headA, periodId, unitId: officeA.id, reason: 'Sai điểm tiêu chí 1' })).toBe('not_found');
    expect(reopenEvaluationSheet(db, { viewer: admin, periodId, unitId: officeB.id, reason: 'Sai điểm tiêu chí 1' })).toBe('not_found');
    expect(reopenEvaluationSheet(db, { viewer: admin, periodId, unitId: officeA.id, reason: 'Sai điểm tiêu chí 1' })).toBe('ok');
    expect(getEvaluationSheet(db, { viewer: admin, periodId, unitId: officeA.id })!.sheet).toMatchObject({ status: 'reviewed', finalTotal: null, finalClass: null });
    expect(JSON.parse(auditOf('evaluation.reopen')[0]!.after)).toEqual({ status: 'reviewed', reason: 'Sai điểm tiêu chí 1' });
    expect(reopenEvaluationSheet(db, { viewer: admin, periodId, unitId: officeA.id, reason: 'Lần nữa cho chắc' })).toBe('not_finalised');
    // Editable again.
    expect(saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeA.id, stage: 'review', entries: entries([900, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.95) }).status).toBe('ok');
  });

  it('finalising freezes the automatic criterion with its source', () => {
    saveEvaluationStage(db, { viewer: assessor, periodId, unitId: officeB.id, stage: 'review', entries: entries([1000, 1000, 1500, 1500, 1500, 1500]), automatic: automatic(0.8) });
    const done = finaliseEvaluationSheet(db, { viewer: assessor, periodId, unitId: officeB.id, figures: figures(null) });
    expect(done).toEqual({ status: 'ok', totalX100: 8000, classification: 'Tốt' });
    expect(getEvaluationSheet(db, { viewer: headB, periodId, unitId: officeB.id })!.scores.get('hai-long')).toMatchObject({ reviewPoints: 0, source: { rate: null, enoughData: false } });
  });
});
