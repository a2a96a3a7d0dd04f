import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertAlert } from '@/db/queries/alerts';
import { users } from '@/db/schema';
import { withConn } from '@/db/store';
import { addTestViewer, openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addQuestionSet, addUnit, type UnitRef } from '@/db/testing-reading';
import { eq } from 'drizzle-orm';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { createMailer, type Mailer } from './mailer';
import { lastWeek, NOT_CONFIGURED, sendAlertMails, sendSelfAssessmentReminders, sendWeeklyDigests } from './mail-jobs';
import { storeRating } from './ratings';
import { startSmtpSink, type SmtpSink } from './testing-mail';

const BASE = 'https://hailong.example.vn';
// Saturday 5 December 2026, 10:00 in Hà Nội.
const NOW = new Date('2026-12-05T03:00:00Z');

let sink: SmtpSink;
let mailer: Mailer;
beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ configured: true, from: 'Hài Lòng <khong-tra-loi@hailong.example.vn>', server: 'sink', transport: { host: '127.0.0.1', port: sink.port, secure: false } })!;
});
afterAll(() => sink.close());

let t: TestStore;
let province: UnitRef;
let office: UnitRef;
let other: UnitRef;
beforeEach(async () => {
  t = await openTestStore();
  sink.messages.length = 0;
  province = await addUnit(null, 'province', 'Tỉnh Mẫu');
  office = await addUnit(province, 'office', 'Trung tâm Phục vụ hành chính công tỉnh');
  other = await addUnit(province, 'office', 'Trung tâm phường Hoa Lư');
});
afterEach(() => t.dispose());

async function head(scope: UnitRef, username: string, email: string | null) {
  const v = await addTestViewer('office_head', scope, username, `Thủ trưởng ${username}`);
  await withConn(({ db }) => db.update(users).set({ email }).where(eq(users.id, v.userId)));
  return v;
}

const received = () => sink.messages.map((m) => ({ to: m.to, subject: m.subject }));

describe('sendAlertMails', () => {
  it('sends nothing and says so without SMTP', async () => {
    expect(await sendAlertMails({ mailer: null, now: NOW, registeredAt: NOW, baseUrl: BASE })).toBe(NOT_CONFIGURED);
  });

  it('mails a new alert once to each head of its office, in Vietnamese; not older alerts, not other offices’ heads', async () => {
    await head(office, 'a', 'a@tthc.gov.vn');
    await head(province, 'b', 'b@tinh.gov.vn');
    await head(office, 'c', null);
    await head(other, 'd', 'd@hoalu.gov.vn');
    const registeredAt = new Date(NOW.getTime() - 3600_000);
    const burst = (at: number) => ({ start: at - 20 * 60_000, end: at, count: 3, triggeredAt: at });
    await insertAlert({ unitId: office.id, burst: burst(registeredAt.getTime() - 60_000), ruleCount: 3, ruleWindowMinutes: 60 });
    await insertAlert({ unitId: office.id, burst: burst(NOW.getTime() - 60_000), ruleCount: 3, ruleWindowMinutes: 60 });

    expect(await sendAlertMails({ mailer, now: NOW, registeredAt, baseUrl: BASE })).toBe('1 cảnh báo mới: đã gửi 2 thư');
    const subject = '[Hài Lòng] Cảnh báo: 3 đánh giá thấp tại Trung tâm Phục vụ hành chính công tỉnh';
    expect(received().sort((x, y) => x.to[0]!.localeCompare(y.to[0]!))).toEqual([
      { to: ['a@tthc.gov.vn'], subject },
      { to: ['b@tinh.gov.vn'], subject },
    ]);
    const toA = sink.messages.find((m) => m.to[0] === 'a@tthc.gov.vn')!;
    expect(toA.from).toBe('khong-tra-loi@hailong.example.vn');
    expect(toA.text).toContain('Kính gửi Ông/Bà Thủ trưởng a,');
    expect(toA.text).toContain('trong khoảng 05/12/2026 09:39 – 05/12/2026 09:59');
    expect(toA.text).toContain(`${BASE}/canh-bao`);

    expect(await sendAlertMails({ mailer, now: new Date(NOW.getTime() + 60_000), registeredAt, baseUrl: BASE })).toBe('Không có cảnh báo mới.');
    expect(sink.messages).toHaveLength(2);
  });

  it('fails when the server cannot be reached, records nothing, and the retry sends everything', async () => {
    await head(office, 'a', 'a@tthc.gov.vn');
    await insertAlert({ unitId: office.id, burst: { start: NOW.getTime() - 120_000, end: NOW.getTime() - 60_000, count: 3, triggeredAt: NOW.getTime() - 60_000 }, ruleCount: 3, ruleWindowMinutes: 60 });
    const closed = await closedPort();
    const broken = createMailer({ configured: true, from: 'x@y.vn', server: 'closed', transport: { host: '127.0.0.1', port: closed, secure: false } })!;
    await expect(sendAlertMails({ mailer: broken, now: NOW, registeredAt: new Date(0), baseUrl: BASE })).rejects.toThrow(/1 thư chưa gửi được .*Sẽ thử lại\./);
    expect(await t.conn.value<number>('select count(*) from mail_deliveries')).toBe(0);
    expect(await sendAlertMails({ mailer, now: NOW, registeredAt: new Date(0), baseUrl: BASE })).toBe('1 cảnh báo mới: đã gửi 1 thư');
    expect(received()).toEqual([{ to: ['a@tthc.gov.vn'], subject: expect.stringContaining('[Hài Lòng] Cảnh báo: 3 đánh giá thấp') }]);
  });
});

