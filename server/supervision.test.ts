import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countIntegrityReports, countUpheldReportsOfOfficials, listIntegrityReports } from '@/db/queries/integrity';
import { ensureDefaultOrganisations, listOrganisations, listVisits } from '@/db/queries/supervision';
import { supervisorOrganisations, users } from '@/db/schema';
import { withConn } from '@/db/store';
import { addTestViewer, openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addCounter, addOfficial, addQuestionSet, addUnit, type UnitRef } from '@/db/testing-reading';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Role, Viewer } from '@/lib/auth/roles';
import { CLOSE_REFUSED, vietnamYearBounds } from '@/lib/supervision';
import { DEFAULT_QUESTION_SET, withoutIntegrityMarks } from '@/lib/survey/question-set';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import { RecordVisitSchema } from '@/lib/validation/supervision';
import { markIntegrityInDefaultSet } from './defaults';
import { createEvaluationPeriod } from './evaluation-workflow';
import { closeReport, loadIntegrityPage } from './integrity';
import type { Mailer } from './mailer';
import { sendIntegrityMails } from './mail-jobs';
import { storeRating } from './ratings';
import { answer, loadSheetOversight, loadSupervisionPage, recordVisit, REFUSALS } from './supervision';

const NOW = new Date('2026-12-05T03:00:00Z');

let t: TestStore;
let province: UnitRef;
let office: UnitRef;
let other: UnitRef;
let versionId: number;
let periodId: number;
let organisations: Map<string, number>;

async function viewer(role: Role, scope: UnitRef, username: string, organisation?: string): Promise<Viewer> {
  const v = await addTestViewer(role, scope, username, `Cán bộ ${username}`);
  if (organisation) await withConn(({ db }) => db.update(users).set({ organisationId: organisations.get(organisation)! }).where(eq(users.id, v.userId)));
  return v;
}

beforeEach(async () => {
  t = await openTestStore();
  versionId = await addQuestionSet();
  province = await addUnit(null, 'province', 'Tỉnh Mẫu');
  office = await addUnit(province, 'office', 'Trung tâm A');
  other = await addUnit(province, 'office', 'Trung tâm B');
  expect(await ensureDefaultOrganisations()).toBe(4);
  organisations = new Map((await listOrganisations()).map((o) => [o.name, o.id]));
  const admin = await viewer('admin', province, 'qt');
  const created = await createEvaluationPeriod({ viewer: admin, year: 2026, name: 'Đánh giá năm 2026', dueDate: '2026-12-15', template: { kind: 'preset', preset: 'mac-dinh' }, now: NOW });
  if (created.status !== 'ok') throw new Error(created.status);
  periodId = created.id;
});
afterEach(() => t.dispose());

const visitInput = (unitId: number, recommendations = 'Bổ sung ghế chờ\nNiêm yết đường dây nóng') =>
  RecordVisitSchema.parse({ unitId: String(unitId), periodId: String(periodId), visitedOn: '04/12/2026', findings: 'Đã kiểm tra bộ phận một cửa trong buổi sáng.', evidence: 'https://example.gov.vn/bien-ban', recommendations });

const count = (table: string) => t.conn.value<number>(`select count(*) from ${table}`).then(Number);

