import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCommentInScope, getPublicReplyByReceipt } from '@/db/queries/comments';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import { addCounter, addQuestionSet, addRating, addUnit, type UnitRef } from '@/db/testing-reading';
import type { CommentThreadState } from '@/lib/comments';
import { parseCommentQuery } from '@/lib/validation/comments';
import { changeComment, listCommentsPage, replyToComment, setCommentStatus } from './comments';

let t: TestStore;
let versionId: number;
let officeA: UnitRef;
let officeB: UnitRef;
let province: UnitRef;
let counterA: number;
const T0 = new Date('2026-11-20T02:00:00Z');

const comment = (unitId: number, over: Parameters<typeof addRating>[0] extends infer R ? Partial<R> : never = {}) =>
  addRating({ unitId, versionId, submittedAt: T0, comment: 'Góp ý', ...over });
const count = async (table: string) => (await t.conn.value<number>(`select count(*) from ${table}`))!;
const contact = { phone: '0912345678', purgeAfter: new Date('2027-11-20T02:00:00Z') };
const NOT_FOUND = { ok: false, reason: 'not_found' };

type AuditRow = { action: string; actorId: number; id: string; before: string; after: string };
const commentLog = () =>
  t.conn.all<AuditRow>(
    `select action, actor_id as "actorId", entity_id as id, before, after from audit_log where entity_type = 'comment' order by id`,
  );

beforeEach(async () => {
  t = await openTestStore();
  versionId = await addQuestionSet();
  province = await addUnit(null, 'province', 'Tỉnh');
  officeA = await addUnit(province, 'office', 'Văn phòng A');
  officeB = await addUnit(province, 'office', 'Văn phòng B');
  counterA = await addCounter(officeA.id, 'Quầy 1');
});
afterEach(() => t.dispose());

describe('scope and role', () => {
  it('office A cannot reply to or change the status of office B comments', async () => {
    const headA = await addTestViewer('office_head', officeA, 'head.a');
    const b = await comment(officeB.id);
    const audits = await count('audit_log');
    expect(await replyToComment({ viewer: headA, responseId: b, replyText: 'Xin chào' })).toEqual(NOT_FOUND);
    expect(await setCommentStatus({ viewer: headA, responseId: b, status: 'in_progress' })).toEqual(NOT_FOUND);
    expect(await count('comment_threads')).toBe(0);
    expect(await count('audit_log')).toBe(audits);
  });

  it('a supervisor may read but not handle comments, even in scope', async () => {
    const supervisor = await addTestViewer('supervisor', province, 'gs');
    const a = await comment(officeA.id);
    expect(await getCommentInScope({ viewer: supervisor, responseId: a })).not.toBeNull();
    expect(await replyToComment({ viewer: supervisor, responseId: a, replyText: 'x' })).toEqual(NOT_FOUND);
    expect(await count('comment_threads')).toBe(0);
  });

  it('a response without a comment cannot be answered', async () => {
    const headA = await addTestViewer('office_head', officeA, 'head.a');
    const r = await comment(officeA.id, { comment: null });
    expect(await replyToComment({ viewer: headA, responseId: r, replyText: 'x' })).toEqual(NOT_FOUND);
  });
});

describe('replies and statuses', () => {
  it('replies, marks answered and audits before and after in the same change', async () => {
    const head = await addTestViewer('office_head', officeA, 'head.a');
    const c = await comment(officeA.id);
    const now = new Date('2026-11-22T03:00:00Z');
    expect(await setCommentStatus({ viewer: head, responseId: c, status: 'in_progress', now })).toMatchObject({ ok: true, thread: { status: 'in_progress' } });
    const after = await replyToComment({ viewer: head, responseId: c, replyText: 'Chúng tôi đã chấn chỉnh.', now });
    expect(after).toEqual({ ok: true, thread: { status: 'answered', replyText: 'Chúng tôi đã chấn chỉnh.', repliedBy: head.userId, repliedAt: now } });
    expect(await getCommentInScope({ viewer: head, responseId: c })).toMatchObject({ status: 'answered', replyText: 'Chúng tôi đã chấn chỉnh.', repliedAt: now });
    const log = await commentLog();
    expect(log.map((l) => l.action)).toEqual(['comment.status', 'comment.reply']);
    expect(log[0]).toMatchObject({ actorId: head.userId, id: String(c) });
    expect(JSON.parse(log[0]!.before)).toMatchObject({ status: 'new' });
    expect(JSON.parse(log[1]!.before)).toMatchObject({ status: 'in_progress', replyText: null });
    expect(JSON.parse(log[1]!.after)).toMatchObject({ status: 'answered', replyText: 'Chúng tôi đã chấn chỉnh.' });
    // Reopened: the reply is kept, and shown again once answered.
    expect(await setCommentStatus({ viewer: head, responseId: c, status: 'in_progress', now })).toMatchObject({ ok: true, thread: { status: 'in_progress', replyText: 'Chúng tôi đã chấn chỉnh.' } });
    // …and marked answered again by its status alone, since a reply is stored.
    expect(await setCommentStatus({ viewer: head, responseId: c, status: 'answered', now })).toMatchObject({ ok: true, thread: { status: 'answered' } });
  });

  it('refuses "answered" by status alone when no reply was ever sent, and writes nothing', async () => {
    const head = await addTestViewer('office_head', officeA, 'head.a');
    const c = await comment(officeA.id);
    const audits = await count('audit_log');
    expect(await setCommentStatus({ viewer: head, responseId: c, status: 'answered' })).toEqual({ ok: false, reason: 'needs_reply' });
    expect(await count('comment_threads')).toBe(0);
    expect(await count('audit_log')).toBe(audits);
  });

  it('two staff handling one comment at once on two servers: each change sees the one before it', async () => {
    const heads = [await addTestViewer('office_head', officeA, 'head.a'), await addTestViewer('office_head', officeA, 'head.a2')];
    const c = await comment(officeA.id);
    const changes = Array.from({ length: 12 }, (_, i) =>
      changeComment({
        viewer: heads[i % 2]!,
        responseId: c,
        change: i % 3 === 0 ? { kind: 'reply', replyText: `Trả lời ${i}` } : { kind: 'status', status: i % 3 === 1 ? 'in_progress' : 'new' },
        now: new Date(T0.getTime() + i),
      }),
    );
    const results = await Promise.all(changes);
    expect(results.every((r) => r.ok)).toBe(true);
    const log = await commentLog();
    expect(log).toHaveLength(12);
    // The history is a chain: what one change found is what the previous one left (no change lost).
    const states = log.map((l) => ({ before: JSON.parse(l.before) as CommentThreadState, after: JSON.parse(l.after) as CommentThreadState }));
    expect(states[0]!.before).toEqual({ status: 'new', replyText: null, repliedBy: null, repliedAt: null });
    for (let i = 1; i < states.length; i++) expect(states[i]!.before).toEqual(states[i - 1]!.after);
    const stored = await getCommentInScope({ viewer: heads[0]!, responseId: c });
    expect({ status: stored!.status, replyText: stored!.replyText }).toEqual({ status: states.at(-1)!.after.status, replyText: states.at(-1)!.after.replyText });
  });
});

