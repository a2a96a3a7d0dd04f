import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Role, Viewer } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { createTestViewer, openTestDb, testResponse } from '../testing';
import {
  acknowledgeAlert,
  alertBadge,
  getAlertRule,
  getAlertsSeenAt,
  listAlerts,
  listNewLowRatings,
  listRuleOffices,
  markAlertsSeen,
  raiseAlerts,
  scanAlerts,
  setAlertRule,
} from './alerts';
// eslint-disable-next-line no-restricted-imports -- a comment's handling is a use case (server/comments.ts); this fixture goes through it
import { replyToComment, setCommentStatus } from '@/server/comments';
import { createQuestionSet } from './question-sets';
import { createResponse, type NewResponse } from './responses';
import { createCounter, createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
let versionId: number;
let province: { id: number; path: string };
let officeA: { id: number; path: string };
let officeB: { id: number; path: string };
let counterA: number;

const T0 = new Date('2026-11-20T02:00:00Z').getTime();
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

function viewerFor(role: Role, scope: { id: number; path: string }, username: string): Viewer {
  return createTestViewer(db, role, scope, username, `Người ${username}`);
}

/** One rating through the real submit path; `minutes` after T0, received when given unless `receivedMinutes` says otherwise. */
function rate(unitId: number, minutes: number, over: Partial<NewResponse> & { q1?: number; q2?: number; receivedMinutes?: number } = {}) {
  const { q1 = 1, q2 = 2, receivedMinutes = minutes, ...rest } = over;
  const r = createResponse(db, {
    ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: at(minutes), receivedAt: at(receivedMinutes), q1, q2, ...rest }),
    rules: DEFAULT_ABUSE_RULES,
  });
  if (r.status === 'rejected') throw new Error('rejected');
  return r;
}

type Raw = { unit_id: number; start_at: number; end_at: number; low_count: number; triggered_at: number; rule_count: number; rule_window_minutes: number };
const alertRows = () =>
  db.$client
    .prepare('select unit_id, start_at, end_at, low_count, triggered_at, rule_count, rule_window_minutes from alerts order by unit_id, start_at')
    .all() as Raw[];
const alertOf = (unitId: number, startMin: number, endMin: number, count: number, triggeredMin: number, rule = { count: 3, window: 60 }): Raw => ({
  unit_id: unitId,
  start_at: at(startMin).getTime(),
  end_at: at(endMin).getTime(),
  low_count: count,
  triggered_at: at(triggeredMin).getTime(),
  rule_count: rule.count,
  rule_window_minutes: rule.window,
});
const auditOf = (action: string) =>
  db.$client.prepare('select entity_id as entityId, before, after from audit_log where action = ? order by id').all(action) as { entityId: string; before: string; after: string }[];

beforeEach(async () => {
  db = openTestDb();
  versionId = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET }).version.id;
  province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A', rateable: true });
  officeB = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B', rateable: true });
  counterA = (await createCounter({ unitId: officeA.id, name: 'Quầy 1' })).id;
});
afterEach(() => db.dispose());

