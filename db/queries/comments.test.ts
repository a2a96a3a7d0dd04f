import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Role, Viewer } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { createTestViewer, openTestDb, testResponse } from '../testing';
import { countComments, getCommentInScope, getPublicReplyByReceipt, listComments, recordContactsViewed, replyToComment, setCommentStatus } from './comments';
import { createQuestionSet } from './question-sets';
import { createResponse, type NewResponse } from './responses';
import { createCounter, createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
let versionId: number;
let officeA: { id: number; path: string };
let officeB: { id: number; path: string };
let province: { id: number; path: string };
let counterA: number;
const T0 = new Date('2026-11-20T02:00:00Z');

function viewerFor(role: Role, scope: { id: number; path: string }, username: string): Viewer {
  return createTestViewer(db, role, scope, username);
}

function comment(unitId: number, over: Partial<NewResponse> & { q1?: number; q2?: number } = {}) {
  const { q1 = 5, q2 = 5, ...rest } = over;
  const r = createResponse(db, {
    ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: T0, comment: 'Góp ý', q1, q2, ...rest }),
    rules: DEFAULT_ABUSE_RULES,
  });
  if (r.status === 'rejected') throw new Error('rejected');
  return r;
}

const count = (table: string) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const contact = { phone: '0912345678', consentVersion: 'lien-he-v1', purgeAfter: new Date('2027-11-20T02:00:00Z') };

beforeEach(async () => {
  db = openTestDb();
  versionId = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET }).version.id;
  province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A', rateable: true });
  officeB = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B', rateable: true });
  counterA = (await createCounter({ unitId: officeA.id, name: 'Quầy 1' })).id;
});
afterEach(() => db.dispose());

describe('listComments and countComments', () => {
  it('lists only comments inside the viewer subtree, newest first, with scores and places', () => {
    const headA = viewerFor('office_head', officeA, 'head.a');
    const a1 = comment(officeA.id, { submittedAt: new Date('2026-11-20T01:00:00Z'), counterId: counterA, q1: 2 });
    const a2 = comment(officeA.id, { submittedAt: new Date('2026-11-21T01:00:00Z') });
    comment(officeB.id);
    comment(officeA.id, { comment: null });
    const rows = listComments(db, { viewer: headA, limit: 50 });
    expect(rows.map((r) => r.id)).toEqual([a2.responseId, a1.responseId]);
    expect(rows[1]).toMatchObject({ officeName: 'Văn phòng A', counterName: 'Quầy 1', q1: 2, q2: 5, comment: 'Góp ý', status: 'new', replyText: null });
    expect(countComments(db, { viewer: headA })).toBe(2);
    expect(countComments(db, { viewer: viewerFor('supervisor', province, 'gs') })).toBe(3);
  });

  it('filters by status, low score, contact and dates', () => {
    const head = viewerFor('office_head', officeA, 'head.a');
    const low = comment(officeA.id, { q2: 1, submittedAt: new Date('2026-11-10T01:00:00Z') });
    const withContact = comment(officeA.id, { contact });
    const answered = comment(officeA.id);
    replyToComment(db, { viewer: head, responseId: answered.responseId, replyText: 'Cảm ơn' });
    const ids = (filters: Parameters<typeof listComments>[1]['filters']) => listComments(db, { viewer: head, filters, limit: 50 }).map((r) => r.id).sort();
    expect(ids({ lowOnly: true })).toEqual([low.responseId]);
    expect(ids({ hasContact: true })).toEqual([withContact.responseId]);
    expect(ids({ status: 'answered' })).toEqual([answered.responseId]);
    expect(ids({ status: 'new' })).toEqual([low.responseId, withContact.responseId].sort());
    expect(ids({ to: new Date('2026-11-15T00:00:00Z') })).toEqual([low.responseId]);
    expect(ids({ from: new Date('2026-11-15T00:00:00Z') })).toEqual([withContact.responseId, answered.responseId].sort());
    expect(countComments(db, { viewer: head, filters: { lowOnly: true } })).toBe(1);
  });

  it('gives phone numbers to office heads and assessors, never to supervisors', () => {
    comment(officeA.id, { contact });
    const head = listComments(db, { viewer: viewerFor('office_head', officeA, 'head.a'), limit: 50 });
    const assessor = listComments(db, { viewer: viewerFor('assessor', province, 'td'), limit: 50 });
    const supervisor = listComments(db, { viewer: viewerFor('supervisor', province, 'gs'), limit: 50 });
    expect(head[0]!.phone).toBe('0912345678');
    expect(assessor[0]!.phone).toBe('0912345678');
    expect(supervisor).toHaveLength(1);
    expect('phone' in supervisor[0]!).toBe(false);
    expect(JSON.stringify(supervisor)).not.toContain('0912345678');
  });

  it('records who was shown which phone number, one audit entry per response', () => {
    const withPhone = comment(officeA.id, { contact });
    const head = viewerFor('office_head', officeA, 'head.a');
    recordContactsViewed(db, { viewer: head, responseIds: [withPhone.responseId], now: T0 });
    recordContactsViewed(db, { viewer: head, responseIds: [] });
    const entries = db.$client
      .prepare("select actor_id as actorId, entity_type as entityType, entity_id as entityId, at from audit_log where action = 'contacts.view'")
      .all();
    expect(entries).toEqual([{ actorId: head.userId, entityType: 'response', entityId: String(withPhone.responseId), at: T0.getTime() }]);
  });
});

