import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { addQuestionSet, addRating, addRatings, addRollups, addUnit, type TestRating, type UnitRef } from '../testing-reading';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { dayStart } from '@/lib/indicators/periods';
import { listCommentOfficialLinks, linkCommentOfficial, listOfficialComments, listOfficialLevelCounts, listOfficialLevelCountsByMonth } from './official-figures';
import {
  createOfficial,
  createOfficialAccount,
  getOfficial,
  getOfficialOfAccount,
  listOfficials,
  setOfficialManagesDuty,
  setOfficialPin,
  unlinkOfficialAccount,
  updateOfficial,
} from './officials';

let t: TestStore;
let province: UnitRef;
let officeA: UnitRef;
let officeB: UnitRef;
let headA: Viewer;
let headB: Viewer;

beforeEach(async () => {
  t = await openTestStore();
  province = await addUnit(null, 'province', 'Tỉnh Mẫu');
  officeA = await addUnit(province, 'office', 'Trung tâm A');
  officeB = await addUnit(province, 'office', 'Trung tâm B');
  headA = await addTestViewer('office_head', officeA, 'head.a');
  headB = await addTestViewer('office_head', officeB, 'head.b');
});
afterEach(() => t.dispose());

const audit = (action: string) =>
  t.conn.all<{ entityId: string; before: unknown; after: unknown; unitId: number | null }>(
    'select entity_id as "entityId", before, after, unit_id as "unitId" from audit_log where action = ? order by id',
    [action],
  );

describe('officials', () => {
  it('are created, listed and changed only within the viewer’s offices, every change audited', async () => {
    const made = await createOfficial({ viewer: headA, unitId: officeA.id, fullName: 'Nguyễn Thị Hoa', position: 'chuyên viên' });
    expect(made.status).toBe('created');
    const id = made.status === 'created' ? made.official.id : 0;
    expect(await createOfficial({ viewer: headA, unitId: officeB.id, fullName: 'Người Khác', position: '' })).toEqual({ status: 'bad_office' });
    await createOfficial({ viewer: headB, unitId: officeB.id, fullName: 'Trần Văn Bình', position: '' });

    expect((await listOfficials({ viewer: headA })).map((o) => o.fullName)).toEqual(['Nguyễn Thị Hoa']);
    expect((await listOfficials({ viewer: headA, search: 'nguyen thi' })).map((o) => o.id)).toEqual([id]);
    expect(await listOfficials({ viewer: headA, search: 'binh' })).toEqual([]);
    expect(await getOfficial({ viewer: headB, officialId: id })).toBeNull();
    expect(await updateOfficial({ viewer: headB, officialId: id, fullName: 'X', position: '', active: false })).toBeNull();

    const updated = await updateOfficial({ viewer: headA, officialId: id, fullName: 'Nguyễn Thị Hoa', position: 'chuyên viên chính', active: false });
    expect(updated).toMatchObject({ position: 'chuyên viên chính', active: false });
    // Active first, then by name.
    await createOfficial({ viewer: headA, unitId: officeA.id, fullName: 'Vũ Văn Z', position: '' });
    expect((await listOfficials({ viewer: headA })).map((o) => o.fullName)).toEqual(['Vũ Văn Z', 'Nguyễn Thị Hoa']);

    await setOfficialPin({ viewer: headA, officialId: id, pinHash: '$argon2id$fake' });
    expect((await getOfficial({ viewer: headA, officialId: id }))!.hasPin).toBe(true);
    await setOfficialManagesDuty({ viewer: headA, officialId: id, managesDuty: true });
    expect((await getOfficial({ viewer: headA, officialId: id }))!.managesDuty).toBe(true);

    const entries = await audit('official.update');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.unitId).toBe(officeA.id);
    expect(await audit('official.pin_set')).toHaveLength(1);
    // The hash itself is never audited.
    expect(JSON.stringify(await audit('official.pin_set'))).not.toContain('argon2');
  });

  it('get their own account (role official, must change its password), unlinked and disabled on request', async () => {
    const made = await createOfficial({ viewer: headA, unitId: officeA.id, fullName: 'Phạm Văn Cường', position: '' });
    const id = made.status === 'created' ? made.official.id : 0;
    const result = await createOfficialAccount({ viewer: headA, officialId: id, username: 'pham.cuong', passwordHash: 'x' });
    expect(result.status).toBe('created');
    const account = await t.conn.get<{ id: number; role: string; must: unknown; scope: number }>(
      'select id, role, must_change_password as must, scope_unit_id as scope from users where username = ?',
      ['pham.cuong'],
    );
    expect(account).toMatchObject({ role: 'official', scope: officeA.id });
    expect(Boolean(account!.must)).toBe(true);
    expect((await getOfficialOfAccount({ userId: account!.id }))!.id).toBe(id);
    expect(await createOfficialAccount({ viewer: headA, officialId: id, username: 'other', passwordHash: 'x' })).toEqual({ status: 'already_linked' });
    expect(await createOfficialAccount({ viewer: headB, officialId: id, username: 'other2', passwordHash: 'x' })).toEqual({ status: 'not_found' });

    await unlinkOfficialAccount({ viewer: headA, officialId: id });
    expect(await getOfficialOfAccount({ userId: account!.id })).toBeNull();
    expect(Boolean(await t.conn.value('select active from users where id = ?', [account!.id]))).toBe(false);
    expect(await audit('official.account_link')).toHaveLength(1);
    expect(await audit('official.account_unlink')).toHaveLength(1);
  });
});

