import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Role, Viewer } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { acknowledgeAlert, raiseAlerts, setOfficeAlertRule, scanAlerts } from './alerts';
import { storeRating } from './ratings';
import { commentThreads, type CommentStatus } from '@/db/schema';
import { transaction } from '@/db/store';
import { addTestViewer, openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addTestCounter, addTestUnit } from '@/db/testing-ratings';
import { getAlertRule, getAlertsSeenAt, listAlerts, listRuleOffices, markAlertsSeen } from '@/db/queries/alerts';
import { countFollowUp, followUpTotal, listLowRatingsToReview, listUnansweredComments, setLowRatingsReviewed } from '@/db/queries/follow-up';
import { createQuestionSet } from '@/db/queries/question-sets';
import type { NewResponse } from '@/db/queries/responses';

let t: TestStore;
let versionId: number;
let province: { id: number; path: string };
let officeA: { id: number; path: string };
let officeB: { id: number; path: string };
let counterA: number;

const T0 = new Date('2026-11-20T02:00:00Z').getTime();
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

function viewerFor(role: Role, scope: { id: number; path: string }, username: string): Promise<Viewer> {
  return addTestViewer(role, scope, username, `Người ${username}`);
}

/** A comment's thread moved to `status` (what the comments screens do; db/queries/comments.ts). */
async function setThread(responseId: number, status: CommentStatus) {
  const values = { responseId, status, updatedAt: new Date() };
  await t.conn.db.insert(commentThreads).values(values).onConflictDoUpdate({ target: commentThreads.responseId, set: { status } });
}

/** One rating through the real submit path; `minutes` after T0, received when given unless `receivedMinutes` says otherwise. */
async function rate(unitId: number, minutes: number, over: Partial<NewResponse> & { q1?: number; q2?: number; receivedMinutes?: number } = {}) {
  const { q1 = 1, q2 = 2, receivedMinutes = minutes, ...rest } = over;
  const r = await storeRating({
    ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: at(minutes), receivedAt: at(receivedMinutes), q1, q2, ...rest }),
    rules: DEFAULT_ABUSE_RULES,
  });
  if (r.status === 'rejected') throw new Error('rejected');
  return r;
}

type Raw = { unit_id: number; start_at: number; end_at: number; low_count: number; triggered_at: number; rule_count: number; rule_window_minutes: number };
const alertRows = () => t.conn.all<Raw>('select unit_id, start_at, end_at, low_count, triggered_at, rule_count, rule_window_minutes from alerts order by unit_id, start_at');
const alertOf = (unitId: number, startMin: number, endMin: number, count: number, triggeredMin: number, rule = { count: 3, window: 60 }): Raw => ({
  unit_id: unitId,
  start_at: at(startMin).getTime(),
  end_at: at(endMin).getTime(),
  low_count: count,
  triggered_at: at(triggeredMin).getTime(),
  rule_count: rule.count,
  rule_window_minutes: rule.window,
});
const auditOf = async (action: string) =>
  (await t.conn.all<{ entityId: string; before: unknown; after: unknown }>('select entity_id as "entityId", before, after from audit_log where action = ? order by id', [action])).map((a) => ({
    ...a,
    // Text on SQLite, jsonb on PostgreSQL: compare as JSON either way.
    before: typeof a.before === 'string' ? a.before : JSON.stringify(a.before),
    after: typeof a.after === 'string' ? a.after : JSON.stringify(a.after),
  }));

beforeEach(async () => {
  t = await openTestStore();
  versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
  province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await addTestUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A' });
  officeB = await addTestUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B' });
  counterA = (await addTestCounter({ unitId: officeA.id, name: 'Quầy 1' })).id;
});
afterEach(() => t.dispose());