describe('alert rules', () => {
  it('default to 3 within 60 minutes, active; a custom rule is stored, audited and used', () => {
    expect(getAlertRule(db, officeA.id)).toMatchObject({ unitId: officeA.id, count: 3, windowMinutes: 60, active: true, custom: false });
    const head = viewerFor('office_head', officeA, 'head.a');
    const saved = setAlertRule(db, head, { unitId: officeA.id, count: 2, windowMinutes: 10, active: true, now: at(0) });
    expect(saved).toMatchObject({ count: 2, windowMinutes: 10, active: true, custom: true, updatedBy: head.userId });
    expect(getAlertRule(db, officeA.id)).toMatchObject({ count: 2, windowMinutes: 10, active: true, custom: true, updatedAt: at(0) });
    expect(auditOf('alert_rule.update').map((a) => ({ ...a, before: JSON.parse(a.before), after: JSON.parse(a.after) }))).toEqual([
      { entityId: String(officeA.id), before: { count: 3, windowMinutes: 60, active: true }, after: { count: 2, windowMinutes: 10, active: true } },
    ]);

    rate(officeA.id, 0);
    rate(officeA.id, 9);
    rate(officeB.id, 1);
    rate(officeB.id, 2);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 9, 2, 9, { count: 2, window: 10 })]);
  });

  it('an inactive rule raises nothing', () => {
    setAlertRule(db, viewerFor('admin', province, 'admin'), { unitId: officeA.id, count: 3, windowMinutes: 60, active: false });
    for (const m of [0, 1, 2, 3]) rate(officeA.id, m);
    expect(alertRows()).toEqual([]);
  });

  it('only inside the viewer’s reach, and only for those who may manage rules', () => {
    const headA = viewerFor('office_head', officeA, 'head.a');
    expect(setAlertRule(db, headA, { unitId: officeB.id, count: 2, windowMinutes: 10, active: true })).toBeNull();
    expect(setAlertRule(db, headA, { unitId: province.id, count: 2, windowMinutes: 10, active: true })).toBeNull();
    expect(setAlertRule(db, viewerFor('supervisor', province, 'gs'), { unitId: officeA.id, count: 2, windowMinutes: 10, active: true })).toBeNull();
    expect(getAlertRule(db, officeB.id).custom).toBe(false);
    expect(listRuleOffices(db, headA)).toEqual([{ id: officeA.id, name: 'Văn phòng A' }]);
    expect(listRuleOffices(db, viewerFor('admin', province, 'admin')).map((o) => o.name)).toEqual(['Văn phòng A', 'Văn phòng B']);
    expect(listRuleOffices(db, viewerFor('assessor', province, 'td'))).toEqual([]);
  });
});

