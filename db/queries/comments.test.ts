import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@/lib/auth/roles';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { addCounter, addQuestionSet, addRating, addUnit, type TestRating, type UnitRef } from '../testing-reading';
import { countComments, getCommentInScope, getCommentThreadInScope, listCommentAnswers, listComments, recordContactsViewed } from './comments';

let t: TestStore;
let versionId: number;
let officeA: UnitRef;
let officeB: UnitRef;
let province: UnitRef;
let counterA: number;
const T0 = new Date('2026-11-20T02:00:00Z');

const viewerFor = (role: Role, scope: UnitRef, username: string): Promise<Viewer> => addTestViewer(role, scope, username);

function comment(unitId: number, over: Partial<TestRating> = {}) {
  return addRating({ unitId, versionId, submittedAt: T0, comment: 'Góp ý', q1: 5, q2: 5, ...over });
}

const contact = { phone: '0912345678', purgeAfter: new Date('2027-11-20T02:00:00Z') };

beforeEach(async () => {
  t = await openTestStore();
  versionId = await addQuestionSet();
  province = await addUnit(null, 'province', 'Tỉnh');
  officeA = await addUnit(province, 'office', 'Văn phòng A');
  officeB = await addUnit(province, 'office', 'Văn phòng B');
  counterA = await addCounter(officeA.id, 'Quầy 1');
});
afterEach(() => t.dispose());

describe('listComments and countComments', () => {
  it('lists only comments inside the viewer subtree, newest first, with scores and places', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const a1 = await comment(officeA.id, { submittedAt: new Date('2026-11-20T01:00:00Z'), counterId: counterA, q1: 2 });
    const a2 = await comment(officeA.id, { submittedAt: new Date('2026-11-21T01:00:00Z') });
    await comment(officeB.id);
    await comment(officeA.id, { comment: null });
    await comment(officeA.id, { comment: '' });
    const rows = await listComments({ viewer: headA, limit: 50 });
    expect(rows.map((r) => r.id)).toEqual([a2, a1]);
    expect(rows[1]).toMatchObject({ officeName: 'Văn phòng A', counterName: 'Quầy 1', q1: 2, q2: 5, comment: 'Góp ý', status: 'new', replyText: null, excluded: false });
    expect(rows[1]!.submittedAt).toEqual(new Date('2026-11-20T01:00:00Z'));
    expect(await countComments({ viewer: headA })).toBe(2);
    expect(await countComments({ viewer: await viewerFor('supervisor', province, 'gs') })).toBe(3);
  });

  it('filters by status, low score, contact and dates', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    const low = await comment(officeA.id, { q2: 1, submittedAt: new Date('2026-11-10T01:00:00Z') });
    const withContact = await comment(officeA.id, { contact });
    const answered = await comment(officeA.id);
    await t.conn.run("insert into comment_threads (response_id, status, reply_text, replied_by, replied_at, updated_at) values (?, 'answered', 'Cảm ơn', ?, ?, ?)", [
      answered,
      head.userId,
      T0.getTime(),
      T0.getTime(),
    ]);
    const ids = async (filters: NonNullable<Parameters<typeof listComments>[0]['filters']>) =>
      (await listComments({ viewer: head, filters, limit: 50 })).map((r) => r.id).sort((x, y) => x - y);
    expect(await ids({ lowOnly: true })).toEqual([low]);
    expect(await ids({ hasContact: true })).toEqual([withContact]);
    expect(await ids({ status: 'answered' })).toEqual([answered]);
    expect(await ids({ status: 'new' })).toEqual([low, withContact].sort((x, y) => x - y));
    expect(await ids({ to: new Date('2026-11-15T00:00:00Z') })).toEqual([low]);
    expect(await ids({ from: new Date('2026-11-15T00:00:00Z') })).toEqual([withContact, answered].sort((x, y) => x - y));
    expect(await countComments({ viewer: head, filters: { lowOnly: true } })).toBe(1);
    expect(await countComments({ viewer: head, filters: { status: 'answered' } })).toBe(1);
  });

  it('pages through the list without gaps or repeats', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    const all: number[] = [];
    for (let i = 0; i < 7; i++) all.push(await comment(officeA.id, { submittedAt: new Date(T0.getTime() + (i % 3) * 1000) }));
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(...(await listComments({ viewer: head, limit: 3, offset })).map((r) => r.id));
    expect(pages).toHaveLength(7);
    expect([...pages].sort((x, y) => x - y)).toEqual(all);
  });

  it('gives phone numbers to office heads and assessors, never to supervisors', async () => {
    await comment(officeA.id, { contact });
    const head = await listComments({ viewer: await viewerFor('office_head', officeA, 'head.a'), limit: 50 });
    const assessor = await listComments({ viewer: await viewerFor('assessor', province, 'td'), limit: 50 });
    const supervisor = await listComments({ viewer: await viewerFor('supervisor', province, 'gs'), limit: 50 });
    expect(head[0]!.phone).toBe('0912345678');
    expect(assessor[0]!.phone).toBe('0912345678');
    expect(supervisor).toHaveLength(1);
    expect('phone' in supervisor[0]!).toBe(false);
    expect(JSON.stringify(supervisor)).not.toContain('0912345678');
  });

  it('records who was shown which phone number, one audit entry per response', async () => {
    const withPhone = await comment(officeA.id, { contact });
    const head = await viewerFor('office_head', officeA, 'head.a');
    await recordContactsViewed({ viewer: head, responseIds: [withPhone], now: T0 });
    await recordContactsViewed({ viewer: head, responseIds: [] });
    const entries = await t.conn.all(
      `select actor_id as "actorId", entity_type as "entityType", entity_id as "entityId", at, unit_id as "unitId" from audit_log where action = 'contacts.view'`,
    );
    expect(entries).toEqual([{ actorId: head.userId, entityType: 'response', entityId: String(withPhone), at: T0.getTime(), unitId: officeA.id }]);
  });
});

