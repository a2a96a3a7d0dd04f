import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Viewer } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { openTestDb } from '../testing';
import { listAuditEntries } from './audit';
import {
  assignQuestionSet,
  copyQuestionSet,
  createQuestionSetVersion,
  getQuestionSetForAdmin,
  getQuestionSetVersionByNumber,
  listQuestionSetVersions,
  listAssignableQuestionSets,
  listQuestionSetsForAdmin,
  setDefaultQuestionSet,
} from './question-set-admin';
import { createQuestionSet, getActiveQuestionSetVersion } from './question-sets';
import { createResponse } from './responses';
import { createUnit, getSurveyTargetAndVersionId } from './units';
import { createUser, getViewer } from './users';

let db: ReturnType<typeof openTestDb>;
let admin: Viewer;
let headB: Viewer;
let setId: number;
let v1Id: number;
let office: { a: { id: number; path: string }; b: { id: number; path: string } };

const D = DEFAULT_QUESTION_SET;
const edited: QuestionSetDefinition = {
  commentMaxLength: 800,
  questions: D.questions.filter((q) => q.key !== 'q7').map((q) => (q.key === 'q3' ? { ...q, text: { vi: 'Lịch sự', en: 'Polite' } } : q)),
};

const rate = (unitId: number, questionSetVersionId: number) =>
  createResponse(db, {
    clientId: randomUUID(),
    unitId,
    counterId: null,
    questionSetVersionId,
    channel: 'qr',
    submittedAt: new Date('2026-11-27T02:00:00Z'),
    receivedAt: new Date('2026-11-27T02:00:00Z'),
    lang: 'vi',
    procedureFieldId: null,
    comment: null,
    answers: [
      { questionKey: 'q1', score: 5, choice: null },
      { questionKey: 'q2', score: 4, choice: null },
      { questionKey: 'q7', score: 3, choice: null },
    ],
    contact: null,
    deviceHash: null,
    networkHash: null,
    rules: DEFAULT_ABUSE_RULES,
  });

beforeEach(() => {
  db = openTestDb();
  const created = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: D });
  setId = created.set.id;
  v1Id = created.version.id;
  const province = createUnit(db, { parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const a = createUnit(db, { parentId: province.id, kind: 'office', name: 'Một cửa A', rateable: true });
  const b = createUnit(db, { parentId: province.id, kind: 'office', name: 'Một cửa B', rateable: true });
  office = { a: { id: a.id, path: `/${province.id}/${a.id}/` }, b: { id: b.id, path: `/${province.id}/${b.id}/` } };
  const base = { email: null, displayName: 'X', passwordHash: 'x', mustChangePassword: false } as const;
  const adminRow = createUser(db, { user: { ...base, username: 'admin', role: 'admin', scopeUnitId: province.id }, actorId: null });
  const headRow = createUser(db, { user: { ...base, username: 'head.b', role: 'office_head', scopeUnitId: b.id }, actorId: null });
  admin = getViewer(db, { userId: adminRow.id, sessionVersion: 1 })!;
  headB = getViewer(db, { userId: headRow.id, sessionVersion: 1 })!;
});
afterEach(() => db.dispose());