describe('raising alerts', () => {
  it('needs the ratings strictly within the window: 59:59.999 apart alerts, 60:00 does not', () => {
    rate(officeA.id, 0);
    rate(officeA.id, 30);
    rate(officeA.id, 60);
    expect(alertRows()).toEqual([]);
    rate(officeB.id, 0);
    rate(officeB.id, 30);
    createResponse(db, {
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
    expect(alertRows()).toEqual([{ ...alertOf(officeB.id, 0, 60, 3, 60), end_at: T0 + 60 * MIN - 1, triggered_at: T0 + 60 * MIN - 1 }]);
  });

  it('raises one alert per burst as ratings arrive one by one, and a new one for a later burst', () => {
    for (const m of [0, 10, 20]) rate(officeA.id, m);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 20, 3, 20)]);
    // The burst goes on: the same alert grows.
    for (const m of [50, 75, 100]) rate(officeA.id, m);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 100, 6, 20)]);
    // Satisfied ratings and a lone low rating later change nothing.
    rate(officeA.id, 105, { q1: 5, q2: 4 });
    rate(officeA.id, 200);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 100, 6, 20)]);
    // 200 and 300 are a window apart; 300, 310, 320 are a new burst.
    for (const m of [300, 310, 320]) rate(officeA.id, m);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 100, 6, 20), alertOf(officeA.id, 300, 320, 3, 320)]);
    expect(raiseAlerts(db, officeA.id, at(320))).toMatchObject({ created: false });
    expect(alertRows()).toHaveLength(2);
  });

  it('grows the open alert by what it did not cover yet, a rating that was not in a burst on its own included', () => {
    for (const m of [0, 10, 20]) rate(officeA.id, m);
    // 70 is a full window after 10: alone it does not meet the rule, and the alert stays as it was.
    rate(officeA.id, 70);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 20, 3, 20)]);
    // 75 meets it with 70 and 20: the alert now runs to 75 and holds all five.
    rate(officeA.id, 75);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 75, 5, 20)]);
  });

  it('keeps one alert with an exact count through a long flood of low ratings', () => {
    for (let m = 0; m < 300; m++) rate(officeA.id, m);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 299, 300, 2)]);
  });

  it('counts a rating that arrives late (a kiosk queue) where it was given', () => {
    rate(officeA.id, 0);
    rate(officeA.id, 40);
    rate(officeA.id, 20, { receivedMinutes: 90 });
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 40, 3, 40)]);
    rate(officeA.id, 30, { receivedMinutes: 95 });
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 40, 4, 40)]);
  });

  it('never counts excluded ratings, nor answers of 3 or more', () => {
    // The same device rating the same office again is flagged and excluded (lib/abuse.ts).
    for (const m of [0, 1, 2, 3, 4]) rate(officeA.id, m, { deviceHash: 'd'.repeat(32) });
    expect(db.$client.prepare('select count(*) as n from responses where excluded = 1').get()).toEqual({ n: 4 });
    for (const m of [0, 1, 2, 3]) rate(officeB.id, m, { q1: 3, q2: 3 });
    expect(alertRows()).toEqual([]);
  });

  it('after an acknowledgement, raises a new alert only when later ratings meet the rule on their own', () => {
    const head = viewerFor('office_head', officeA, 'head.a');
    for (const m of [0, 10, 20]) rate(officeA.id, m);
    const [first] = listAlerts(db, head, { status: 'open' }).rows;
    expect(acknowledgeAlert(db, head, { id: first!.id, note: 'Đã kiểm tra', now: at(25) }).status).toBe('ok');
    rate(officeA.id, 30);
    rate(officeA.id, 40);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 20, 3, 20)]);
    rate(officeA.id, 50);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 20, 3, 20), alertOf(officeA.id, 30, 50, 3, 50)]);
    rate(officeA.id, 55);
    expect(alertRows()).toEqual([alertOf(officeA.id, 0, 20, 3, 20), alertOf(officeA.id, 30, 55, 4, 50)]);
  });

  it('scanAlerts finds the same alerts over stored ratings, and a second scan changes nothing', () => {
    for (const m of [0, 10, 20, 50, 75, 100, 200, 300, 310, 320]) rate(officeA.id, m);
    for (const m of [5, 6, 7]) rate(officeB.id, m);
    const live = alertRows();
    expect(live).toHaveLength(3);
    db.$client.prepare('delete from alerts').run();
    expect(scanAlerts(db, { since: at(-60) })).toBe(3);
    expect(alertRows()).toEqual(live);
    expect(scanAlerts(db, { since: at(-60) })).toBe(0);
    expect(alertRows()).toEqual(live);
  });
});