describe('search by receipt code and by text', () => {
  const ids = async (viewer: Viewer, filters: NonNullable<Parameters<typeof listComments>[0]['filters']>) =>
    (await listComments({ viewer, filters, limit: 50 })).map((r) => r.id).sort((x, y) => x - y);

  it('a receipt code finds exactly that rating, and only inside the viewer subtree', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const wanted = await comment(officeA.id, { receiptCode: 'ABCD2345' });
    await comment(officeA.id, { receiptCode: 'ABCD2346' });
    await comment(officeA.id, { receiptCode: 'XABCD234' });
    const inB = await comment(officeB.id, { receiptCode: 'BBBB2345' });
    expect(await ids(headA, { receiptCode: 'ABCD2345' })).toEqual([wanted]);
    expect(await countComments({ viewer: headA, filters: { receiptCode: 'ABCD2345' } })).toBe(1);
    // Office B's code, searched by office A's head: nothing, as if it did not exist.
    expect(await ids(headA, { receiptCode: 'BBBB2345' })).toEqual([]);
    expect(await ids(await viewerFor('supervisor', province, 'gs'), { receiptCode: 'BBBB2345' })).toEqual([inB]);
    const [row] = await listComments({ viewer: headA, filters: { receiptCode: 'ABCD2345' }, limit: 1 });
    expect(row).toMatchObject({ receiptCode: 'ABCD2345', questionSetVersionId: versionId });
  });

  it('text matches every word, in any case and with or without diacritics', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    const wait = await comment(officeA.id, { comment: 'Phải CHỜ quá lâu ở quầy số 3.' });
    const land = await comment(officeA.id, { comment: 'Đất đai: hồ sơ bị trả lại hai lần.' });
    const other = await comment(officeA.id, { comment: 'Cán bộ nhiệt tình, chu đáo.' });
    await comment(officeB.id, { comment: 'Phải chờ lâu ở văn phòng B.' });
    expect(await ids(head, { text: 'chờ lâu' })).toEqual([wait]);
    expect(await ids(head, { text: 'cho lau' })).toEqual([wait]);
    expect(await ids(head, { text: 'LÂU chờ' })).toEqual([wait]);
    expect(await ids(head, { text: 'đất' })).toEqual([land]);
    expect(await ids(head, { text: 'DAT DAI' })).toEqual([land]);
    expect(await ids(head, { text: 'lần' })).toEqual([land]);
    expect(await ids(head, { text: 'nhiệt' })).toEqual([other]);
    // Every word must be there; "chu" is not "chờ".
    expect(await ids(head, { text: 'chờ đất' })).toEqual([]);
    expect(await ids(head, { text: 'chu lau' })).toEqual([]);
    // Wildcards typed by the user are folded away, never read as patterns.
    expect(await ids(head, { text: '*' })).toEqual([wait, land, other]);
    expect(await ids(head, { text: "100% _ ' or 1=1 --" })).toEqual([]);
    expect(await countComments({ viewer: head, filters: { text: 'cho lau' } })).toBe(1);
    // Text and the other filters narrow together.
    expect(await ids(head, { text: 'lâu', lowOnly: true })).toEqual([]);
  });

  it('"unanswered" is new or in progress; the oldest come first when asked', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    const older = await comment(officeA.id, { submittedAt: new Date('2026-11-01T01:00:00Z') });
    const newer = await comment(officeA.id, { submittedAt: new Date('2026-11-05T01:00:00Z') });
    const answered = await comment(officeA.id, { submittedAt: new Date('2026-10-01T01:00:00Z') });
    await t.conn.run("insert into comment_threads (response_id, status, reply_text, updated_at) values (?, 'in_progress', null, ?), (?, 'answered', 'Cảm ơn', ?)", [
      newer,
      T0.getTime(),
      answered,
      T0.getTime(),
    ]);
    expect((await listComments({ viewer: head, filters: { status: 'unanswered' }, order: 'oldest', limit: 50 })).map((r) => r.id)).toEqual([older, newer]);
    expect((await listComments({ viewer: head, filters: { status: 'unanswered' }, limit: 50 })).map((r) => r.id)).toEqual([newer, older]);
    expect(await countComments({ viewer: head, filters: { status: 'unanswered' } })).toBe(2);
  });
});