describe('default organisations', () => {
  it('are added once, and not again when the list has any', async () => {
    expect([...organisations.keys()]).toEqual(['Ủy ban MTTQ tỉnh', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Thanh tra tỉnh', 'HĐND tỉnh']);
    expect(await ensureDefaultOrganisations()).toBe(0);
    await withConn(({ db }) => db.delete(supervisorOrganisations).where(eq(supervisorOrganisations.name, 'HĐND tỉnh')));
    expect(await ensureDefaultOrganisations()).toBe(0);
  });
});

describe('supervision visits and recommendations', () => {
  it('a supervisor records a visit signed with their organisation; the head answers; the assessor reads both beside the sheet', async () => {
    const front = await viewer('supervisor', province, 'mttq', 'Ủy ban MTTQ tỉnh');
    const head = await viewer('office_head', office, 'tt');
    const assessor = await viewer('assessor', province, 'td');
    const recorded = await recordVisit(front, visitInput(office.id), NOW);
    expect(recorded.status).toBe('ok');
    const [visit] = await listVisits({ viewer: assessor });
    expect(visit).toMatchObject({ unitName: 'Trung tâm A', organisationName: 'Ủy ban MTTQ tỉnh', visitedOn: '2026-12-04', evidenceLinks: ['https://example.gov.vn/bien-ban'] });
    expect(visit!.recommendations.map((r) => [r.text, r.status])).toEqual([
      ['Bổ sung ghế chờ', 'open'],
      ['Niêm yết đường dây nóng', 'open'],
    ]);

    const [first, second] = visit!.recommendations;
    expect(await answer(head, { recommendationId: first!.id, answer: 'Đang mua ghế', done: false }, NOW)).toEqual({ status: 'ok' });
    expect(await answer(head, { recommendationId: second!.id, answer: 'Đã niêm yết', done: true }, NOW)).toEqual({ status: 'ok' });
    // Done is closed: a later answer is refused and changes nothing.
    expect(await answer(head, { recommendationId: second!.id, answer: 'Sửa lại', done: false }, NOW)).toEqual({ status: 'refused', message: REFUSALS.doneAlready });
    // Neither the supervisor nor the assessor answers.
    expect(await answer(front, { recommendationId: first!.id, answer: 'Không phải việc của tôi', done: true }, NOW)).toEqual({ status: 'not_found' });
    expect(await answer(assessor, { recommendationId: first!.id, answer: 'Không phải việc của tôi', done: true }, NOW)).toEqual({ status: 'not_found' });

    const oversight = await loadSheetOversight(assessor, { periodId, unitId: office.id, year: 2026 });
    expect(oversight.visits![0]!.recommendations.map((r) => [r.status, r.answer, r.answeredByName])).toEqual([
      ['answered', 'Đang mua ghế', 'Cán bộ tt'],
      ['done', 'Đã niêm yết', 'Cán bộ tt'],
    ]);
    const actions = await t.conn.all<{ action: string; unitId: number }>(`select action, unit_id as "unitId" from audit_log where entity_type in ('supervision_visit', 'recommendation') order by id`);
    expect(actions).toEqual([
      { action: 'supervision_visit.create', unitId: office.id },
      { action: 'recommendation.answer', unitId: office.id },
      { action: 'recommendation.done', unitId: office.id },
    ]);
  });

  it('refuses an office outside the supervisor’s scope, a supervisor without an organisation and a period of another province; nothing stored', async () => {
    const wardSupervisor = await viewer('supervisor', office, 'gs.a', 'Thanh tra tỉnh');
    expect(await recordVisit(wardSupervisor, visitInput(other.id), NOW)).toEqual({ status: 'refused', message: REFUSALS.officeOutOfScope, field: 'unitId' });
    const orphan = await viewer('supervisor', province, 'gs.none');
    expect(await recordVisit(orphan, visitInput(office.id), NOW)).toEqual({ status: 'refused', message: REFUSALS.noOrganisation });
    const elsewhere = await addUnit(null, 'province', 'Tỉnh Khác');
    const farOffice = await addUnit(elsewhere, 'office', 'Trung tâm Xa');
    const everywhere = await viewer('supervisor', elsewhere, 'gs.xa', 'HĐND tỉnh');
    expect(await recordVisit(everywhere, visitInput(farOffice.id), NOW)).toMatchObject({ status: 'refused', field: 'periodId' });
    // An office head or an assessor records nothing.
    expect(await recordVisit(await viewer('office_head', office, 'tt'), visitInput(office.id), NOW)).toEqual({ status: 'not_found' });
    expect(await count('supervision_visits')).toBe(0);
    expect(await count('recommendations')).toBe(0);
  });

  it('a head reads only their office’s visits and answers only their recommendations', async () => {
    const inspector = await viewer('supervisor', province, 'tt.tinh', 'Thanh tra tỉnh');
    await recordVisit(inspector, visitInput(office.id, 'Kiến nghị cho A'), NOW);
    await recordVisit(inspector, visitInput(other.id, 'Kiến nghị cho B'), NOW);
    const headA = await viewer('office_head', office, 'tt.a');
    const page = (await loadSupervisionPage(headA))!;
    expect(page.visits.map((v) => v.unitName)).toEqual(['Trung tâm A']);
    expect(page.mayAnswer).toBe(true);
    expect(page.mayRecord).toBe(false);
    const [ofB] = (await listVisits({ viewer: inspector, unitId: other.id }))[0]!.recommendations;
    expect(await answer(headA, { recommendationId: ofB!.id, answer: 'Trả lời hộ', done: true }, NOW)).toEqual({ status: 'not_found' });
  });
});

describe('integrity reports', () => {
  const rate = (answers: SubmittedAnswer[], over: Partial<Parameters<typeof storeRating>[0]> = {}) =>
    storeRating({
      ...testResponse({ unitId: office.id, questionSetVersionId: versionId, submittedAt: NOW }),
      answers: [{ questionKey: 'q1', score: 2, choice: null }, { questionKey: 'q2', score: 2, choice: null }, ...answers],
      comment: 'Cán bộ gợi ý nộp thêm phí “bồi dưỡng”',
      clientId: randomUUID(),
      rules: DEFAULT_ABUSE_RULES,
      ...over,
    });

  it('a "yes" on Q9 raises one report in the rating’s transaction; "no", other choices and flagged ratings raise none', async () => {
    const counter = await addCounter(office.id, 'Quầy 1');
    const yes = await rate([{ questionKey: 'q9', score: null, choice: 'yes' }], { counterId: counter });
    await rate([{ questionKey: 'q9', score: null, choice: 'no' }]);
    await rate([{ questionKey: 'q8', score: null, choice: 'three_plus' }]);
    await rate([{ questionKey: 'q9', score: null, choice: 'yes' }], { extraFlags: ['kiosk_burst'] });
    expect(yes.status).toBe('created');
    const rows = await t.conn.all<{ responseId: number; unitId: number; counterId: number; signals: string }>(
      'select response_id as "responseId", unit_id as "unitId", counter_id as "counterId", signals from integrity_reports',
    );
    expect(rows).toEqual([{ responseId: yes.status === 'created' ? yes.responseId : -1, unitId: office.id, counterId: counter, signals: 'q9=yes' }]);
  });

  it('a set whose stored version lacks the mark raises nothing', async () => {
    const unmarked = await addQuestionSet(withoutIntegrityMarks(DEFAULT_QUESTION_SET), false);
    await rate([{ questionKey: 'q9', score: null, choice: 'yes' }], { questionSetVersionId: unmarked });
    expect(await count('integrity_reports')).toBe(0);
  });

  it('reaches the head and the inspectorate, not the Front; only the inspectorate closes it, with a finding counted per office and year', async () => {
    const official = await addOfficial(office.id, 'Nguyễn Văn Bồi');
    const counter = await addCounter(office.id, 'Quầy 2');
    const stored = await rate([{ questionKey: 'q9', score: null, choice: 'yes' }], { counterId: counter, officialId: official });
    expect(stored.status).toBe('created');
    const head = await viewer('office_head', office, 'tt');
    const otherHead = await viewer('office_head', other, 'tt.b');
    const inspector = await viewer('supervisor', province, 'thanhtra', 'Thanh tra tỉnh');
    const front = await viewer('supervisor', province, 'mttq', 'Ủy ban MTTQ tỉnh');

    const headPage = (await loadIntegrityPage(head, 'open'))!;
    expect(headPage.mayClose).toBe(false);
    expect(headPage.reports).toMatchObject([{ unitName: 'Trung tâm A', counterName: 'Quầy 2', comment: 'Cán bộ gợi ý nộp thêm phí “bồi dưỡng”', signals: 'q9=yes', finding: null }]);
    expect((await loadIntegrityPage(otherHead, 'all'))!.reports).toEqual([]);
    expect(await loadIntegrityPage(front, 'all')).toBeNull();
    expect((await loadIntegrityPage(inspector, 'open'))!.mayClose).toBe(true);

    const reportId = headPage.reports[0]!.id;
    const close = { reportId, finding: 'upheld' as const, note: 'Đã xác minh: cán bộ đòi thêm phí.' };
    for (const who of [head, front, await viewer('assessor', province, 'td'), await viewer('admin', province, 'qt2')]) {
      expect(await closeReport(who, close, NOW)).toEqual({ status: 'refused', message: CLOSE_REFUSED });
    }
    expect((await listIntegrityReports({ viewer: head, status: 'open' })).length).toBe(1);
    expect(await t.conn.value('select count(*) from audit_log where action = ?', ['integrity_report.close'])).toBe(0);

    expect(await closeReport(inspector, close, NOW)).toEqual({ status: 'ok' });
    expect(await closeReport(inspector, { ...close, finding: 'not_upheld' }, NOW)).toMatchObject({ status: 'refused' });
    const [closed] = await listIntegrityReports({ viewer: head, status: 'closed' });
    expect(closed).toMatchObject({ finding: 'upheld', note: 'Đã xác minh: cán bộ đòi thêm phí.', closedByName: 'Cán bộ thanhtra', closedByOrganisation: 'Thanh tra tỉnh' });

    const year = vietnamYearBounds(2026);
    expect(await countIntegrityReports({ unitId: office.id, ...year })).toEqual({ open: 0, upheld: 1, notUpheld: 0 });
    expect(await countIntegrityReports({ unitId: office.id, ...vietnamYearBounds(2025) })).toEqual({ open: 0, upheld: 0, notUpheld: 0 });
    expect(await countUpheldReportsOfOfficials({ officialIds: [official], ...year })).toEqual(new Map([[official, 1]]));
    expect((await loadSheetOversight(head, { periodId, unitId: office.id, year: 2026 })).integrity.upheld).toBe(1);
  });

  it('is mailed once to each inspectorate supervisor with an e-mail whose scope holds the office', async () => {
    const sent: { to: string; subject: string; text: string }[] = [];
    const mailer: Mailer = { server: 'thử', send: async (to, mail) => void sent.push({ to, ...mail }) };
    const inspector = await viewer('supervisor', province, 'thanhtra', 'Thanh tra tỉnh');
    const front = await viewer('supervisor', province, 'mttq', 'Ủy ban MTTQ tỉnh');
    const head = await viewer('office_head', office, 'tt');
    for (const [v, email] of [
      [inspector, 'thanhtra@tinh.gov.vn'],
      [front, 'mttq@tinh.gov.vn'],
      [head, 'tt@tinh.gov.vn'],
    ] as const) {
      await withConn(({ db }) => db.update(users).set({ email }).where(eq(users.id, v.userId)));
    }
    const registeredAt = new Date(Date.now() - 60_000);
    expect(await sendIntegrityMails({ mailer, now: new Date(), registeredAt, baseUrl: 'https://hailong.example.vn' })).toBe('Không có phản ánh liêm chính mới.');
    await rate([{ questionKey: 'q9', score: null, choice: 'yes' }], { submittedAt: new Date(), receivedAt: new Date() });
    const summary = await sendIntegrityMails({ mailer, now: new Date(), registeredAt, baseUrl: 'https://hailong.example.vn' });
    expect(summary).toMatch(/^1 phản ánh liêm chính mới: đã gửi 1 thư/);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([['thanhtra@tinh.gov.vn', '[Hài Lòng] Phản ánh liêm chính mới tại Trung tâm A']]);
    expect(sent[0]!.text).toContain('https://hailong.example.vn/phan-anh-liem-chinh');
    expect(sent[0]!.text).toContain('bồi dưỡng');
    await sendIntegrityMails({ mailer, now: new Date(), registeredAt, baseUrl: 'https://hailong.example.vn' });
    expect(sent).toHaveLength(1);
    expect(await sendIntegrityMails({ mailer: null, now: new Date(), registeredAt, baseUrl: '' })).toMatch(/Chưa cấu hình/);
  });
});

describe('the default set’s integrity mark on an older database', () => {
  it('adds a marked version when the default set is exactly the old default, once; leaves an edited set alone', async () => {
    await t.conn.run('update question_sets set is_default = false');
    const setId = Number(await t.conn.value<number>("insert into question_sets (name, is_default) values ('Mặc định cũ', true) returning id"));
    await t.conn.run('insert into question_set_versions (question_set_id, version, definition) values (?, 1, ?)', [setId, JSON.stringify(withoutIntegrityMarks(DEFAULT_QUESTION_SET))]);
    expect(await markIntegrityInDefaultSet(NOW)).toBe(true);
    expect(await markIntegrityInDefaultSet(NOW)).toBe(false);
    const latest = await t.conn.get<{ version: number; definition: string | object }>('select version, definition from question_set_versions where question_set_id = ? order by version desc limit 1', [setId]);
    expect(latest!.version).toBe(2);
    expect(JSON.stringify(latest!.definition)).toContain('integrity');

    const editedId = Number(await t.conn.value<number>("insert into question_sets (name, is_default) values ('Đã sửa', false) returning id"));
    const edited = { ...withoutIntegrityMarks(DEFAULT_QUESTION_SET), commentMaxLength: 300 };
    await t.conn.run('insert into question_set_versions (question_set_id, version, definition) values (?, 1, ?)', [editedId, JSON.stringify(edited)]);
    await t.conn.run('update question_sets set is_default = false');
    await t.conn.run('update question_sets set is_default = true where id = ?', [editedId]);
    expect(await markIntegrityInDefaultSet(NOW)).toBe(false);
  });
});