describe('listing and acknowledging', () => {
  it('an office head sees and acknowledges only their own office; a province viewer sees both', () => {
    const headA = viewerFor('office_head', officeA, 'head.a');
    const headB = viewerFor('office_head', officeB, 'head.b');
    const supervisor = viewerFor('supervisor', province, 'gs');
    for (const m of [0, 1, 2]) rate(officeA.id, m);
    for (const m of [0, 1, 2]) rate(officeB.id, m);

    const a = listAlerts(db, headA, { status: 'open' });
    expect(a.total).toBe(1);
    expect(a.rows[0]).toMatchObject({ unitName: 'Văn phòng A', lowCount: 3, ruleCount: 3, ruleWindowMinutes: 60, acknowledgedAt: null, note: null });
    const b = listAlerts(db, headB, { status: 'all' }).rows;
    expect(b.map((r) => r.unitName)).toEqual(['Văn phòng B']);
    expect(listAlerts(db, supervisor, { status: 'open' }).total).toBe(2);
    expect(listAlerts(db, supervisor, { status: 'open', unitId: officeB.id }).rows.map((r) => r.unitName)).toEqual(['Văn phòng B']);

    // B's alert is invisible to A: acknowledging it answers "not found" and changes nothing.
    expect(acknowledgeAlert(db, headA, { id: b[0]!.id, note: 'Không phải của tôi' })).toEqual({ status: 'not_found' });
    expect(acknowledgeAlert(db, supervisor, { id: b[0]!.id, note: 'Chỉ xem' })).toEqual({ status: 'not_found' });
    expect(acknowledgeAlert(db, headA, { id: 99_999, note: 'x' })).toEqual({ status: 'not_found' });
    expect(listAlerts(db, headB, { status: 'open' }).total).toBe(1);
    expect(auditOf('alert.acknowledge')).toEqual([]);
  });

  it('acknowledges once with the note, who and when; a second time is refused', () => {
    const head = viewerFor('office_head', officeA, 'head.a');
    for (const m of [0, 1, 2]) rate(officeA.id, m);
    const id = listAlerts(db, head, { status: 'open' }).rows[0]!.id;
    const done = acknowledgeAlert(db, head, { id, note: 'Đã nhắc nhở cán bộ quầy 1.', now: at(30) });
    expect(done).toMatchObject({ status: 'ok', alert: { id, note: 'Đã nhắc nhở cán bộ quầy 1.', acknowledgedAt: at(30), acknowledgedByName: 'Người head.a' } });
    expect(acknowledgeAlert(db, head, { id, note: 'Ghi đè', now: at(31) })).toEqual({ status: 'already_acknowledged' });
    expect(listAlerts(db, head, { status: 'open' }).total).toBe(0);
    expect(listAlerts(db, head, { status: 'acknowledged' }).rows).toMatchObject([{ id, note: 'Đã nhắc nhở cán bộ quầy 1.' }]);
    const audit = auditOf('alert.acknowledge');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toEqual({ acknowledgedAt: at(30).toISOString(), note: 'Đã nhắc nhở cán bộ quầy 1.' });
  });

  it('pages the history, newest acknowledgement first', () => {
    const head = viewerFor('office_head', officeA, 'head.a');
    for (let burst = 0; burst < 3; burst++) for (const m of [0, 1, 2]) rate(officeA.id, burst * 200 + m);
    const ids = listAlerts(db, head, { status: 'open' }).rows.map((r) => r.id);
    expect(ids).toHaveLength(3);
    ids.forEach((id, i) => acknowledgeAlert(db, head, { id, note: `Lần ${i}`, now: at(1000 + i) }));
    const page1 = listAlerts(db, head, { status: 'acknowledged', page: 1, pageSize: 2 });
    const page2 = listAlerts(db, head, { status: 'acknowledged', page: 2, pageSize: 2 });
    expect(page1.total).toBe(3);
    expect([...page1.rows, ...page2.rows].map((r) => r.note)).toEqual(['Lần 2', 'Lần 1', 'Lần 0']);
  });
});