describe('listCommentAnswers', () => {
  it('gives the scores and chosen options of comments in scope, by response', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const a = await comment(officeA.id, {
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q2', score: 1, choice: null },
        { questionKey: 'q10', score: null, choice: 'waiting' },
        { questionKey: 'q10', score: null, choice: 'late' },
      ],
    });
    const b = await comment(officeB.id, { q1: 1 });
    const noComment = await comment(officeA.id, { comment: null });
    const got = await listCommentAnswers({ viewer: headA, responseIds: [a, b, noComment] });
    expect([...got.keys()]).toEqual([a]);
    expect(got.get(a)).toEqual([
      { questionKey: 'q1', score: 2, choice: null },
      { questionKey: 'q2', score: 1, choice: null },
      { questionKey: 'q10', score: null, choice: 'waiting' },
      { questionKey: 'q10', score: null, choice: 'late' },
    ]);
    expect((await listCommentAnswers({ viewer: headA, responseIds: [] })).size).toBe(0);
  });
});

describe('scope', () => {
  it('office A cannot read office B comments', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const b = await comment(officeB.id);
    expect(await listComments({ viewer: headA, limit: 50 })).toEqual([]);
    expect(await getCommentInScope({ viewer: headA, responseId: b })).toBeNull();
    expect(await getCommentThreadInScope({ viewer: headA, responseId: b })).toBeNull();
    expect(await getCommentThreadInScope({ viewer: await viewerFor('office_head', officeB, 'head.b'), responseId: b })).toEqual({
      status: 'new',
      replyText: null,
      repliedBy: null,
      repliedAt: null,
    });
  });

  it('a response without a comment is not a comment', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const r = await comment(officeA.id, { comment: null });
    expect(await getCommentInScope({ viewer: headA, responseId: r })).toBeNull();
    expect(await getCommentThreadInScope({ viewer: headA, responseId: r })).toBeNull();
  });
});
