import { randomUUID } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getQuestionSetVersionByNumber, listQuestionSetVersions } from '@/db/queries/question-set-admin';
import { createUnit, getSurveyTargetAndVersionId } from '@/db/queries/units';
import { answers, auditLog, questionSets, questionSetVersions, responses } from '@/db/schema';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import type { Viewer } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import {
  assignQuestionSet,
  copyQuestionSet,
  createQuestionSetVersion,
  getQuestionSetAssignments,
  getQuestionSetForAdmin,
  listAssignableQuestionSets,
  listQuestionSetsForAdmin,
  setDefaultQuestionSet,
} from './question-sets';

let t: TestStore;
let admin: Viewer;
let headB: Viewer;
let setId: number;
let v1Id: number;
let office: { a: { id: number; path: string; code: string }; b: { id: number; path: string; code: string } };

const D = DEFAULT_QUESTION_SET;
const edited: QuestionSetDefinition = {
  commentMaxLength: 800,
  questions: D.questions.filter((q) => q.key !== 'q7').map((q) => (q.key === 'q3' ? { ...q, text: { vi: 'Lịch sự', en: 'Polite' } } : q)),
};

/** A stored rating of `unitId` on a version, as the survey stores one (Q1, Q2 and Q7 answered), written directly: responses.ts is the ratings' conversion. */
async function rate(unitId: number, questionSetVersionId: number) {
  const at = new Date('2026-11-27T02:00:00Z');
  const [row] = await t.conn.db
    .insert(responses)
    .values({ clientId: randomUUID(), unitId, counterId: null, questionSetVersionId, channel: 'qr', submittedAt: at, receivedAt: at, lang: 'vi' })
    .returning({ id: responses.id });
  await t.conn.db.insert(answers).values([
    { responseId: row!.id, questionKey: 'q1', score: 5 },
    { responseId: row!.id, questionKey: 'q2', score: 4 },
    { responseId: row!.id, questionKey: 'q7', score: 3 },
  ]);
  return row!.id;
}

/** A set with its version 1, as question-sets.ts's createQuestionSet writes it. */
async function addQuestionSet(input: { name: string; isDefault: boolean; ownerUnitId?: number }) {
  const [set] = await t.conn.db.insert(questionSets).values({ ownerUnitId: null, ...input }).returning({ id: questionSets.id });
  const [version] = await t.conn.db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition: D }).returning({ id: questionSetVersions.id });
  return { setId: set!.id, versionId: version!.id };
}

/** The audit entries of one action, newest first (what the audit page lists to a root administrator). */
const auditOf = (action: string) => t.conn.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id));

/** The id of the version the survey of an office's code shows now: the survey's own lookup. */
const surveyVersionOf = async (code: string) => (await getSurveyTargetAndVersionId({ code }))?.versionId;
/** The set whose version the survey of an office's code shows now. */
const surveySetOf = async (code: string) => {
  const id = await surveyVersionOf(code);
  return id == null ? null : (await t.conn.db.select({ setId: questionSetVersions.questionSetId }).from(questionSetVersions).where(eq(questionSetVersions.id, id)))[0]!.setId;
};

beforeEach(async () => {
  t = await openTestStore();
  const created = await addQuestionSet({ name: 'Mặc định', isDefault: true });
  setId = created.setId;
  v1Id = created.versionId;
  const province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const a = await createUnit({ parentId: province.id, kind: 'office', name: 'Một cửa A', rateable: true });
  const b = await createUnit({ parentId: province.id, kind: 'office', name: 'Một cửa B', rateable: true });
  office = { a: { id: a.id, path: a.path, code: a.code! }, b: { id: b.id, path: b.path, code: b.code! } };
  admin = await addTestViewer('admin', province, 'admin');
  headB = await addTestViewer('office_head', b, 'head.b');
});
afterEach(() => t.dispose());

