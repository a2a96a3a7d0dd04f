import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Role, Viewer } from '@/lib/auth/roles';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { WEEKDAYS } from '@/lib/opening-hours';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { insertEvaluationPeriod, insertEvaluationSheet } from '@/db/queries/evaluation';
import { countIntegrityReportsInScope } from '@/db/queries/integrity';
import { createQuestionSet } from '@/db/queries/question-sets';
import { ensureDefaultOrganisations, listOrganisations } from '@/db/queries/supervision';
import { kiosks, units, users } from '@/db/schema';
import { withConn } from '@/db/store';
import { addTestViewer, openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addCounter } from '@/db/testing-reading';
import { addTestUnit } from '@/db/testing-ratings';
import { closeReport, loadOpenIntegrityReports } from './integrity';
import { storeRating } from './ratings';
import { HOME_LIST_LIMIT, loadStaffHome } from './staff-home';

let t: TestStore;
let versionId: number;
let province: { id: number; path: string };
let officeA: { id: number; path: string };
let officeB: { id: number; path: string };

// A Saturday, 10:00 in Việt Nam.
const NOW = new Date('2026-12-05T03:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const viewerFor = (role: Role, scope: { id: number; path: string }, username: string): Promise<Viewer> => addTestViewer(role, scope, username, `Người ${username}`);

async function rate(unitId: number, when: Date, over: { q1?: number; q2?: number; comment?: string } = {}) {
  const { q1 = 1, q2 = 1, comment } = over;
  const r = await storeRating({ ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: when, receivedAt: when, q1, q2, ...(comment ? { comment } : {}) }), rules: DEFAULT_ABUSE_RULES });
  if (r.status === 'rejected') throw new Error('rejected');
  return r.responseId;
}

/** A paired kiosk last heard from `silentFor` ago. */
async function addKiosk(unitId: number, name: string, silentFor: number) {
  const paired = ago(30 * DAY);
  await t.conn.db.insert(kiosks).values({ unitId, name, credentialHash: `hash-${name}`, pairedAt: paired, firstPairedAt: paired, lastSeenAt: ago(silentFor), createdAt: paired });
}

beforeEach(async () => {
  t = await openTestStore();
  versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
  province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await addTestUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A' });
  officeB = await addTestUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B' });
  // Open every hour of every day, so "looks unplugged" does not depend on the test's weekday.
  await t.conn.db
    .update(units)
    .set({ openingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, ['00:00-24:00']])) })
    .where(eq(units.id, province.id));
});
afterEach(() => t.dispose());