describe('what is new since the last visit', () => {
  it('counts low ratings, unanswered comments and open alerts in scope since alerts_seen_at', async () => {
    const headA = viewerFor('office_head', officeA, 'head.a');
    const headB = viewerFor('office_head', officeB, 'head.b');
    const supervisor = viewerFor('supervisor', province, 'gs');
    const now = at(120);
    // Never visited: the last 7 days count.
    rate(officeA.id, -8 * 24 * 60);
    rate(officeA.id, 0, { counterId: counterA, comment: 'Chờ quá lâu, không ai hướng dẫn.' });
    rate(officeA.id, 5);
    const answered = rate(officeA.id, 7, { q1: 5, q2: 5, comment: 'Rất tốt' });
    rate(officeA.id, 8, { q1: 4, q2: 5, comment: 'Cần thêm ghế' });
    rate(officeB.id, 9);
    expect(alertBadge(db, headA, { now })).toEqual({ newLowRatings: 2, newComments: 3, openAlerts: 0 });
    await replyToComment({ viewer: headA, responseId: answered.responseId, replyText: 'Cảm ơn' });
    expect(alertBadge(db, headA, { now })).toEqual({ newLowRatings: 2, newComments: 2, openAlerts: 0 });
    expect(alertBadge(db, headB, { now })).toEqual({ newLowRatings: 1, newComments: 0, openAlerts: 0 });
    // The navigation's capped count stops early; the page's count is exact.
    expect(alertBadge(db, headA, { now, cap: 1 })).toEqual({ newLowRatings: 1, newComments: 1, openAlerts: 0 });

    // A visit at minute 10: only what arrives afterwards is new.
    markAlertsSeen(db, headA, at(10));
    expect(getAlertsSeenAt(db, headA)).toEqual(at(10));
    expect(alertBadge(db, headA, { now })).toEqual({ newLowRatings: 0, newComments: 0, openAlerts: 0 });
    rate(officeA.id, 11);
    rate(officeA.id, 12, { comment: 'Thái độ chưa tốt' });
    // A rating given before the visit but received after it (kiosk) is new too.
    rate(officeA.id, 9, { receivedMinutes: 13 });
    expect(alertBadge(db, headA, { now })).toEqual({ newLowRatings: 3, newComments: 1, openAlerts: 1 });
    // The open alert stays counted for the office head until acknowledged; a supervisor
    // counts it only as news. An older visit time never moves the mark back.
    markAlertsSeen(db, headA, at(5));
    expect(getAlertsSeenAt(db, headA)).toEqual(at(10));
    markAlertsSeen(db, headA, at(60));
    expect(alertBadge(db, headA, { now })).toEqual({ newLowRatings: 0, newComments: 0, openAlerts: 1 });
    markAlertsSeen(db, supervisor, at(60));
    expect(alertBadge(db, supervisor, { now })).toEqual({ newLowRatings: 0, newComments: 0, openAlerts: 0 });
    expect(alertBadge(db, headB, { now }).openAlerts).toBe(0);

    const id = listAlerts(db, headA, { status: 'open' }).rows[0]!.id;
    acknowledgeAlert(db, headA, { id, note: 'Đã xử lý' });
    expect(alertBadge(db, headA, { now }).openAlerts).toBe(0);
  });

  it('a comment whose status moved on is no longer unanswered', async () => {
    const head = viewerFor('office_head', officeA, 'head.a');
    const r = rate(officeA.id, 0, { comment: 'Góp ý' });
    expect(alertBadge(db, head, { now: at(10) }).newComments).toBe(1);
    await setCommentStatus({ viewer: head, responseId: r.responseId, status: 'in_progress' });
    expect(alertBadge(db, head, { now: at(10) }).newComments).toBe(0);
    await setCommentStatus({ viewer: head, responseId: r.responseId, status: 'new' });
    expect(alertBadge(db, head, { now: at(10) }).newComments).toBe(1);
  });

  it('lists the new low ratings with office, counter, lowest score and comment excerpt, newest first, in scope', () => {
    const headA = viewerFor('office_head', officeA, 'head.a');
    const long = 'Chờ quá lâu. '.repeat(20);
    const first = rate(officeA.id, 0, { counterId: counterA, comment: long, q1: 2, q2: 1 });
    const second = rate(officeA.id, 5, { q1: 2, q2: 4 });
    rate(officeA.id, 6, { q1: 3, q2: 3, comment: 'Bình thường' });
    rate(officeB.id, 7);
    const rows = listNewLowRatings(db, headA, { since: at(-1) });
    expect(rows).toEqual([
      { responseId: second.responseId, submittedAt: at(5), unitName: 'Văn phòng A', counterName: null, minScore: 2, commentExcerpt: null, commentTruncated: false },
      { responseId: first.responseId, submittedAt: at(0), unitName: 'Văn phòng A', counterName: 'Quầy 1', minScore: 1, commentExcerpt: long.slice(0, 160), commentTruncated: true },
    ]);
    expect(listNewLowRatings(db, headA, { since: at(1) }).map((r) => r.responseId)).toEqual([second.responseId]);
  });
});