describe('createQuestionSetVersion', () => {
  it('writes version 2 and leaves version 1 and its responses untouched', async () => {
    await rate(office.a.id, v1Id);
    await rate(office.b.id, v1Id);
    const versionRow = async () => (await t.conn.db.select().from(questionSetVersions).where(eq(questionSetVersions.id, v1Id)))[0];
    const allAnswers = () => t.conn.db.select().from(answers).orderBy(asc(answers.id));
    const before = await versionRow();
    const answersBefore = await allAnswers();

    const r = await createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    expect(r).toMatchObject({ status: 'created', version: 2 });

    expect(await versionRow()).toEqual(before);
    expect((await getQuestionSetVersionByNumber({ questionSetId: setId, version: 1 }))!.definition).toEqual(D);
    expect(await t.conn.db.selectDistinct({ v: responses.questionSetVersionId }).from(responses)).toEqual([{ v: v1Id }]);
    // The answer to Q7, which version 2 no longer asks, is still there.
    expect(await allAnswers()).toEqual(answersBefore);

    const latest = (await getQuestionSetVersionByNumber({ questionSetId: setId }))!;
    expect(latest).toMatchObject({ version: 2, definition: edited });
    // New surveys use the new version; the old responses keep theirs.
    expect(await surveyVersionOf(office.a.code)).toBe(latest.id);
    expect(await rate(office.a.id, latest.id)).toBeGreaterThan(0);
    expect((await listQuestionSetsForAdmin({ viewer: admin }))[0]!.versions.map((v) => [v.version, v.responses])).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });

  it('audits the change with the version numbers before and after', async () => {
    await createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    const rows = await auditOf('question_set.new_version');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: admin.userId,
      entityType: 'question_set',
      entityId: String(setId),
      before: { version: 1, commentMaxLength: 500 },
      after: { version: 2, commentMaxLength: 800, questions: 'q1, q2, q3, q4, q5, q6, q8, q9, q10' },
    });
  });

  it('refuses a save based on an older version, writing nothing', async () => {
    await createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    const r = await createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: D, viewer: admin });
    expect(r).toEqual({ status: 'stale', latestVersion: 2 });
    expect((await getQuestionSetVersionByNumber({ questionSetId: setId }))!.version).toBe(2);
    expect(await auditOf('question_set.new_version')).toHaveLength(1);
  });

  it('answers not_found for a missing set', async () => {
    expect(await createQuestionSetVersion({ questionSetId: 999, baseVersion: 1, definition: D, viewer: admin })).toEqual({ status: 'not_found' });
  });

  it('refuses an invalid definition before writing', async () => {
    const bad = { ...D, questions: D.questions.filter((q) => !q.required) };
    await expect(createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: bad, viewer: admin })).rejects.toThrow();
    expect(await listQuestionSetVersions({ questionSetId: setId })).toHaveLength(1);
  });
});

describe('listing and reading', () => {
  it('counts responses per version only inside the viewer’s scope', async () => {
    await rate(office.a.id, v1Id);
    await rate(office.b.id, v1Id);
    await rate(office.b.id, v1Id);
    expect((await getQuestionSetForAdmin({ viewer: admin, questionSetId: setId }))!.versions[0]!.responses).toBe(3);
    expect((await getQuestionSetForAdmin({ viewer: headB, questionSetId: setId }))!.versions[0]!.responses).toBe(2);
  });

  it('lists the latest version number and the default flag; null for an unknown set or version', async () => {
    await createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    expect(await listQuestionSetsForAdmin({ viewer: admin })).toMatchObject([{ id: setId, isDefault: true, latestVersion: 2 }]);
    expect(await getQuestionSetForAdmin({ viewer: admin, questionSetId: 999 })).toBeNull();
    expect(await getQuestionSetVersionByNumber({ questionSetId: setId, version: 3 })).toBeNull();
    expect((await listQuestionSetVersions({ questionSetId: setId })).map((v) => [v.version, v.definition.commentMaxLength])).toEqual([
      [1, 500],
      [2, 800],
    ]);
  });
});