describe('scope', () => {
  it('office A cannot read, reply to or change the status of office B comments', () => {
    const headA = viewerFor('office_head', officeA, 'head.a');
    const b = comment(officeB.id);
    const audits = count('audit_log');
    expect(listComments(db, { viewer: headA, limit: 50 })).toEqual([]);
    expect(getCommentInScope(db, { viewer: headA, responseId: b.responseId })).toBeNull();
    expect(replyToComment(db, { viewer: headA, responseId: b.responseId, replyText: 'Xin chào' })).toBeNull();
    expect(setCommentStatus(db, { viewer: headA, responseId: b.responseId, status: 'in_progress' })).toBeNull();
    expect(count('comment_threads')).toBe(0);
    expect(count('audit_log')).toBe(audits);
  });

  it('a response without a comment is not a comment', () => {
    const headA = viewerFor('office_head', officeA, 'head.a');
    const r = comment(officeA.id, { comment: null });
    expect(getCommentInScope(db, { viewer: headA, responseId: r.responseId })).toBeNull();
    expect(replyToComment(db, { viewer: headA, responseId: r.responseId, replyText: 'x' })).toBeNull();
  });
});

describe('replies and statuses', () => {
  it('replies, marks answered and audits before and after in the same change', () => {
    const head = viewerFor('office_head', officeA, 'head.a');
    const c = comment(officeA.id);
    const now = new Date('2026-11-22T03:00:00Z');
    expect(setCommentStatus(db, { viewer: head, responseId: c.responseId, status: 'in_progress', now })).toMatchObject({ status: 'in_progress' });
    const after = replyToComment(db, { viewer: head, responseId: c.responseId, replyText: 'Chúng tôi đã chấn chỉnh.', now });
    expect(after).toEqual({ status: 'answered', replyText: 'Chúng tôi đã chấn chỉnh.', repliedBy: head.userId, repliedAt: now });
    expect(getCommentInScope(db, { viewer: head, responseId: c.responseId })).toMatchObject({ status: 'answered', replyText: 'Chúng tôi đã chấn chỉnh.', repliedAt: now });
    const log = db.$client
      .prepare("select action, actor_id as actorId, entity_type as type, entity_id as id, before, after from audit_log where entity_type = 'comment' order by id")
      .all() as { action: string; actorId: number; type: string; id: string; before: string; after: string }[];
    expect(log.map((l) => l.action)).toEqual(['comment.status', 'comment.reply']);
    expect(log[0]).toMatchObject({ actorId: head.userId, id: String(c.responseId) });
    expect(JSON.parse(log[0]!.before)).toMatchObject({ status: 'new' });
    expect(JSON.parse(log[1]!.before)).toMatchObject({ status: 'in_progress', replyText: null });
    expect(JSON.parse(log[1]!.after)).toMatchObject({ status: 'answered', replyText: 'Chúng tôi đã chấn chỉnh.' });
  });
});

describe('getPublicReplyByReceipt', () => {
  it('shows the office, date, status and reply, and nothing personal', () => {
    const head = viewerFor('office_head', officeA, 'head.a');
    const c = comment(officeA.id, { contact, comment: 'Cán bộ Nguyễn Văn A chậm', counterId: counterA });
    const code = c.receiptCode!;
    expect(getPublicReplyByReceipt(db, { receiptCode: code })).toEqual({ officeName: 'Văn phòng A', commentDate: T0, status: 'new', replyText: null, repliedAt: null });
    setCommentStatus(db, { viewer: head, responseId: c.responseId, status: 'in_progress' });
    expect(getPublicReplyByReceipt(db, { receiptCode: code })).toMatchObject({ status: 'in_progress', replyText: null });
    const now = new Date('2026-11-22T03:00:00Z');
    replyToComment(db, { viewer: head, responseId: c.responseId, replyText: 'Đã xử lý.', now });
    const reply = getPublicReplyByReceipt(db, { receiptCode: code });
    expect(reply).toEqual({ officeName: 'Văn phòng A', commentDate: T0, status: 'answered', replyText: 'Đã xử lý.', repliedAt: now });
    const text = JSON.stringify(reply);
    expect(Object.keys(reply!).sort()).toEqual(['commentDate', 'officeName', 'repliedAt', 'replyText', 'status']);
    for (const secret of ['0912345678', 'Nguyễn Văn A', 'head.a', 'Quầy 1']) expect(text).not.toContain(secret);
  });

  it('answers null for an unknown code', () => {
    expect(getPublicReplyByReceipt(db, { receiptCode: 'ZZZZZZZZ' })).toBeNull();
  });
});
