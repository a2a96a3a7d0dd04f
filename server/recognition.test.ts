import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRecognitionRound, listNominations } from '@/db/queries/recognition';
import { evaluationPeriods, evaluationSheets, officials, rollupOfficialMonths, units } from '@/db/schema';
import { seedDemoRecognitionIfNone } from '@/db/seed';
import { seedDemoEvaluationIfNone } from '@/db/seed-evaluation';
import { addTestViewer, openDemoTestStore, openTestStore, type TestStore } from '@/db/testing';
import type { Role, Viewer } from '@/lib/auth/roles';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { DEFAULT_RULES } from '@/lib/recognition/rules';
import {
  compileRound,
  loadRecognitionHome,
  loadRoundPage,
  nominateCollective,
  nominateIndividual,
  openRound,
  recordDecision,
  REFUSALS,
  reviewNomination,
  saveRoundRules,
  type Outcome,
} from './recognition';

function idOf(outcome: Outcome): number {
  if (outcome.status !== 'ok' || outcome.id === undefined) throw new Error(JSON.stringify(outcome));
  return outcome.id;
}

let t: TestStore;
type Node = { id: number; path: string };
let province: Node;
let officeA: Node;
let officeB: Node;
let assessor: Viewer;
let supervisor: Viewer;
let headA: Viewer;
let headB: Viewer;
let periodId: number;
let staffA: number;
let fewA: number;
let inactiveA: number;
let staffB: number;

const NOW = new Date('2027-01-10T02:00:00Z');
const viewerFor = (role: Role, scope: Node, username: string): Promise<Viewer> => addTestViewer(role, scope, username, `Người ${username}`);

async function addUnit(parent: Node | null, kind: string, name: string, code: string | null): Promise<Node> {
  const [row] = await t.conn.db.insert(units).values({ parentId: parent?.id ?? null, path: '/', kind, name, searchName: name.toLowerCase(), code }).returning({ id: units.id });
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await t.conn.db.update(units).set({ path }).where(eq(units.id, row!.id));
  return { id: row!.id, path };
}

async function addOfficial(unit: Node, fullName: string, active = true): Promise<number> {
  const [row] = await t.conn.db.insert(officials).values({ unitId: unit.id, fullName, searchName: fullName.toLowerCase(), position: 'chuyên viên', active, createdAt: NOW, updatedAt: NOW }).returning({ id: officials.id });
  return row!.id;
}

/** Q2 ("Nhìn chung…") answers of an official in a month of 2026. */
async function addRatings(officialId: number, month: string, n: { n1?: number; n4?: number; n5?: number }) {
  await t.conn.db.insert(rollupOfficialMonths).values({ officialId, month, questionKey: 'q2', excluded: false, n1: n.n1 ?? 0, n2: 0, n3: 0, n4: n.n4 ?? 0, n5: n.n5 ?? 0 });
}

async function finalise(unit: Node, finalClass: string, status: 'finalised' | 'reviewed' = 'finalised') {
  await t.conn.db
    .insert(evaluationSheets)
    .values({ periodId, unitId: unit.id, status, finalTotal: status === 'finalised' ? 9500 : null, finalClass: status === 'finalised' ? finalClass : null, updatedAt: NOW })
    .onConflictDoUpdate({ target: [evaluationSheets.periodId, evaluationSheets.unitId], set: { status, finalClass: status === 'finalised' ? finalClass : null, finalTotal: status === 'finalised' ? 9500 : null } });
}

const countNominations = async () => Number(await t.conn.value('select count(*) from nominations'));
const auditOf = (action: string) => t.conn.all<{ entityId: string; actorId: number; after: string }>('select entity_id as "entityId", actor_id as "actorId", after from audit_log where action = ? order by id', [action]);

async function openedRound(): Promise<number> {
  const opened = await openRound({ viewer: assessor, periodId, now: NOW });
  if (opened.status !== 'ok') throw new Error(JSON.stringify(opened));
  return opened.id!;
}

async function individualForm(roundId: number) {
  const page = await loadRoundPage(assessor, roundId);
  return page!.forms.find((f) => f.kind === 'individual')!.id;
}
async function collectiveForm(roundId: number) {
  const page = await loadRoundPage(assessor, roundId);
  return page!.forms.find((f) => f.kind === 'collective')!.id;
}