describe('listCommentsPage', () => {
  it('pages by 20 with the total, and labels each rating\'s scores and chosen reasons', async () => {
    const head = await addTestViewer('office_head', officeA, 'head.a');
    const low = await comment(officeA.id, {
      comment: 'Phải chờ lâu',
      submittedAt: new Date(T0.getTime() + 60_000),
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q2', score: 1, choice: null },
        { questionKey: 'q10', score: null, choice: 'late' },
        { questionKey: 'q10', score: null, choice: 'waiting' },
      ],
    });
    for (let i = 0; i < 21; i++) await comment(officeA.id, { submittedAt: new Date(T0.getTime() - i * 1000) });
    await comment(officeB.id, { submittedAt: new Date(T0.getTime() + 120_000) });
    const first = await listCommentsPage({ viewer: head, query: parseCommentQuery({}).query });
    expect(first.total).toBe(22);
    expect(first.pages).toBe(2);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.id).toBe(low);
    expect(first.items[0]!.details).toEqual({
      scores: [
        { key: 'q1', label: 'Thái độ phục vụ', score: 2 },
        { key: 'q2', label: 'Hài lòng chung', score: 1 },
      ],
      choices: [{ key: 'q10', question: 'Lý do chưa hài lòng', options: ['Phải chờ lâu', 'Trễ hẹn trả kết quả'] }],
    });
    const second = await listCommentsPage({ viewer: head, query: parseCommentQuery({ trang: '2' }).query });
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(22);
    const found = await listCommentsPage({ viewer: head, query: parseCommentQuery({ tim: 'cho lau', 'diem-thap': '1' }).query });
    expect(found.items.map((r) => r.id)).toEqual([low]);
  });
});

describe('getPublicReplyByReceipt', () => {
  it('shows the office, date, status and reply, and nothing personal', async () => {
    const head = await addTestViewer('office_head', officeA, 'head.a');
    const id = await comment(officeA.id, { contact, comment: 'Cán bộ Nguyễn Văn A chậm', counterId: counterA, receiptCode: 'ABCD2345' });
    const code = 'ABCD2345';
    expect(await getPublicReplyByReceipt({ receiptCode: code })).toEqual({ officeName: 'Văn phòng A', commentDate: T0, status: 'new', replyText: null, repliedAt: null });
    await setCommentStatus({ viewer: head, responseId: id, status: 'in_progress' });
    expect(await getPublicReplyByReceipt({ receiptCode: code })).toMatchObject({ status: 'in_progress', replyText: null });
    const now = new Date('2026-11-22T03:00:00Z');
    await replyToComment({ viewer: head, responseId: id, replyText: 'Đã xử lý.', now });
    const reply = await getPublicReplyByReceipt({ receiptCode: code });
    expect(reply).toEqual({ officeName: 'Văn phòng A', commentDate: T0, status: 'answered', replyText: 'Đã xử lý.', repliedAt: now });
    const text = JSON.stringify(reply);
    expect(Object.keys(reply!).sort()).toEqual(['commentDate', 'officeName', 'repliedAt', 'replyText', 'status']);
    for (const secret of ['0912345678', 'Nguyễn Văn A', 'head.a', 'Quầy 1']) expect(text).not.toContain(secret);
    // Reopened after the answer: the citizen no longer sees the reply.
    await setCommentStatus({ viewer: head, responseId: id, status: 'in_progress' });
    expect(await getPublicReplyByReceipt({ receiptCode: code })).toMatchObject({ status: 'in_progress', replyText: null, repliedAt: null });
  });

  it('answers null for an unknown code', async () => {
    expect(await getPublicReplyByReceipt({ receiptCode: 'ZZZZZZZZ' })).toBeNull();
  });
});