describe('alert rules', () => {
  it('default to 3 within 60 minutes, active; a custom rule is stored, audited and used', async () => {
    expect((await getAlertRule(officeA.id))).toMatchObject({ unitId: officeA.id, count: 3, windowMinutes: 60, active: true, custom: false });
    const head = await viewerFor('office_head', officeA, 'head.a');
    const saved = (await setOfficeAlertRule(head, { unitId: officeA.id, count: 2, windowMinutes: 10, active: true, now: at(0) }));
    expect(saved).toMatchObject({ count: 2, windowMinutes: 10, active: true, custom: true, updatedBy: head.userId });
    expect((await getAlertRule(officeA.id))).toMatchObject({ count: 2, windowMinutes: 10, active: true, custom: true, updatedAt: at(0) });
    expect((await auditOf('alert_rule.update')).map((a) => ({ ...a, before: JSON.parse(a.before), after: JSON.parse(a.after) }))).toEqual([
      { entityId: String(officeA.id), before: { count: 3, windowMinutes: 60, active: true }, after: { count: 2, windowMinutes: 10, active: true } },
    ]);

    await rate(officeA.id, 0);
    await rate(officeA.id, 9);
    await rate(officeB.id, 1);
    await rate(officeB.id, 2);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 9, 2, 9, { count: 2, window: 10 })]);
  });

  it('an inactive rule raises nothing', async () => {
    (await setOfficeAlertRule(await viewerFor('admin', province, 'admin'), { unitId: officeA.id, count: 3, windowMinutes: 60, active: false }));
    for (const m of [0, 1, 2, 3]) await rate(officeA.id, m);
    expect((await alertRows())).toEqual([]);
  });

  it('only inside the viewer’s reach, and only for those who may manage rules', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    expect((await setOfficeAlertRule(headA, { unitId: officeB.id, count: 2, windowMinutes: 10, active: true }))).toBeNull();
    expect((await setOfficeAlertRule(headA, { unitId: province.id, count: 2, windowMinutes: 10, active: true }))).toBeNull();
    expect((await setOfficeAlertRule(await viewerFor('supervisor', province, 'gs'), { unitId: officeA.id, count: 2, windowMinutes: 10, active: true }))).toBeNull();
    expect((await getAlertRule(officeB.id)).custom).toBe(false);
    expect((await listRuleOffices(headA))).toEqual([{ id: officeA.id, name: 'Văn phòng A' }]);
    expect((await listRuleOffices(await viewerFor('admin', province, 'admin'))).map((o) => o.name)).toEqual(['Văn phòng A', 'Văn phòng B']);
    expect((await listRuleOffices(await viewerFor('assessor', province, 'td')))).toEqual([]);
  });
});