describe('createQuestionSetVersion', () => {
  it('writes version 2 and leaves version 1 and its responses untouched', () => {
    rate(office.a.id, v1Id);
    rate(office.b.id, v1Id);
    const before = db.$client.prepare('select * from question_set_versions where id = ?').get(v1Id);
    const answersBefore = db.$client.prepare('select * from answers order by id').all();

    const r = createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    expect(r).toMatchObject({ status: 'created', version: 2 });

    expect(db.$client.prepare('select * from question_set_versions where id = ?').get(v1Id)).toEqual(before);
    expect(getQuestionSetVersionByNumber(db, { questionSetId: setId, version: 1 })!.definition).toEqual(D);
    expect(db.$client.prepare('select distinct question_set_version_id as v from responses').all()).toEqual([{ v: v1Id }]);
    // The answer to Q7, which version 2 no longer asks, is still there.
    expect(db.$client.prepare('select * from answers order by id').all()).toEqual(answersBefore);

    const latest = getQuestionSetVersionByNumber(db, { questionSetId: setId })!;
    expect(latest).toMatchObject({ version: 2, definition: edited });
    // New surveys use the new version; the old responses keep theirs.
    expect(getActiveQuestionSetVersion(db, { unitPath: office.a.path })).toMatchObject({ version: 2 });
    expect(rate(office.a.id, latest.id)).toMatchObject({ status: 'created' });
    expect(listQuestionSetsForAdmin(db, { viewer: admin })[0]!.versions.map((v) => [v.version, v.responses])).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });

  it('audits the change with the version numbers before and after', () => {
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    const { rows } = listAuditEntries(db, { viewer: admin, action: 'question_set.new_version', limit: 10, offset: 0 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: admin.userId,
      entityType: 'question_set',
      entityId: String(setId),
      before: { version: 1, commentMaxLength: 500 },
      after: { version: 2, commentMaxLength: 800, questions: 'q1, q2, q3, q4, q5, q6, q8, q9, q10' },
    });
  });

  it('refuses a save based on an older version, writing nothing', () => {
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    const r = createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: D, viewer: admin });
    expect(r).toEqual({ status: 'stale', latestVersion: 2 });
    expect(getQuestionSetVersionByNumber(db, { questionSetId: setId })!.version).toBe(2);
    expect(listAuditEntries(db, { viewer: admin, action: 'question_set.new_version', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('answers not_found for a missing set', () => {
    expect(createQuestionSetVersion(db, { questionSetId: 999, baseVersion: 1, definition: D, viewer: admin })).toEqual({ status: 'not_found' });
  });

  it('refuses an invalid definition before writing', () => {
    const bad = { ...D, questions: D.questions.filter((q) => !q.required) };
    expect(() => createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: bad, viewer: admin })).toThrow();
    expect(listQuestionSetVersions(db, { questionSetId: setId })).toHaveLength(1);
  });
});

describe('listing and reading', () => {
  it('counts responses per version only inside the viewer’s scope', () => {
    rate(office.a.id, v1Id);
    rate(office.b.id, v1Id);
    rate(office.b.id, v1Id);
    expect(getQuestionSetForAdmin(db, { viewer: admin, questionSetId: setId })!.versions[0]!.responses).toBe(3);
    expect(getQuestionSetForAdmin(db, { viewer: headB, questionSetId: setId })!.versions[0]!.responses).toBe(2);
  });

  it('lists the latest version number and the default flag; null for an unknown set or version', () => {
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    expect(listQuestionSetsForAdmin(db, { viewer: admin })).toMatchObject([{ id: setId, isDefault: true, latestVersion: 2 }]);
    expect(getQuestionSetForAdmin(db, { viewer: admin, questionSetId: 999 })).toBeNull();
    expect(getQuestionSetVersionByNumber(db, { questionSetId: setId, version: 3 })).toBeNull();
    expect(listQuestionSetVersions(db, { questionSetId: setId }).map((v) => [v.version, v.definition.commentMaxLength])).toEqual([
      [1, 500],
      [2, 800],
    ]);
  });
});

describe('copyQuestionSet', () => {
  it('starts a non-default set at version 1 from the latest version of the source, audited', () => {
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, viewer: admin });
    const copy = copyQuestionSet(db, { sourceId: setId, name: 'Bộ câu hỏi phường', viewer: admin })!;
    expect(getQuestionSetForAdmin(db, { viewer: admin, questionSetId: copy.id })).toMatchObject({ name: 'Bộ câu hỏi phường', isDefault: false, latestVersion: 1 });
    expect(getQuestionSetVersionByNumber(db, { questionSetId: copy.id })!.definition).toEqual(edited);
    expect(listAuditEntries(db, { viewer: admin, action: 'question_set.create', limit: 10, offset: 0 }).rows[0]).toMatchObject({
      entityId: String(copy.id),
      after: { name: 'Bộ câu hỏi phường', copiedFromSetId: setId, copiedFromVersion: 2 },
    });
    // The copy does not change which set the surveys use.
    expect(getActiveQuestionSetVersion(db, { unitPath: office.a.path })).toMatchObject({ questionSetId: setId });
  });

  it('returns null for an unknown source', () => {
    expect(copyQuestionSet(db, { sourceId: 999, name: 'X', viewer: admin })).toBeNull();
  });
});