describe('sendWeeklyDigests', () => {
  it('sums up last week for each head, once', async () => {
    expect(lastWeek(NOW)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    await head(office, 'a', 'a@tthc.gov.vn');
    await head(province, 'b', 'b@tinh.gov.vn');
    const versionId = await addQuestionSet();
    const week = new Date('2026-11-25T03:00:00Z');
    for (const [unit, q2, comment] of [
      [office, 5, null],
      [office, 4, 'Cán bộ nhiệt tình'],
      [office, 2, null],
      [other, 5, null],
    ] as const) {
      await storeRating({ ...testResponse({ unitId: unit.id, questionSetVersionId: versionId, submittedAt: week, q2 }), comment, rules: DEFAULT_ABUSE_RULES });
    }
    // Outside the week: not counted.
    await storeRating({ ...testResponse({ unitId: office.id, questionSetVersionId: versionId, submittedAt: new Date('2026-12-01T03:00:00Z') }), rules: DEFAULT_ABUSE_RULES });

    expect(await sendWeeklyDigests({ mailer, now: NOW, baseUrl: BASE })).toBe('Tuần 2026-11-23 – 2026-11-29: đã gửi 2 thư tóm tắt cho 2 thủ trưởng có e-mail');
    const toA = sink.messages.find((m) => m.to[0] === 'a@tthc.gov.vn')!;
    expect(toA.subject).toBe('[Hài Lòng] Tóm tắt tuần 23/11/2026–29/11/2026: 3 lượt đánh giá');
    expect(toA.text).toContain('Tóm tắt tuần 23/11/2026–29/11/2026 của Trung tâm Phục vụ hành chính công tỉnh:');
    expect(toA.text).toContain('- Tỷ lệ hài lòng: chưa đủ dữ liệu');
    expect(toA.text).toContain('- Góp ý trong tuần: 1 (chưa xử lý: 1)');
    expect(toA.text).toContain(`${BASE}/tong-quan`);
    const toB = sink.messages.find((m) => m.to[0] === 'b@tinh.gov.vn')!;
    expect(toB.subject).toBe('[Hài Lòng] Tóm tắt tuần 23/11/2026–29/11/2026: 4 lượt đánh giá');
    expect(toB.text).toContain('  - Trung tâm phường Hoa Lư: 1 lượt, tỷ lệ hài lòng chưa đủ dữ liệu');

    expect(await sendWeeklyDigests({ mailer, now: new Date(NOW.getTime() + 3600_000), baseUrl: BASE })).toContain('đã gửi 0 thư');
    expect(sink.messages).toHaveLength(2);
  });
});

describe('sendSelfAssessmentReminders', () => {
  it('reminds the heads of offices that have not self-assessed, once per step', async () => {
    await head(office, 'a', 'a@tthc.gov.vn');
    await head(other, 'd', 'd@hoalu.gov.vn');
    await head(province, 'b', 'b@tinh.gov.vn');
    const periodId = await t.conn.value<number>(
      "insert into evaluation_periods (year, name, unit_id, due_date, rubric, updated_at) values (2026, 'Đánh giá năm 2026', ?, '2026-12-10', '{}', ?) returning id",
      [province.id, NOW.getTime()],
    );
    await t.conn.run("insert into evaluation_sheets (period_id, unit_id, status, updated_at) values (?, ?, 'self_assessed', ?)", [periodId, other.id, NOW.getTime()]);

    // 5 days left: the 7-day reminder.
    expect(await sendSelfAssessmentReminders({ mailer, now: NOW, baseUrl: BASE })).toBe('1 đơn vị chưa tự đánh giá: đã gửi 2 thư nhắc');
    expect(received().map((r) => r.to[0]).sort()).toEqual(['a@tthc.gov.vn', 'b@tinh.gov.vn']);
    const toA = sink.messages.find((m) => m.to[0] === 'a@tthc.gov.vn')!;
    expect(toA.subject).toBe('[Hài Lòng] Còn 5 ngày đến hạn tự đánh giá: Đánh giá năm 2026');
    expect(toA.text).toContain('Còn 5 ngày nữa (ngày 10/12/2026) là hạn tự đánh giá của Đánh giá năm 2026. Đơn vị sau chưa gửi tự đánh giá:\n  - Trung tâm Phục vụ hành chính công tỉnh');
    expect(toA.text).toContain(`${BASE}/danh-gia/${periodId}`);

    // The next day (4 left): the same step, nothing new. Two days later (3 left): the 3-day reminder.
    expect(await sendSelfAssessmentReminders({ mailer, now: new Date(NOW.getTime() + 86_400_000), baseUrl: BASE })).toContain('đã gửi 0 thư');
    expect(await sendSelfAssessmentReminders({ mailer, now: new Date(NOW.getTime() + 2 * 86_400_000), baseUrl: BASE })).toContain('đã gửi 2 thư');
    expect(sink.messages.at(-1)!.subject).toBe('[Hài Lòng] Còn 3 ngày đến hạn tự đánh giá: Đánh giá năm 2026');
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