describe('raising alerts', () => {
  it('needs the ratings strictly within the window: 59:59.999 apart alerts, 60:00 does not', async () => {
    await rate(officeA.id, 0);
    await rate(officeA.id, 30);
    await rate(officeA.id, 60);
    expect((await alertRows())).toEqual([]);
    await rate(officeB.id, 0);
    await rate(officeB.id, 30);
    await storeRating({
      clientId: randomUUID(),
      unitId: officeB.id,
      counterId: null,
      questionSetVersionId: versionId,
      channel: 'qr',
      submittedAt: new Date(T0 + 60 * MIN - 1),
      receivedAt: new Date(T0 + 60 * MIN - 1),
      lang: 'vi',
      procedureFieldId: null,
      comment: null,
      answers: [{ questionKey: 'q2', score: 1, choice: null }],
      contact: null,
      deviceHash: null,
      networkHash: null,
      rules: DEFAULT_ABUSE_RULES,
    });
    expect((await alertRows())).toEqual([{ ...alertOf(officeB.id, 0, 60, 3, 60), end_at: T0 + 60 * MIN - 1, triggered_at: T0 + 60 * MIN - 1 }]);
  });

  it('raises one alert per burst as ratings arrive one by one, and a new one for a later burst', async () => {
    for (const m of [0, 10, 20]) await rate(officeA.id, m);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 20, 3, 20)]);
    // The burst goes on: the same alert grows.
    for (const m of [50, 75, 100]) await rate(officeA.id, m);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 100, 6, 20)]);
    // Satisfied ratings and a lone low rating later change nothing.
    await rate(officeA.id, 105, { q1: 5, q2: 4 });
    await rate(officeA.id, 200);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 100, 6, 20)]);
    // 200 and 300 are a window apart; 300, 310, 320 are a new burst.
    for (const m of [300, 310, 320]) await rate(officeA.id, m);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 100, 6, 20), alertOf(officeA.id, 300, 320, 3, 320)]);
    expect((await transaction(() => raiseAlerts(officeA.id, at(320).getTime())))).toMatchObject({ created: false });
    expect((await alertRows())).toHaveLength(2);
  });

  it('grows the open alert by what it did not cover yet, a rating that was not in a burst on its own included', async () => {
    for (const m of [0, 10, 20]) await rate(officeA.id, m);
    // 70 is a full window after 10: alone it does not meet the rule, and the alert stays as it was.
    await rate(officeA.id, 70);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 20, 3, 20)]);
    // 75 meets it with 70 and 20: the alert now runs to 75 and holds all five.
    await rate(officeA.id, 75);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 75, 5, 20)]);
  });

  it('keeps one alert with an exact count through a long flood of low ratings', async () => {
    for (let m = 0; m < 300; m++) await rate(officeA.id, m);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 299, 300, 2)]);
  });

  it('counts a rating that arrives late (a kiosk queue) where it was given', async () => {
    await rate(officeA.id, 0);
    await rate(officeA.id, 40);
    await rate(officeA.id, 20, { receivedMinutes: 90 });
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 40, 3, 40)]);
    await rate(officeA.id, 30, { receivedMinutes: 95 });
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 40, 4, 40)]);
  });

  it('never counts excluded ratings, nor answers of 3 or more', async () => {
    // The same device rating the same office again is flagged and excluded (lib/abuse.ts).
    for (const m of [0, 1, 2, 3, 4]) await rate(officeA.id, m, { deviceHash: 'd'.repeat(32) });
    expect(await t.conn.all('select count(*) as "n" from responses where excluded = true')).toEqual([{ n: 4 }]);
    for (const m of [0, 1, 2, 3]) await rate(officeB.id, m, { q1: 3, q2: 3 });
    expect((await alertRows())).toEqual([]);
  });

  it('after an acknowledgement, raises a new alert only when later ratings meet the rule on their own', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    for (const m of [0, 10, 20]) await rate(officeA.id, m);
    const [first] = (await listAlerts(head, { status: 'open' })).rows;
    expect((await acknowledgeAlert(head, { id: first!.id, note: 'Đã kiểm tra', now: at(25) })).status).toBe('ok');
    await rate(officeA.id, 30);
    await rate(officeA.id, 40);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 20, 3, 20)]);
    await rate(officeA.id, 50);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 20, 3, 20), alertOf(officeA.id, 30, 50, 3, 50)]);
    await rate(officeA.id, 55);
    expect((await alertRows())).toEqual([alertOf(officeA.id, 0, 20, 3, 20), alertOf(officeA.id, 30, 55, 4, 50)]);
  });

  it('scanAlerts finds the same alerts over stored ratings, and a second scan changes nothing', async () => {
    for (const m of [0, 10, 20, 50, 75, 100, 200, 300, 310, 320]) await rate(officeA.id, m);
    for (const m of [5, 6, 7]) await rate(officeB.id, m);
    const live = (await alertRows());
    expect(live).toHaveLength(3);
    await t.conn.run('delete from alerts');
    expect((await scanAlerts({ since: at(-60) }))).toBe(3);
    expect((await alertRows())).toEqual(live);
    expect((await scanAlerts({ since: at(-60) }))).toBe(0);
    expect((await alertRows())).toEqual(live);
  });
});