describe('the staff home', () => {
  it('shows each viewer only the items of their own scope, each block for the roles it concerns', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const headB = await viewerFor('office_head', officeB, 'head.b');
    const assessor = await viewerFor('assessor', province, 'td');
    const admin = await viewerFor('admin', province, 'qt');
    const supervisor = await viewerFor('supervisor', province, 'gs');

    const oldA = await rate(officeA.id, ago(3 * DAY), { comment: 'Chờ lâu ở văn phòng A' });
    const newA = await rate(officeA.id, ago(2 * 3600_000), { q1: 5, q2: 5, comment: 'Cảm ơn văn phòng A' });
    const commentB = await rate(officeB.id, ago(5 * DAY), { comment: 'Văn phòng B' });
    // Three low ratings within an hour: an alert for B.
    for (const m of [30, 20, 10]) await rate(officeB.id, ago(m * MIN));
    await addKiosk(officeA.id, 'Kiosk A', 2 * 3600_000);
    await addKiosk(officeA.id, 'Kiosk A2', 5 * MIN);
    await addKiosk(officeB.id, 'Kiosk B', 3 * 3600_000);
    const periodId = (await insertEvaluationPeriod({ year: 2026, name: 'Đánh giá năm 2026', unitId: province.id, dueDate: '2026-12-15', rubric: rubricPreset('mac-dinh'), createdBy: admin.userId, now: NOW }))!;
    await insertEvaluationSheet({ periodId, unitId: officeB.id, status: 'self_assessed', stamp: { selfAssessedBy: headB.userId, selfAssessedAt: NOW }, now: NOW });

    const a = await loadStaffHome(headA, NOW);
    expect(a.followUp).toEqual({ openAlerts: 0, lowRatings: 1, comments: 2 });
    expect(a.comments.map((c) => c.responseId)).toEqual([oldA, newA]);
    expect(a.alerts).toEqual([]);
    expect(a.kiosks).toEqual({ total: 2, unplugged: [expect.objectContaining({ name: 'Kiosk A', officeName: 'Văn phòng A' })] });
    expect(a.evaluation).toMatchObject({
      period: { id: periodId, dueDate: '2026-12-15' },
      deadline: { daysLeft: 10, overdue: false, text: 'còn 10 ngày' },
      tasks: [{ kind: 'self_assess', offices: [{ unitId: officeA.id, name: 'Văn phòng A', status: 'not_started' }] }],
      officeCount: 1,
    });
    expect(a.sample.offices).toEqual([{ id: officeA.id, name: 'Văn phòng A', n: 2, missing: 28 }]);
    expect(a.sample.period).toMatchObject({ from: '2026-01-01', to: '2026-12-05' });

    const b = await loadStaffHome(headB, NOW);
    expect(b.followUp).toEqual({ openAlerts: 1, lowRatings: 4, comments: 1 });
    expect(b.comments.map((c) => c.responseId)).toEqual([commentB]);
    expect(b.alerts.map((x) => [x.unitName, x.lowCount])).toEqual([['Văn phòng B', 3]]);
    expect(b.kiosks?.unplugged.map((k) => k.name)).toEqual(['Kiosk B']);
    // B has sent its self-assessment: nothing left for its head.
    expect(b.evaluation).toMatchObject({ tasks: [], officeCount: 1 });
    expect(b.sample.offices.map((o) => o.name)).toEqual(['Văn phòng B']);

    const review = await loadStaffHome(assessor, NOW);
    expect(review.kiosks).toBeNull();
    expect(review.comments.map((c) => c.responseId)).toEqual([commentB, oldA, newA]);
    expect(review.evaluation).toMatchObject({ tasks: [{ kind: 'review', offices: [{ unitId: officeB.id }] }], officeCount: 2 });

    const adm = await loadStaffHome(admin, NOW);
    expect(adm.kiosks?.unplugged.map((k) => k.name)).toEqual(['Kiosk A', 'Kiosk B']);
    expect(adm.evaluation).toMatchObject({ tasks: [{ kind: 'not_reported', offices: [{ unitId: officeA.id }] }] });
    // Fewest ratings first.
    expect(adm.sample.offices.map((o) => [o.name, o.n])).toEqual([
      ['Văn phòng A', 2],
      ['Văn phòng B', 4],
    ]);

    const sup = await loadStaffHome(supervisor, NOW);
    expect(sup.evaluation).toBeNull();
    expect(sup.kiosks).toBeNull();
    expect(sup.followUp).toEqual({ openAlerts: 1, lowRatings: 5, comments: 3 });
    // Integrity reports: an office head's block, empty here; a supervisor of no organisation, the assessor and the administrator have none.
    expect(a.integrity).toEqual({ total: 0, reports: [], mayClose: false });
    expect([sup.integrity, review.integrity, adm.integrity]).toEqual([null, null, null]);
  });

  it('says when the current year has no evaluation period, and counts an office with enough ratings as done', async () => {
    const admin = await viewerFor('admin', province, 'qt');
    const head = await viewerFor('office_head', officeA, 'head.a');
    // A period of last year does not count as this year's.
    await insertEvaluationPeriod({ year: 2025, name: 'Đánh giá năm 2025', unitId: province.id, dueDate: '2025-12-15', rubric: rubricPreset('mac-dinh'), createdBy: admin.userId, now: NOW });
    for (let i = 0; i < 30; i++) await rate(officeA.id, ago((i + 1) * DAY), { q1: 5, q2: 5 });
    const home = await loadStaffHome(admin, NOW);
    expect(home.evaluation).toEqual({ period: null, year: 2026 });
    expect(home.sample.offices.map((o) => o.name)).toEqual(['Văn phòng B']);
    expect(home.sample.officeCount).toBe(2);
    expect((await loadStaffHome(head, NOW)).sample).toMatchObject({ offices: [], officeCount: 1 });
  });

  it('reads an overdue deadline as such', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    await insertEvaluationPeriod({ year: 2026, name: 'Đánh giá năm 2026', unitId: province.id, dueDate: '2026-12-01', rubric: rubricPreset('mac-dinh'), createdBy: head.userId, now: NOW });
    expect((await loadStaffHome(head, NOW)).evaluation).toMatchObject({ deadline: { overdue: true, text: 'đã quá hạn 4 ngày' } });
  });
});

