import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@/lib/auth/roles';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { addCounter, addQuestionSet, addRating, addUnit, type TestRating, type UnitRef } from '../testing-reading';
import { countComments, getCommentInScope, getCommentThreadInScope, listComments, recordContactsViewed } from './comments';

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