describe('listing and acknowledging', () => {
  it('an office head sees and acknowledges only their own office; a province viewer sees both', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const headB = await viewerFor('office_head', officeB, 'head.b');
    const supervisor = await viewerFor('supervisor', province, 'gs');
    for (const m of [0, 1, 2]) await rate(officeA.id, m);
    for (const m of [0, 1, 2]) await rate(officeB.id, m);

    const a = (await listAlerts(headA, { status: 'open' }));
    expect(a.total).toBe(1);
    expect(a.rows[0]).toMatchObject({ unitName: 'Văn phòng A', lowCount: 3, ruleCount: 3, ruleWindowMinutes: 60, acknowledgedAt: null, note: null });
    const b = (await listAlerts(headB, { status: 'all' })).rows;
    expect(b.map((r) => r.unitName)).toEqual(['Văn phòng B']);
    expect((await listAlerts(supervisor, { status: 'open' })).total).toBe(2);
    expect((await listAlerts(supervisor, { status: 'open', unitId: officeB.id })).rows.map((r) => r.unitName)).toEqual(['Văn phòng B']);

    // B's alert is invisible to A: acknowledging it answers "not found" and changes nothing.
    expect((await acknowledgeAlert(headA, { id: b[0]!.id, note: 'Không phải của tôi' }))).toEqual({ status: 'not_found' });
    expect((await acknowledgeAlert(supervisor, { id: b[0]!.id, note: 'Chỉ xem' }))).toEqual({ status: 'not_found' });
    expect((await acknowledgeAlert(headA, { id: 99_999, note: 'x' }))).toEqual({ status: 'not_found' });
    expect((await listAlerts(headB, { status: 'open' })).total).toBe(1);
    expect((await auditOf('alert.acknowledge'))).toEqual([]);
  });

  it('acknowledges once with the note, who and when; a second time is refused', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    for (const m of [0, 1, 2]) await rate(officeA.id, m);
    const id = (await listAlerts(head, { status: 'open' })).rows[0]!.id;
    const done = (await acknowledgeAlert(head, { id, note: 'Đã nhắc nhở cán bộ quầy 1.', now: at(30) }));
    expect(done).toMatchObject({ status: 'ok', alert: { id, note: 'Đã nhắc nhở cán bộ quầy 1.', acknowledgedAt: at(30), acknowledgedByName: 'Người head.a' } });
    expect((await acknowledgeAlert(head, { id, note: 'Ghi đè', now: at(31) }))).toEqual({ status: 'already_acknowledged' });
    expect((await listAlerts(head, { status: 'open' })).total).toBe(0);
    expect((await listAlerts(head, { status: 'acknowledged' })).rows).toMatchObject([{ id, note: 'Đã nhắc nhở cán bộ quầy 1.' }]);
    const audit = (await auditOf('alert.acknowledge'));
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toEqual({ acknowledgedAt: at(30).toISOString(), note: 'Đã nhắc nhở cán bộ quầy 1.' });
  });

  it('pages the history, newest acknowledgement first', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    for (let burst = 0; burst < 3; burst++) for (const m of [0, 1, 2]) await rate(officeA.id, burst * 200 + m);
    const ids = (await listAlerts(head, { status: 'open' })).rows.map((r) => r.id);
    expect(ids).toHaveLength(3);
    for (const [i, id] of ids.entries()) await acknowledgeAlert(head, { id, note: `Lần ${i}`, now: at(1000 + i) });
    const page1 = (await listAlerts(head, { status: 'acknowledged', page: 1, pageSize: 2 }));
    const page2 = (await listAlerts(head, { status: 'acknowledged', page: 2, pageSize: 2 }));
    expect(page1.total).toBe(3);
    expect([...page1.rows, ...page2.rows].map((r) => r.note)).toEqual(['Lần 2', 'Lần 1', 'Lần 0']);
  });
});