describe('an official’s figures', () => {
  it('equal what the attributed ratings say, over whole months and edge days', async () => {
    const versionId = await addQuestionSet();
    const scaleKeys = new Set(DEFAULT_QUESTION_SET.questions.filter((q) => q.kind === 'scale5').map((q) => q.key));
    const made = await createOfficial({ viewer: headA, unitId: officeA.id, fullName: 'Hoàng Thị Lan', position: '' });
    const other = await createOfficial({ viewer: headA, unitId: officeA.id, fullName: 'Người Thứ Hai', position: '' });
    const id = made.status === 'created' ? made.official.id : 0;
    const otherId = other.status === 'created' ? other.official.id : 0;
    const list: TestRating[] = [];
    // Mid-January to early April 2026, one rating every ~11 hours, spread over two officials and nobody.
    for (let i = 0; i < 180; i++) {
      const submittedAt = new Date(Date.UTC(2026, 0, 10) + i * 11 * 3600_000);
      list.push({
        unitId: officeA.id,
        versionId,
        submittedAt,
        officialId: i % 3 === 0 ? id : i % 3 === 1 ? otherId : null,
        q1: 1 + (i % 5),
        q2: 1 + ((i * 7) % 5),
        flags: i % 17 === 0 ? 'network_burst' : null,
      });
    }
    const ids = await addRatings(list);
    await addRollups(
      list.map((r, i) => ({ ...r, id: ids[i]! })),
      scaleKeys,
    );
    const from = '2026-01-15';
    const to = '2026-03-20';
    const inRange = list.filter((r) => r.officialId === id && r.submittedAt.getTime() >= dayStart(from) && r.submittedAt.getTime() < dayStart(to) + 86_400_000);
    const rows = await listOfficialLevelCounts({ officialId: id, range: { from, to } });
    for (const key of ['q1', 'q2'] as const) {
      for (const excluded of [false, true]) {
        const want = [1, 2, 3, 4, 5].map((s) => inRange.filter((r) => Boolean(r.flags) === excluded && r[key] === s).length);
        const row = rows.find((r) => r.questionKey === key && r.excluded === excluded);
        expect(row ? [row.n1, row.n2, row.n3, row.n4, row.n5] : [0, 0, 0, 0, 0]).toEqual(want);
      }
    }
    const months = await listOfficialLevelCountsByMonth({ officialId: id, range: { from, to } });
    expect([...new Set(months.map((m) => m.period))]).toEqual(['2026-01', '2026-02', '2026-03']);
    const validQ2 = (m: string) => inRange.filter((r) => !r.flags && r.submittedAt.toISOString().slice(0, 7) === m).length;
    const sumQ2 = (m: string) => months.filter((r) => r.period === m && r.questionKey === 'q2').reduce((s, r) => s + r.n1 + r.n2 + r.n3 + r.n4 + r.n5, 0);
    // Ratings near midnight UTC+7 fall in their local month; none of these are at a month's edge hour, so UTC months agree.
    expect(sumQ2('2026-02')).toBe(validQ2('2026-02'));
    expect(sumQ2('2026-01') + sumQ2('2026-02') + sumQ2('2026-03')).toBe(inRange.filter((r) => !r.flags).length);
    // Nothing from the other official.
    expect(await listOfficialLevelCounts({ officialId: id + otherId + 100, range: { from, to } })).toEqual([]);
  });

  it('list the comments an office head linked, only to an official of the comment’s office', async () => {
    const versionId = await addQuestionSet();
    const a = await createOfficial({ viewer: headA, unitId: officeA.id, fullName: 'Đỗ Thị Mai', position: '' });
    const b = await createOfficial({ viewer: headB, unitId: officeB.id, fullName: 'Lý Văn Tâm', position: '' });
    const idA = a.status === 'created' ? a.official.id : 0;
    const idB = b.status === 'created' ? b.official.id : 0;
    const at = new Date('2026-03-02T03:00:00Z');
    const comment = await addRating({ unitId: officeA.id, versionId, submittedAt: at, comment: 'Chị Mai hướng dẫn rất tận tình.' });

    expect(await linkCommentOfficial({ viewer: headA, responseId: comment, officialId: idB })).toEqual({ status: 'bad_official' });
    expect(await linkCommentOfficial({ viewer: headB, responseId: comment, officialId: idB })).toEqual({ status: 'not_found' });
    expect(await linkCommentOfficial({ viewer: headA, responseId: comment, officialId: idA })).toEqual({ status: 'ok', changed: true });
    expect((await listCommentOfficialLinks({ viewer: headA, responseIds: [comment] })).get(comment)).toMatchObject({ officialId: idA, officialName: 'Đỗ Thị Mai' });
    const listed = await listOfficialComments({ officialId: idA, start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-03T00:00:00Z') });
    expect(listed.map((c) => c.comment)).toEqual(['Chị Mai hướng dẫn rất tận tình.']);
    expect(await listOfficialComments({ officialId: idA, start: new Date('2026-04-01T00:00:00Z'), end: new Date('2026-05-01T00:00:00Z') })).toEqual([]);
    expect(await linkCommentOfficial({ viewer: headA, responseId: comment, officialId: null })).toEqual({ status: 'ok', changed: true });
    expect(await listOfficialComments({ officialId: idA, start: new Date(0), end: new Date('2030-01-01') })).toEqual([]);
    const entries = await audit('comment.link_official');
    expect(entries).toHaveLength(2);
    expect(entries[0]!.unitId).toBe(officeA.id);
  });
});