beforeEach(async () => {
  t = await openTestStore();
  province = await addUnit(null, 'province', 'Tỉnh', null);
  officeA = await addUnit(province, 'office', 'Văn phòng A', 'VPA001');
  officeB = await addUnit(province, 'office', 'Văn phòng B', 'VPB001');
  assessor = await viewerFor('assessor', province, 'thamdinh');
  supervisor = await viewerFor('supervisor', province, 'giamsat');
  headA = await viewerFor('office_head', officeA, 'head.a');
  headB = await viewerFor('office_head', officeB, 'head.b');
  const [p] = await t.conn.db
    .insert(evaluationPeriods)
    .values({ year: 2026, name: 'Đánh giá năm 2026', unitId: province.id, dueDate: '2026-12-15', rubric: JSON.stringify(rubricPreset('mac-dinh')), createdAt: NOW, updatedAt: NOW })
    .returning({ id: evaluationPeriods.id });
  periodId = p!.id;
  staffA = await addOfficial(officeA, 'Nguyễn Thị An');
  fewA = await addOfficial(officeA, 'Lê Văn Ít');
  inactiveA = await addOfficial(officeA, 'Trần Đã Nghỉ', false);
  staffB = await addOfficial(officeB, 'Phạm Văn Bình');
  // 121 answers in 2026 (120 at 4–5), and some in 2025 that must not count.
  await addRatings(staffA, '2026-03', { n5: 60, n4: 10 });
  await addRatings(staffA, '2026-11', { n5: 40, n4: 10, n1: 1 });
  await addRatings(staffA, '2025-12', { n1: 50 });
  await addRatings(fewA, '2026-05', { n5: 5 });
});
afterEach(() => t.dispose());

describe('opening a round', () => {
  it('needs a finalised office; one per period; assessors only; default forms added and audited', async () => {
    expect(await openRound({ viewer: assessor, periodId, now: NOW })).toEqual({ status: 'refused', message: REFUSALS.noFinal });
    await finalise(officeA, 'Xuất sắc');
    expect(await openRound({ viewer: headA, periodId, now: NOW })).toEqual({ status: 'not_found' });
    const roundId = await openedRound();
    expect(await openRound({ viewer: assessor, periodId, now: NOW })).toEqual({ status: 'refused', message: REFUSALS.exists });
    const round = await getRecognitionRound({ viewer: assessor, roundId });
    expect(round).toMatchObject({ status: 'open', rules: DEFAULT_RULES, periodId });
    const home = await loadRecognitionHome(assessor);
    expect(home.forms.map((f) => `${f.kind}:${f.name}`)).toContain('collective:Tập thể lao động xuất sắc');
    expect(home.forms).toHaveLength(7);
    expect(await auditOf('recognition_round.open')).toMatchObject([{ entityId: String(roundId), actorId: assessor.userId }]);
    // Supervisors have no recognition pages at all.
    expect(await loadRoundPage(supervisor, roundId)).toBeNull();
  });
});