describe('what waits for follow-up', () => {
  const DAY_MIN = 24 * 60;

  it('counts open alerts, low ratings and unanswered comments until handled, in scope; a visit only marks what is new', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const headB = await viewerFor('office_head', officeB, 'head.b');
    const supervisor = await viewerFor('supervisor', province, 'gs');
    let now = at(120);
    // Older than 30 days: its comment still waits, the low rating no longer does.
    await rate(officeA.id, -40 * DAY_MIN, { comment: 'Góp ý cũ chưa ai trả lời' });
    const first = await rate(officeA.id, 0, { counterId: counterA, comment: 'Chờ quá lâu, không ai hướng dẫn.' });
    await rate(officeA.id, 5);
    const answered = await rate(officeA.id, 7, { q1: 5, q2: 5, comment: 'Rất tốt' });
    await rate(officeA.id, 8, { q1: 4, q2: 5, comment: 'Cần thêm ghế' });
    await rate(officeB.id, 9);
    expect(await countFollowUp(headA, { now })).toEqual({ openAlerts: 0, lowRatings: 2, comments: 4 });
    await setThread(answered.responseId, 'answered');
    // "Đang xử lý" is not an answer: the comment and its low rating still wait.
    await setThread(first.responseId, 'in_progress');
    expect(await countFollowUp(headA, { now })).toEqual({ openAlerts: 0, lowRatings: 2, comments: 3 });
    expect(await countFollowUp(headB, { now })).toEqual({ openAlerts: 0, lowRatings: 1, comments: 0 });
    expect(await countFollowUp(supervisor, { now })).toEqual({ openAlerts: 0, lowRatings: 3, comments: 3 });
    // The navigation's capped count stops early; the page's count is exact.
    expect(await countFollowUp(headA, { now, cap: 1 })).toEqual({ openAlerts: 0, lowRatings: 1, comments: 1 });

    // A visit at minute 10 handles nothing; only what arrives afterwards is new.
    await markAlertsSeen(headA, at(10));
    const since = (await getAlertsSeenAt(headA))!;
    expect(since).toEqual(at(10));
    expect(await countFollowUp(headA, { now, since })).toEqual({ openAlerts: 0, lowRatings: 2, comments: 3, new: { openAlerts: 0, lowRatings: 0, comments: 0 } });
    await rate(officeA.id, 11);
    await rate(officeA.id, 12, { comment: 'Thái độ chưa tốt' });
    // A rating given before the visit but received after it (kiosk) is new too.
    await rate(officeA.id, 9, { receivedMinutes: 13 });
    const waiting = await countFollowUp(headA, { now, since });
    expect(waiting).toEqual({ openAlerts: 1, lowRatings: 5, comments: 4, new: { openAlerts: 1, lowRatings: 3, comments: 1 } });
    expect(followUpTotal(waiting)).toBe(10);
    // Seen again later: nothing is new, everything still waits.
    await markAlertsSeen(headA, at(60));
    expect(await countFollowUp(headA, { now, since: at(60) })).toMatchObject({ openAlerts: 1, lowRatings: 5, comments: 4, new: { openAlerts: 0, lowRatings: 0, comments: 0 } });
    expect((await countFollowUp(supervisor, { now })).openAlerts).toBe(1);
    expect((await countFollowUp(headB, { now })).openAlerts).toBe(0);

    // Acknowledging the alert handles it and the low ratings of its burst.
    const id = (await listAlerts(headA, { status: 'open' })).rows[0]!.id;
    await acknowledgeAlert(headA, { id, note: 'Đã xử lý' });
    expect(await countFollowUp(headA, { now })).toEqual({ openAlerts: 0, lowRatings: 0, comments: 4 });
    // A later low rating waits again; after 30 days it stops waiting.
    await rate(officeA.id, 200);
    now = at(300);
    expect((await countFollowUp(headA, { now })).lowRatings).toBe(1);
    expect((await countFollowUp(headA, { now: at(200 + 31 * DAY_MIN) })).lowRatings).toBe(0);
  });

  it('a low rating stops waiting once reviewed or its comment answered; reviewing is scoped and audited', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const headB = await viewerFor('office_head', officeB, 'head.b');
    const now = at(120);
    const mine = await rate(officeA.id, 0);
    const commented = await rate(officeA.id, 70, { comment: 'Phải đi lại ba lần' });
    const fine = await rate(officeA.id, 80, { q1: 5, q2: 5 });
    const theirs = await rate(officeB.id, 1);
    expect((await listLowRatingsToReview(headA, { now })).map((r) => r.responseId)).toEqual([commented.responseId, mine.responseId]);

    // B's rating and a rating that is not low are left alone, as if missing.
    expect(await setLowRatingsReviewed(headA, { responseIds: [mine.responseId, theirs.responseId, fine.responseId], now })).toBe(1);
    expect(await setLowRatingsReviewed(headA, { responseIds: [mine.responseId], now })).toBe(0);
    expect((await auditOf('low_rating.review')).map((e) => Number(e.entityId))).toEqual([mine.responseId]);
    expect((await listLowRatingsToReview(headA, { now })).map((r) => r.responseId)).toEqual([commented.responseId]);
    expect((await countFollowUp(headB, { now })).lowRatings).toBe(1);

    await setThread(commented.responseId, 'answered');
    expect(await listLowRatingsToReview(headA, { now })).toEqual([]);
    expect(await countFollowUp(headA, { now })).toEqual({ openAlerts: 0, lowRatings: 0, comments: 0 });
  });

  it('lists the low ratings to review with office, counter, lowest score and comment excerpt, newest first, in scope', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const long = 'Chờ quá lâu. '.repeat(20);
    const first = await rate(officeA.id, 0, { counterId: counterA, comment: long, q1: 2, q2: 1 });
    const second = await rate(officeA.id, 5, { q1: 2, q2: 4, receivedMinutes: 6 });
    await rate(officeA.id, 6, { q1: 3, q2: 3, comment: 'Bình thường' });
    await rate(officeB.id, 7);
    expect(await listLowRatingsToReview(headA, { now: at(10) })).toEqual([
      { responseId: second.responseId, submittedAt: at(5), receivedAt: at(6), unitName: 'Văn phòng A', counterName: null, minScore: 2, commentExcerpt: null, commentTruncated: false },
      { responseId: first.responseId, submittedAt: at(0), receivedAt: at(0), unitName: 'Văn phòng A', counterName: 'Quầy 1', minScore: 1, commentExcerpt: long.slice(0, 160), commentTruncated: true },
    ]);
    expect((await listLowRatingsToReview(headA, { now: at(10), limit: 1 })).map((r) => r.responseId)).toEqual([second.responseId]);
  });

  it('lists unanswered comments oldest first with their status, in scope only', async () => {
    const headA = await viewerFor('office_head', officeA, 'head.a');
    const headB = await viewerFor('office_head', officeB, 'head.b');
    const province_ = await viewerFor('assessor', province, 'td');
    const later = await rate(officeA.id, 30, { q1: 5, q2: 5, comment: 'Cảm ơn cán bộ' });
    const older = await rate(officeA.id, 0, { counterId: counterA, comment: 'x'.repeat(200) });
    const done = await rate(officeA.id, 10, { comment: 'Đã được trả lời' });
    const other = await rate(officeB.id, 5, { comment: 'Văn phòng B' });
    await rate(officeA.id, 40);
    await setThread(done.responseId, 'answered');
    await setThread(later.responseId, 'in_progress');
    expect(await listUnansweredComments(headA, { limit: 10 })).toEqual([
      { responseId: older.responseId, submittedAt: at(0), unitName: 'Văn phòng A', counterName: 'Quầy 1', status: 'new', excerpt: 'x'.repeat(160), truncated: true },
      { responseId: later.responseId, submittedAt: at(30), unitName: 'Văn phòng A', counterName: null, status: 'in_progress', excerpt: 'Cảm ơn cán bộ', truncated: false },
    ]);
    expect((await listUnansweredComments(headB, { limit: 10 })).map((c) => c.responseId)).toEqual([other.responseId]);
    expect((await listUnansweredComments(province_, { limit: 2 })).map((c) => c.responseId)).toEqual([older.responseId, other.responseId]);
  });
});