describe('copyQuestionSet', () => {
  it('starts a non-default set at version 1 from the latest version of the source, audited', async () => {
    await createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    const copy = (await copyQuestionSet({ sourceId: setId, name: 'Bộ câu hỏi phường', viewer: admin }))!;
    expect(await getQuestionSetForAdmin({ viewer: admin, questionSetId: copy.id })).toMatchObject({ name: 'Bộ câu hỏi phường', isDefault: false, latestVersion: 1 });
    expect((await getQuestionSetVersionByNumber({ questionSetId: copy.id }))!.definition).toEqual(edited);
    expect((await auditOf('question_set.create'))[0]).toMatchObject({
      entityId: String(copy.id),
      after: { name: 'Bộ câu hỏi phường', copiedFromSetId: setId, copiedFromVersion: 2 },
    });
    // The copy does not change which set the surveys use.
    expect(await surveySetOf(office.a.code)).toBe(setId);
  });

  it('returns null for an unknown source', async () => {
    expect(await copyQuestionSet({ sourceId: 999, name: 'X', viewer: admin })).toBeNull();
  });
});

describe('administrators scoped below the province', () => {
  // Ward W (with its office) under the province, beside offices A and B; its administrator.
  let ward: { id: number; path: string };
  let wardOffice: { id: number; path: string; code: string };
  let wardAdmin: Viewer;
  beforeEach(async () => {
    const provinceId = Number(office.a.path.split('/')[1]);
    ward = await createUnit({ parentId: provinceId, kind: 'commune', name: 'Phường W', rateable: false });
    const o = await createUnit({ parentId: ward.id, kind: 'office', name: 'Một cửa W', rateable: true });
    wardOffice = { id: o.id, path: o.path, code: o.code! };
    wardAdmin = await addTestViewer('admin', ward, 'quantri.w', 'Quản trị phường');
  });

  const versionsOf = async (questionSetId: number) => (await listQuestionSetVersions({ questionSetId })).map((v) => v.version);

  it('cannot create a version of the province’s set, which changes no survey; the province’s administrator can', async () => {
    expect(await createQuestionSetVersion({ viewer: wardAdmin, questionSetId: setId, baseVersion: 1, definition: edited })).toEqual({ status: 'forbidden' });
    expect(await versionsOf(setId)).toEqual([1]);
    expect((await getSurveyTargetAndVersionId({ code: wardOffice.code }))?.versionId).toBe(v1Id);
    expect(await createQuestionSetVersion({ viewer: admin, questionSetId: setId, baseVersion: 1, definition: edited })).toMatchObject({ status: 'created' });
  });

  it('sees the province’s set read-only, its own sets, and never a set owned by another office', async () => {
    const own = (await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' }))!;
    const officeB = (await addQuestionSet({ name: 'Bộ của B', isDefault: false, ownerUnitId: office.b.id })).setId;
    expect((await listQuestionSetsForAdmin({ viewer: wardAdmin })).map((s) => [s.name, s.ownerName, s.canChange, s.canMakeDefault])).toEqual([
      ['Mặc định', null, false, false],
      ['Bộ của phường', 'Phường W', true, false],
    ]);
    expect(await getQuestionSetForAdmin({ viewer: wardAdmin, questionSetId: officeB })).toBeNull();
    expect(await getQuestionSetForAdmin({ viewer: admin, questionSetId: officeB })).toMatchObject({ canChange: true });
    expect(await getQuestionSetForAdmin({ viewer: admin, questionSetId: own.id })).toMatchObject({ ownerUnitId: ward.id, canChange: true, canMakeDefault: false });
    // A copy of a set it cannot see is refused like a missing one.
    expect(await copyQuestionSet({ viewer: wardAdmin, sourceId: officeB, name: 'Lấy trộm' })).toBeNull();
    // A copy owned by a unit of the ward, yes; by the province or a neighbour, no.
    const forOffice = (await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Bộ của một cửa W', ownerUnitId: wardOffice.id }))!;
    expect(await getQuestionSetForAdmin({ viewer: wardAdmin, questionSetId: forOffice.id })).toMatchObject({ ownerUnitId: wardOffice.id, canChange: true });
    expect(await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Cho tỉnh', ownerUnitId: Number(office.a.path.split('/')[1]) })).toBeNull();
    expect(await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Cho B', ownerUnitId: office.b.id })).toBeNull();
  });

  it('copies the province’s set into one the ward owns and changes, and assigns it inside the ward only', async () => {
    const own = (await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' }))!;
    const created = await createQuestionSetVersion({ viewer: wardAdmin, questionSetId: own.id, baseVersion: 1, definition: edited });
    expect(created).toMatchObject({ status: 'created', version: 2 });

    // Outside the ward: answered like a missing unit; nothing changes.
    expect(await assignQuestionSet({ viewer: wardAdmin, unitId: office.b.id, questionSetId: own.id })).toEqual({ status: 'not_found' });
    expect(await assignQuestionSet({ viewer: wardAdmin, unitId: Number(office.a.path.split('/')[1]), questionSetId: own.id })).toEqual({ status: 'not_found' });
    // A ward's set never reaches the province, even by the province's administrator.
    expect(await assignQuestionSet({ viewer: admin, unitId: office.a.id, questionSetId: own.id })).toEqual({ status: 'forbidden' });
    expect((await getSurveyTargetAndVersionId({ code: wardOffice.code }))?.versionId).toBe(v1Id);

    // Assigned to the ward, its office inherits it; the other offices keep the default.
    expect(await assignQuestionSet({ viewer: wardAdmin, unitId: ward.id, questionSetId: own.id })).toEqual({ status: 'assigned' });
    if (created.status !== 'created') throw new Error('unreachable');
    expect((await getSurveyTargetAndVersionId({ code: wardOffice.code }))?.versionId).toBe(created.id);
    expect(await surveySetOf(office.a.code)).toBe(setId);
    expect((await auditOf('unit.assign_question_set'))[0]).toMatchObject({
      entityType: 'unit',
      entityId: String(ward.id),
      before: { questionSetId: null },
      after: { questionSetId: own.id },
    });

    // The office may go back to the province's set, then inherit again.
    expect(await assignQuestionSet({ viewer: wardAdmin, unitId: wardOffice.id, questionSetId: setId })).toEqual({ status: 'assigned' });
    expect((await getSurveyTargetAndVersionId({ code: wardOffice.code }))?.versionId).toBe(v1Id);
    expect(await assignQuestionSet({ viewer: wardAdmin, unitId: wardOffice.id, questionSetId: null })).toEqual({ status: 'assigned' });
    expect((await getSurveyTargetAndVersionId({ code: wardOffice.code }))?.versionId).toBe(created.id);
  });

  it('never makes a ward’s set the default of the whole tree; the province’s administrator makes one of the province’s', async () => {
    const own = (await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' }))!;
    expect(await setDefaultQuestionSet({ viewer: wardAdmin, questionSetId: own.id })).toBe('forbidden');
    expect(await setDefaultQuestionSet({ viewer: wardAdmin, questionSetId: setId })).toBe('forbidden');
    // Even the province's administrator: the ward's administrators would then change every survey.
    expect(await setDefaultQuestionSet({ viewer: admin, questionSetId: own.id })).toBe('forbidden');
    expect(await surveySetOf(office.a.code)).toBe(setId);

    const provinces = (await copyQuestionSet({ viewer: admin, sourceId: setId, name: 'Bộ mới của tỉnh' }))!;
    expect(await setDefaultQuestionSet({ viewer: admin, questionSetId: provinces.id })).toBe('done');
    expect(await surveySetOf(office.a.code)).toBe(provinces.id);
    expect((await listQuestionSetsForAdmin({ viewer: admin })).filter((s) => s.isDefault).map((s) => s.id)).toEqual([provinces.id]);
    expect((await auditOf('question_set.set_default'))[0]).toMatchObject({
      entityId: String(provinces.id),
      before: { previousDefaultSetId: setId },
    });
  });

  it('offers for a unit only the sets owned at or above it', async () => {
    const own = (await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' }))!;
    const officeSet = (await copyQuestionSet({ viewer: { ...wardAdmin, scopeUnitId: wardOffice.id, scopePath: wardOffice.path }, sourceId: setId, name: 'Bộ của một cửa' }))!;
    const names = async (viewer: Viewer, unitPath: string) => (await listAssignableQuestionSets({ viewer, unitPath })).map((s) => s.name);
    expect(await names(wardAdmin, wardOffice.path)).toEqual(['Mặc định', 'Bộ của một cửa', 'Bộ của phường']);
    expect(await names(wardAdmin, ward.path)).toEqual(['Mặc định', 'Bộ của phường']);
    expect(await names(wardAdmin, office.a.path)).toEqual([]);
    expect(await names(admin, office.a.path)).toEqual(['Mặc định']);
    expect(await assignQuestionSet({ viewer: wardAdmin, unitId: ward.id, questionSetId: officeSet.id })).toEqual({ status: 'forbidden' });
    expect(own.id).toBeGreaterThan(setId);
  });

  it('a set\'s page lists the units that chose it and offers the unit tree, where only units that may use it can be picked', async () => {
    const own = (await copyQuestionSet({ viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' }))!;
    const line = (r: { name: string; depth: number; pickable: boolean }) => `${'  '.repeat(r.depth)}${r.name}${r.pickable ? '' : ' (không chọn được)'}`;

    // The province's administrator: the ward's set can go only to the ward and below, shown under the province.
    const byAdmin = (await getQuestionSetAssignments({ viewer: admin, questionSetId: own.id }))!;
    expect(byAdmin.chosenBy).toEqual([]);
    expect(byAdmin.tree.map(line)).toEqual(['Tỉnh (không chọn được)', '  Phường W', '    Một cửa W']);
    // The default set can go anywhere in their subtree.
    expect((await getQuestionSetAssignments({ viewer: admin, questionSetId: setId }))!.tree.map(line)).toEqual([
      'Tỉnh',
      '  Một cửa A',
      '  Một cửa B',
      '  Phường W',
      '    Một cửa W',
    ]);

    expect(await assignQuestionSet({ viewer: wardAdmin, unitId: wardOffice.id, questionSetId: own.id })).toEqual({ status: 'assigned' });
    expect((await getQuestionSetAssignments({ viewer: admin, questionSetId: own.id }))!.chosenBy.map((u) => u.id)).toEqual([wardOffice.id]);
    // The ward's administrator sees their own subtree only; a set of a neighbour is not theirs to see.
    expect((await getQuestionSetAssignments({ viewer: wardAdmin, questionSetId: own.id }))!.tree.map(line)).toEqual(['Phường W', '  Một cửa W']);
    const neighbours = (await copyQuestionSet({ viewer: admin, sourceId: setId, name: 'Bộ của B', ownerUnitId: office.b.id }))!;
    expect(await getQuestionSetAssignments({ viewer: wardAdmin, questionSetId: neighbours.id })).toBeNull();
  });
});

describe('at the same moment (several app servers on PostgreSQL)', () => {
  it('editors saving the same version at once: one new version, the others told it is stale', async () => {
    const lengths = [800, 700, 650, 600, 550, 450];
    const results = await Promise.all(
      lengths.map((n) => createQuestionSetVersion({ questionSetId: setId, baseVersion: 1, definition: { ...D, commentMaxLength: n }, viewer: admin })),
    );
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.status !== 'created')).toEqual(Array(lengths.length - 1).fill({ status: 'stale', latestVersion: 2 }));
    expect(await auditOf('question_set.new_version')).toHaveLength(1);
  });

  it('sets made the default at once: exactly one default afterwards, and each entry names the one it replaced', async () => {
    const sets = [];
    for (const name of ['Bộ A', 'Bộ B', 'Bộ C', 'Bộ D']) sets.push((await copyQuestionSet({ viewer: admin, sourceId: setId, name }))!.id);
    expect(await Promise.all(sets.map((id) => setDefaultQuestionSet({ viewer: admin, questionSetId: id })))).toEqual(['done', 'done', 'done', 'done']);
    const defaults = await t.conn.db.select({ id: questionSets.id }).from(questionSets).where(eq(questionSets.isDefault, true));
    expect(defaults).toHaveLength(1);
    const entries = (await auditOf('question_set.set_default')).reverse();
    const replaced = entries.map((e) => (e.before as { previousDefaultSetId: number }).previousDefaultSetId);
    expect(replaced).toEqual([setId, ...entries.slice(0, -1).map((e) => Number(e.entityId))]);
    expect(defaults[0]!.id).toBe(Number(entries.at(-1)!.entityId));
  });
});