describe('nominations', () => {
  it('attach the figures of the year and refuse other offices, inactive officials, twice, and offices not final — nothing stored', async () => {
    await finalise(officeB, 'Xuất sắc');
    const roundId = await openedRound();
    const formId = await individualForm(roundId);
    const nominate = (viewer: Viewer, officialId: number) => nominateIndividual({ viewer, roundId, officialId, formId, reasons: 'Tận tình hướng dẫn người dân', evidence: ['https://example.vn/a'], now: NOW });

    expect(await nominate(headA, staffB)).toMatchObject({ status: 'refused', message: REFUSALS.otherOffice });
    expect(await nominate(headA, inactiveA)).toMatchObject({ status: 'refused', message: REFUSALS.inactive });
    expect(await nominate(headA, staffA)).toMatchObject({ status: 'refused', message: REFUSALS.notFinal });
    expect(await countNominations()).toBe(0);

    await finalise(officeA, 'Tốt');
    expect(await nominate(headA, staffA)).toMatchObject({ status: 'ok' });
    expect(await nominate(headA, staffA)).toMatchObject({ status: 'refused', message: REFUSALS.twiceOfficial });
    expect(await nominate(headA, fewA)).toMatchObject({ status: 'ok' });
    expect(await nominate(headB, staffB)).toMatchObject({ status: 'ok' });
    expect(await countNominations()).toBe(3);

    const [a] = await listNominations({ roundId, path: officeA.path });
    expect(a!.figures).toMatchObject({ n: 121, year: 2026, enoughData: true, minSample: 30 });
    expect(a!.figures!.rate).toBeCloseTo(120 / 121, 6);
    expect(a!.figures!.low).toBeGreaterThan(0.9);
    expect(a!.evidenceLinks).toEqual(['https://example.vn/a']);
    expect((await auditOf('nomination.create')).length).toBe(3);

    // Scope: head B sees only B's nomination and B's officials; head A only A's.
    const pageB = await loadRoundPage(headB, roundId);
    expect(pageB!.individuals.map((n) => n.officialName)).toEqual(['Phạm Văn Bình']);
    expect(pageB!.nominees).toEqual([]);
    const pageA = await loadRoundPage(headA, roundId);
    expect(pageA!.individuals.map((n) => n.officialName).sort()).toEqual(['Lê Văn Ít', 'Nguyễn Thị An']);
    expect(pageA!.individuals.find((n) => n.officialName === 'Lê Văn Ít')!.eligibility.firstFailure).toBe('Chưa đủ số lượt đánh giá: có 5, cần ít nhất 30.');
    // Each view of individual figures is audited.
    expect((await auditOf('official.figures.view')).length).toBe(2);
  });

  it('the assessor proposes offices whose class qualifies, once each', async () => {
    await finalise(officeA, 'Xuất sắc');
    await finalise(officeB, 'Tốt');
    const roundId = await openedRound();
    const formId = await collectiveForm(roundId);
    const page = await loadRoundPage(assessor, roundId);
    expect(page!.candidates.map((c) => c.name)).toEqual(['Văn phòng A']);
    const propose = (unitId: number) => nominateCollective({ viewer: assessor, roundId, unitId, formId, reasons: 'Đạt xếp loại Xuất sắc năm 2026', now: NOW });
    expect(await propose(officeB.id)).toEqual({ status: 'refused', message: 'Đơn vị được xếp loại “Tốt”, chưa đạt mức “Xuất sắc”.' });
    expect(await propose(officeA.id)).toMatchObject({ status: 'ok' });
    expect(await propose(officeA.id)).toEqual({ status: 'refused', message: REFUSALS.twiceOffice });
    expect(await nominateCollective({ viewer: headA, roundId, unitId: officeA.id, formId, reasons: 'xxxxxxxxxxxx', now: NOW })).toEqual({ status: 'not_found' });
    // A form of the wrong kind is refused.
    expect(await nominateCollective({ viewer: assessor, roundId, unitId: officeA.id, formId: await individualForm(roundId), reasons: 'xxxxxxxxxxxx', now: NOW })).toMatchObject({ status: 'refused' });
  });
});