describe('administrators scoped below the province', () => {
  // Ward W (with its office) under the province, beside offices A and B; its administrator.
  let ward: { id: number; path: string };
  let wardOffice: { id: number; path: string; code: string };
  let wardAdmin: Viewer;
  beforeEach(() => {
    const provinceId = Number(office.a.path.split('/')[1]);
    ward = createUnit(db, { parentId: provinceId, kind: 'commune', name: 'Phường W', rateable: false });
    const o = createUnit(db, { parentId: ward.id, kind: 'office', name: 'Một cửa W', rateable: true });
    wardOffice = { id: o.id, path: o.path, code: o.code! };
    const row = createUser(db, {
      user: { email: null, displayName: 'Quản trị phường', passwordHash: 'x', mustChangePassword: false, username: 'quantri.w', role: 'admin', scopeUnitId: ward.id },
      actorId: null,
    });
    wardAdmin = getViewer(db, { userId: row.id, sessionVersion: 1 })!;
  });

  const versionsOf = (questionSetId: number) => listQuestionSetVersions(db, { questionSetId }).map((v) => v.version);

  it('cannot create a version of the province’s set, which changes no survey; the province’s administrator can', () => {
    expect(createQuestionSetVersion(db, { viewer: wardAdmin, questionSetId: setId, baseVersion: 1, definition: edited })).toEqual({ status: 'forbidden' });
    expect(versionsOf(setId)).toEqual([1]);
    expect(getSurveyTargetAndVersionId(db, { code: wardOffice.code })?.versionId).toBe(v1Id);
    expect(createQuestionSetVersion(db, { viewer: admin, questionSetId: setId, baseVersion: 1, definition: edited })).toMatchObject({ status: 'created' });
  });

  it('sees the province’s set read-only, its own sets, and never a set owned by another office', () => {
    const own = copyQuestionSet(db, { viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' })!;
    const officeB = createQuestionSet(db, { name: 'Bộ của B', isDefault: false, definition: D, ownerUnitId: office.b.id }).set.id;
    expect(listQuestionSetsForAdmin(db, { viewer: wardAdmin }).map((s) => [s.name, s.ownerName, s.canChange, s.canMakeDefault])).toEqual([
      ['Mặc định', null, false, false],
      ['Bộ của phường', 'Phường W', true, false],
    ]);
    expect(getQuestionSetForAdmin(db, { viewer: wardAdmin, questionSetId: officeB })).toBeNull();
    expect(getQuestionSetForAdmin(db, { viewer: admin, questionSetId: officeB })).toMatchObject({ canChange: true });
    expect(getQuestionSetForAdmin(db, { viewer: admin, questionSetId: own.id })).toMatchObject({ ownerUnitId: ward.id, canChange: true, canMakeDefault: false });
    // A copy of a set it cannot see is refused like a missing one.
    expect(copyQuestionSet(db, { viewer: wardAdmin, sourceId: officeB, name: 'Lấy trộm' })).toBeNull();
    // A copy owned by a unit of the ward, yes; by the province or a neighbour, no.
    const forOffice = copyQuestionSet(db, { viewer: wardAdmin, sourceId: setId, name: 'Bộ của một cửa W', ownerUnitId: wardOffice.id })!;
    expect(getQuestionSetForAdmin(db, { viewer: wardAdmin, questionSetId: forOffice.id })).toMatchObject({ ownerUnitId: wardOffice.id, canChange: true });
    expect(copyQuestionSet(db, { viewer: wardAdmin, sourceId: setId, name: 'Cho tỉnh', ownerUnitId: Number(office.a.path.split('/')[1]) })).toBeNull();
    expect(copyQuestionSet(db, { viewer: wardAdmin, sourceId: setId, name: 'Cho B', ownerUnitId: office.b.id })).toBeNull();
  });

  it('copies the province’s set into one the ward owns and changes, and assigns it inside the ward only', () => {
    const own = copyQuestionSet(db, { viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' })!;
    const created = createQuestionSetVersion(db, { viewer: wardAdmin, questionSetId: own.id, baseVersion: 1, definition: edited });
    expect(created).toMatchObject({ status: 'created', version: 2 });

    // Outside the ward: answered like a missing unit; nothing changes.
    expect(assignQuestionSet(db, { viewer: wardAdmin, unitId: office.b.id, questionSetId: own.id })).toEqual({ status: 'not_found' });
    expect(assignQuestionSet(db, { viewer: wardAdmin, unitId: Number(office.a.path.split('/')[1]), questionSetId: own.id })).toEqual({ status: 'not_found' });
    // A ward's set never reaches the province, even by the province's administrator.
    expect(assignQuestionSet(db, { viewer: admin, unitId: office.a.id, questionSetId: own.id })).toEqual({ status: 'forbidden' });
    expect(getSurveyTargetAndVersionId(db, { code: wardOffice.code })?.versionId).toBe(v1Id);

    // Assigned to the ward, its office inherits it; the other offices keep the default.
    expect(assignQuestionSet(db, { viewer: wardAdmin, unitId: ward.id, questionSetId: own.id })).toEqual({ status: 'assigned' });
    if (created.status !== 'created') throw new Error('unreachable');
    expect(getSurveyTargetAndVersionId(db, { code: wardOffice.code })?.versionId).toBe(created.id);
    expect(getActiveQuestionSetVersion(db, { unitPath: office.a.path })).toMatchObject({ questionSetId: setId });
    expect(listAuditEntries(db, { viewer: wardAdmin, action: 'unit.assign_question_set', limit: 10, offset: 0 }).rows[0]).toMatchObject({
      entityType: 'unit',
      entityId: String(ward.id),
      before: { questionSetId: null },
      after: { questionSetId: own.id },
    });

    // The office may go back to the province's set, then inherit again.
    expect(assignQuestionSet(db, { viewer: wardAdmin, unitId: wardOffice.id, questionSetId: setId })).toEqual({ status: 'assigned' });
    expect(getSurveyTargetAndVersionId(db, { code: wardOffice.code })?.versionId).toBe(v1Id);
    expect(assignQuestionSet(db, { viewer: wardAdmin, unitId: wardOffice.id, questionSetId: null })).toEqual({ status: 'assigned' });
    expect(getSurveyTargetAndVersionId(db, { code: wardOffice.code })?.versionId).toBe(created.id);
  });

  it('never makes a ward’s set the default of the whole tree; the province’s administrator makes one of the province’s', () => {
    const own = copyQuestionSet(db, { viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' })!;
    expect(setDefaultQuestionSet(db, { viewer: wardAdmin, questionSetId: own.id })).toBe('forbidden');
    expect(setDefaultQuestionSet(db, { viewer: wardAdmin, questionSetId: setId })).toBe('forbidden');
    // Even the province's administrator: the ward's administrators would then change every survey.
    expect(setDefaultQuestionSet(db, { viewer: admin, questionSetId: own.id })).toBe('forbidden');
    expect(getActiveQuestionSetVersion(db, { unitPath: office.a.path })).toMatchObject({ questionSetId: setId });

    const provinces = copyQuestionSet(db, { viewer: admin, sourceId: setId, name: 'Bộ mới của tỉnh' })!;
    expect(setDefaultQuestionSet(db, { viewer: admin, questionSetId: provinces.id })).toBe('done');
    expect(getActiveQuestionSetVersion(db, { unitPath: office.a.path })).toMatchObject({ questionSetId: provinces.id });
    expect(listQuestionSetsForAdmin(db, { viewer: admin }).filter((s) => s.isDefault).map((s) => s.id)).toEqual([provinces.id]);
    expect(listAuditEntries(db, { viewer: admin, action: 'question_set.set_default', limit: 10, offset: 0 }).rows[0]).toMatchObject({
      entityId: String(provinces.id),
      before: { previousDefaultSetId: setId },
    });
  });

  it('offers for a unit only the sets owned at or above it', () => {
    const own = copyQuestionSet(db, { viewer: wardAdmin, sourceId: setId, name: 'Bộ của phường' })!;
    const officeSet = copyQuestionSet(db, { viewer: { ...wardAdmin, scopeUnitId: wardOffice.id, scopePath: wardOffice.path }, sourceId: setId, name: 'Bộ của một cửa' })!;
    const names = (viewer: Viewer, unitPath: string) => listAssignableQuestionSets(db, { viewer, unitPath }).map((s) => s.name);
    expect(names(wardAdmin, wardOffice.path)).toEqual(['Mặc định', 'Bộ của một cửa', 'Bộ của phường']);
    expect(names(wardAdmin, ward.path)).toEqual(['Mặc định', 'Bộ của phường']);
    expect(names(wardAdmin, office.a.path)).toEqual([]);
    expect(names(admin, office.a.path)).toEqual(['Mặc định']);
    expect(assignQuestionSet(db, { viewer: wardAdmin, unitId: ward.id, questionSetId: officeSet.id })).toEqual({ status: 'forbidden' });
    expect(own.id).toBeGreaterThan(setId);
  });
});