describe('the integrity reports block', () => {
  /** A rating answering "Có" to Q9 (the default set's marked option): it raises a report. */
  async function rateYes(unitId: number, when: Date, counterId: number | null = null) {
    const r = await storeRating({
      ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: when, receivedAt: when, counterId }),
      answers: [
        { questionKey: 'q1', score: 1, choice: null },
        { questionKey: 'q2', score: 1, choice: null },
        { questionKey: 'q9', score: null, choice: 'yes' },
      ],
      rules: DEFAULT_ABUSE_RULES,
    });
    if (r.status !== 'created') throw new Error(r.status);
    return r.responseId;
  }

  async function supervisorOf(organisation: string, username: string) {
    const v = await viewerFor('supervisor', province, username);
    const id = (await listOrganisations()).find((o) => o.name === organisation)!.id;
    await withConn(({ db }) => db.update(users).set({ organisationId: id }).where(eq(users.id, v.userId)));
    return v;
  }

  it('counts and lists the open reports of the viewer’s subtree, oldest first, for the heads and the inspectorate only', async () => {
    await ensureDefaultOrganisations();
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const headB = await viewerFor('office_head', officeB, 'head.b');
    const inspector = await supervisorOf('Thanh tra tỉnh', 'thanhtra');
    const front = await supervisorOf('Ủy ban MTTQ tỉnh', 'mttq');
    const assessor = await viewerFor('assessor', province, 'td');
    const counter = await addCounter(officeA.id, 'Quầy 3');

    const newestA = await rateYes(officeA.id, ago(2 * 3600_000));
    const oldestA = await rateYes(officeA.id, ago(3 * DAY), counter);
    const middleA = await rateYes(officeA.id, ago(DAY));
    const onlyB = await rateYes(officeB.id, ago(5 * DAY));

    const a = (await loadStaffHome(headA, NOW)).integrity!;
    expect(a.total).toBe(3);
    expect(a.mayClose).toBe(false);
    expect(a.reports.map((r) => [r.responseId, r.unitName, r.counterName])).toEqual([
      [oldestA, 'Văn phòng A', 'Quầy 3'],
      [middleA, 'Văn phòng A', null],
      [newestA, 'Văn phòng A', null],
    ]);
    expect(a.reports[0]!.submittedAt).toEqual(ago(3 * DAY));

    // Office B's head counts only B's; A's head none of B's.
    const b = (await loadStaffHome(headB, NOW)).integrity!;
    expect([b.total, b.reports.map((r) => r.responseId)]).toEqual([1, [onlyB]]);

    // The inspectorate sees the province's, and may close them; the Front and the assessor see no block.
    const inspectorHome = (await loadStaffHome(inspector, NOW)).integrity!;
    expect([inspectorHome.total, inspectorHome.mayClose]).toEqual([4, true]);
    expect(inspectorHome.reports.map((r) => r.responseId)).toEqual([onlyB, oldestA, middleA, newestA]);
    expect((await loadStaffHome(front, NOW)).integrity).toBeNull();
    expect(await loadOpenIntegrityReports(front, HOME_LIST_LIMIT)).toBeNull();
    expect((await loadStaffHome(assessor, NOW)).integrity).toBeNull();

    // The count is of all open reports; the list stops at the limit asked for.
    const two = (await loadOpenIntegrityReports(inspector, 2))!;
    expect([two.total, two.reports.map((r) => r.responseId)]).toEqual([4, [onlyB, oldestA]]);

    // A concluded report leaves the count and the list.
    const closing = a.reports[0]!.id;
    expect(await closeReport(inspector, { reportId: closing, finding: 'not_upheld', note: 'Không có cơ sở.' }, NOW)).toEqual({ status: 'ok' });
    const after = (await loadStaffHome(headA, NOW)).integrity!;
    expect([after.total, after.reports.map((r) => r.responseId)]).toEqual([2, [middleA, newestA]]);
    expect((await loadStaffHome(inspector, NOW)).integrity!.total).toBe(3);
    expect(await countIntegrityReportsInScope({ viewer: headA, status: 'closed' })).toBe(1);
    expect(await countIntegrityReportsInScope({ viewer: headA })).toBe(3);
    expect(await countIntegrityReportsInScope({ viewer: headB, status: 'closed' })).toBe(0);
  });
});