describe('alerts under concurrency', () => {
  it('raises one alert for a burst of low ratings stored at the same moment', async () => {
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((m) => rate(officeA.id, m)));
    expect(results.every((r) => r.status === 'created')).toBe(true);
    // Which rating completed the rule first depends on the order they commit in; the burst is one alert over all six.
    const rows = await alertRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unit_id: officeA.id, start_at: at(0).getTime(), end_at: at(5).getTime(), low_count: 6 });
  });

  it('keeps one alert with an exact count when a flood of low ratings arrives in waves, out of time order', async () => {
    // Each wave is stored at once; within a wave the times are shuffled, so transactions commit
    // out of time order, and each decides from facts read before the others committed.
    const minutes = Array.from({ length: 48 }, (_, i) => i / 2);
    const shuffled = minutes.map((m, i) => ({ m, k: (i * 37) % 48 })).sort((x, y) => x.k - y.k).map((x) => x.m);
    for (let wave = 0; wave < shuffled.length; wave += 12) await Promise.all(shuffled.slice(wave, wave + 12).map((m) => rate(officeA.id, m)));
    const rows = await alertRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ start_at: at(0).getTime(), end_at: at(23.5).getTime(), low_count: 48 });
  });

  it('raises one alert for a burst across local midnight at a month’s end, stored at the same moment', async () => {
    // Ratings of one office on one day (or month) also meet on the same rollup rows, which
    // queue them; across the end of a month they share none, and only the alerts lock keeps
    // two servers from each raising an alert for their half of the burst.
    const midnight = Date.parse('2026-11-30T17:00:00Z');
    const minutes = [-3, -2, -1, 1, 2, 3].map((m) => (midnight - T0) / MIN + m);
    for (let round = 0; round < 3; round++) {
      await t.conn.run('delete from alerts');
      await Promise.all(minutes.map((m) => rate(officeA.id, m + round * 1440 * 31)));
      const rows = await alertRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ start_at: at(minutes[0]! + round * 1440 * 31).getTime(), end_at: at(minutes[5]! + round * 1440 * 31).getTime(), low_count: 6 });
    }
  });

  it('acknowledges an alert once when two heads acknowledge it at the same moment', async () => {
    const head = await viewerFor('office_head', officeA, 'head.a');
    for (const m of [0, 1, 2]) await rate(officeA.id, m);
    const id = (await listAlerts(head, { status: 'open' })).rows[0]!.id;
    const results = await Promise.all(['Một', 'Hai', 'Ba'].map((note) => acknowledgeAlert(head, { id, note })));
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'already_acknowledged')).toHaveLength(2);
    expect(await auditOf('alert.acknowledge')).toHaveLength(1);
  });
});

