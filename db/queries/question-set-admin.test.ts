import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Viewer } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { openTestDb } from '../testing';
import { listAuditEntries } from './audit';
import {
  copyQuestionSet,
  createQuestionSetVersion,
  getQuestionSetForAdmin,
  getQuestionSetVersionByNumber,
  listQuestionSetVersions,
  listQuestionSetsForAdmin,
} from './question-set-admin';
import { createQuestionSet, getActiveQuestionSetVersion } from './question-sets';
import { createResponse } from './responses';
import { createUnit } from './units';
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

    const r = createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, actorId: admin.userId });
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
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, actorId: admin.userId });
    const { rows } = listAuditEntries(db, { action: 'question_set.new_version', limit: 10, offset: 0 });
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
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, actorId: admin.userId });
    const r = createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: D, actorId: admin.userId });
    expect(r).toEqual({ status: 'stale', latestVersion: 2 });
    expect(getQuestionSetVersionByNumber(db, { questionSetId: setId })!.version).toBe(2);
    expect(listAuditEntries(db, { action: 'question_set.new_version', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('answers not_found for a missing set', () => {
    expect(createQuestionSetVersion(db, { questionSetId: 999, baseVersion: 1, definition: D, actorId: admin.userId })).toEqual({ status: 'not_found' });
  });

  it('refuses an invalid definition before writing', () => {
    const bad = { ...D, questions: D.questions.filter((q) => !q.required) };
    expect(() => createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: bad, actorId: admin.userId })).toThrow();
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
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, actorId: admin.userId });
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
    createQuestionSetVersion(db, { questionSetId: setId, baseVersion: 1, definition: edited, actorId: admin.userId });
    const copy = copyQuestionSet(db, { sourceId: setId, name: 'Bộ câu hỏi phường', actorId: admin.userId })!;
    expect(getQuestionSetForAdmin(db, { viewer: admin, questionSetId: copy.id })).toMatchObject({ name: 'Bộ câu hỏi phường', isDefault: false, latestVersion: 1 });
    expect(getQuestionSetVersionByNumber(db, { questionSetId: copy.id })!.definition).toEqual(edited);
    expect(listAuditEntries(db, { action: 'question_set.create', limit: 10, offset: 0 }).rows[0]).toMatchObject({
      entityId: String(copy.id),
      after: { name: 'Bộ câu hỏi phường', copiedFromSetId: setId, copiedFromVersion: 2 },
    });
    // The copy does not change which set the surveys use.
    expect(getActiveQuestionSetVersion(db, { unitPath: office.a.path })).toMatchObject({ questionSetId: setId });
  });

  it('returns null for an unknown source', () => {
    expect(copyQuestionSet(db, { sourceId: 999, name: 'X', actorId: admin.userId })).toBeNull();
  });
});