describe('review, compile, decision, lock', () => {
  it('goes open → compiled → decided and refuses every write after the decision', async () => {
    await finalise(officeA, 'Xuất sắc');
    const roundId = await openedRound();
    const iForm = await individualForm(roundId);
    const cForm = await collectiveForm(roundId);
    const good = idOf(await nominateIndividual({ viewer: headA, roundId, officialId: staffA, formId: iForm, reasons: 'Tận tình hướng dẫn người dân', evidence: [], now: NOW }));
    const few = idOf(await nominateIndividual({ viewer: headA, roundId, officialId: fewA, formId: iForm, reasons: 'Tận tình hướng dẫn người dân', evidence: [], now: NOW }));
    const office = idOf(await nominateCollective({ viewer: assessor, roundId, unitId: officeA.id, formId: cForm, reasons: 'Đạt xếp loại Xuất sắc', now: NOW }));

    // Rules may change while open; accepting a nominee who fails one is refused with the rule.
    expect(await saveRoundRules({ viewer: headA, roundId, rules: DEFAULT_RULES, now: NOW })).toEqual({ status: 'not_found' });
    expect(await reviewNomination({ viewer: assessor, nominationId: few, verdict: 'accepted', note: '', now: NOW })).toEqual({
      status: 'refused',
      message: 'Không đồng ý đề nghị được vì chưa đạt tiêu chuẩn: Chưa đủ số lượt đánh giá: có 5, cần ít nhất 30.',
    });
    expect(await compileRound({ viewer: assessor, roundId, submissionNumber: '12/TTr-SNV', submissionDate: '2027-01-15', now: NOW })).toEqual({
      status: 'refused',
      message: 'Còn 3 đề nghị chưa được xem xét (đồng ý hoặc không đồng ý).',
    });
    expect(await reviewNomination({ viewer: assessor, nominationId: few, verdict: 'rejected', note: 'Chưa đủ số lượt', now: NOW })).toEqual({ status: 'ok' });
    expect(await reviewNomination({ viewer: assessor, nominationId: good, verdict: 'accepted', note: '', now: NOW })).toEqual({ status: 'ok' });
    expect(await reviewNomination({ viewer: assessor, nominationId: office, verdict: 'accepted', note: 'Đủ điều kiện', now: NOW })).toEqual({ status: 'ok' });

    // A sheet reopened since blocks the compilation.
    await finalise(officeA, '', 'reviewed');
    expect(await compileRound({ viewer: assessor, roundId, submissionNumber: '12/TTr-SNV', submissionDate: '2027-01-15', now: NOW })).toMatchObject({ status: 'refused', message: expect.stringContaining('Văn phòng A') });
    await finalise(officeA, 'Xuất sắc');
    expect(await recordDecision({ viewer: assessor, roundId, decisionNumber: '1/QĐ', decisionDate: '2027-02-01', awards: new Map(), now: NOW })).toMatchObject({ status: 'refused' });
    expect(await compileRound({ viewer: assessor, roundId, submissionNumber: '12/TTr-SNV', submissionDate: '2027-01-15', now: NOW })).toEqual({ status: 'ok' });
    expect(await nominateIndividual({ viewer: headA, roundId, officialId: inactiveA, formId: iForm, reasons: 'Tận tình hướng dẫn người dân', evidence: [], now: NOW })).toEqual({ status: 'refused', message: REFUSALS.compiled });

    const lao = (await loadRoundPage(assessor, roundId))!.forms.find((f) => f.name === 'Lao động tiên tiến')!.id;
    expect(await recordDecision({ viewer: assessor, roundId, decisionNumber: '2001/QĐ-UBND', decisionDate: '2027-01-10', awards: new Map(), now: NOW })).toMatchObject({ status: 'refused', message: 'Ngày quyết định không được trước ngày tờ trình.' });
    expect(await recordDecision({ viewer: assessor, roundId, decisionNumber: '2001/QĐ-UBND', decisionDate: '2027-02-01', awards: new Map([[good, lao]]), now: NOW })).toEqual({ status: 'ok' });
    const round = await getRecognitionRound({ viewer: assessor, roundId });
    expect(round).toMatchObject({ status: 'decided', decisionNumber: '2001/QĐ-UBND', decisionDate: '2027-02-01', submissionNumber: '12/TTr-SNV', submissionDate: '2027-01-15' });
    const rows = await listNominations({ roundId, path: province.path });
    expect(rows.find((r) => r.id === good)!.awardedFormName).toBe('Lao động tiên tiến');
    expect(rows.find((r) => r.id === office)!.awardedFormId).toBe(cForm);
    expect(rows.find((r) => r.id === few)!.awardedFormId).toBeNull();

    // Locked.
    const before = await t.conn.all('select * from nominations order by id');
    expect(await reviewNomination({ viewer: assessor, nominationId: good, verdict: 'rejected', note: '', now: NOW })).toEqual({ status: 'refused', message: REFUSALS.decided });
    expect(await saveRoundRules({ viewer: assessor, roundId, rules: DEFAULT_RULES, now: NOW })).toEqual({ status: 'refused', message: REFUSALS.decided });
    expect(await compileRound({ viewer: assessor, roundId, submissionNumber: 'x', submissionDate: '2027-03-01', now: NOW })).toEqual({ status: 'refused', message: REFUSALS.decided });
    expect(await recordDecision({ viewer: assessor, roundId, decisionNumber: 'x', decisionDate: '2027-03-01', awards: new Map(), now: NOW })).toEqual({ status: 'refused', message: REFUSALS.decided });
    expect(await nominateCollective({ viewer: assessor, roundId, unitId: officeA.id, formId: cForm, reasons: 'xxxxxxxxxxxx', now: NOW })).toEqual({ status: 'refused', message: REFUSALS.decided });
    expect(await t.conn.all('select * from nominations order by id')).toEqual(before);
    expect((await auditOf('recognition_round.decide')).length).toBe(1);
    expect((await auditOf('recognition_round.compile')).length).toBe(1);
  });
});

describe('demo seeding', () => {
  it('makes a round for the demo period with one nomination, once', async () => {
    await t.dispose();
    const demo = await openDemoTestStore({ responses: 200, now: NOW });
    t = demo.t;
    await seedDemoEvaluationIfNone({ now: NOW });
    expect(await seedDemoRecognitionIfNone({ now: NOW })).toBe(true);
    expect(await seedDemoRecognitionIfNone({ now: NOW })).toBe(false);
    expect(Number(await t.conn.value('select count(*) from recognition_rounds'))).toBe(1);
    expect(Number(await t.conn.value("select count(*) from nominations where kind = 'individual'"))).toBe(1);
    expect(Number(await t.conn.value("select count(*) from evaluation_sheets where status = 'finalised'"))).toBe(1);
  });
});
