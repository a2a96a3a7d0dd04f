import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listOpenKioskOutages } from '@/db/queries/kiosk-outages';
import { getJobState } from '@/db/queries/jobs';
import { kioskOutages, kiosks, units, users } from '@/db/schema';
import { withConn } from '@/db/store';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import { addTestUnit } from '@/db/testing-ratings';
import { WEEKDAYS } from '@/lib/opening-hours';
import { APP_JOBS } from './jobs';
import { checkKioskOutages } from './kiosk-outages';
import { createMailer, type Mailer } from './mailer';
import { NOT_CONFIGURED } from './mail-jobs';
import { Scheduler } from './scheduler';
import { loadStaffHome } from './staff-home';
import { startSmtpSink, type SmtpSink } from './testing-mail';

const BASE = 'https://hailong.example.vn';
// Saturday 5 December 2026, 10:00 in Hà Nội.
const NOW = new Date('2026-12-05T03:00:00Z');
const MIN = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let sink: SmtpSink;
let mailer: Mailer;
beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ configured: true, from: 'Hài Lòng <khong-tra-loi@hailong.example.vn>', server: 'sink', transport: { host: '127.0.0.1', port: sink.port, secure: false } })!;
});
afterAll(() => sink.close());

let t: TestStore;
let province: { id: number; path: string };
let office: { id: number; path: string };
beforeEach(async () => {
  t = await openTestStore();
  sink.messages.length = 0;
  province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  office = await addTestUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A' });
  // Open every hour of every day, so "looks unplugged" does not depend on the test's weekday.
  await t.conn.db
    .update(units)
    .set({ openingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, ['00:00-24:00']])) })
    .where(eq(units.id, province.id));
});
afterEach(() => t.dispose());

/** A paired kiosk last heard from at `lastSeen`. */
async function addKiosk(name: string, lastSeen: Date): Promise<number> {
  const paired = ago(30 * 24 * 60 * MIN);
  const [row] = await t.conn.db
    .insert(kiosks)
    .values({ unitId: office.id, name, credentialHash: `hash-${name}`, pairedAt: paired, firstPairedAt: paired, lastSeenAt: lastSeen, createdAt: paired })
    .returning({ id: kiosks.id });
  return row!.id;
}

async function headWithEmail(username: string, email: string) {
  const v = await addTestViewer('office_head', office, username, `Thủ trưởng ${username}`);
  await withConn(({ db }) => db.update(users).set({ email }).where(eq(users.id, v.userId)));
  return v;
}

const run = (now: Date, m: Mailer | null = mailer) => checkKioskOutages({ mailer: m, now, registeredAt: ago(60 * MIN), baseUrl: BASE });

describe('the kiosks.unplugged job', () => {
  it('opens an outage for a kiosk silent during opening hours, mails the office heads once, and ends it when the kiosk is back', async () => {
    await headWithEmail('head.a', 'a@vp.gov.vn');
    const silent = await addKiosk('Kiosk sảnh', ago(45 * MIN));
    await addKiosk('Kiosk quầy', ago(5 * MIN));

    expect(await run(NOW)).toBe('1 kiosk đang mất liên lạc trong giờ làm việc (mới phát hiện 1, đã hoạt động lại 0). Đã gửi 1 thư báo kiosk mất liên lạc.');
    expect(await listOpenKioskOutages()).toEqual([{ id: expect.any(Number), kioskId: silent, silentSince: ago(45 * MIN), detectedAt: NOW }]);
    expect(sink.messages.map((m) => ({ to: m.to, subject: m.subject }))).toEqual([
      { to: ['a@vp.gov.vn'], subject: '[Hài Lòng] Kiosk "Kiosk sảnh" tại Văn phòng A có vẻ đã tắt hoặc mất kết nối' },
    ]);

    // Ten minutes later, still silent: the same outage, no second e-mail.
    const later = new Date(NOW.getTime() + 10 * MIN);
    expect(await run(later)).toBe('1 kiosk đang mất liên lạc trong giờ làm việc.');
    expect(sink.messages).toHaveLength(1);

    // The staff home says since when the system knows.
    const head = await addTestViewer('office_head', office, 'head.b', 'Thủ trưởng B');
    const home = await loadStaffHome(head, later);
    expect(home.kiosks?.unplugged).toEqual([expect.objectContaining({ name: 'Kiosk sảnh', outage: { silentSince: ago(45 * MIN), detectedAt: NOW } })]);

    // The tablet calls again: the outage ends.
    await t.conn.db.update(kiosks).set({ lastSeenAt: new Date(later.getTime() + MIN) }).where(eq(kiosks.id, silent));
    expect(await run(new Date(later.getTime() + 2 * MIN))).toBe('0 kiosk đang mất liên lạc trong giờ làm việc (mới phát hiện 0, đã hoạt động lại 1).');
    expect(await listOpenKioskOutages()).toEqual([]);
    const [ended] = await t.conn.db.select().from(kioskOutages);
    expect(ended!.endedAt).toEqual(new Date(later.getTime() + 2 * MIN));
  });

  it('without e-mail it records the outage and says e-mail is not configured', async () => {
    await addKiosk('Kiosk sảnh', ago(45 * MIN));
    expect(await run(NOW, null)).toBe(`1 kiosk đang mất liên lạc trong giờ làm việc (mới phát hiện 1, đã hoạt động lại 0). ${NOT_CONFIGURED}`);
    expect(await listOpenKioskOutages()).toHaveLength(1);
  });

  it('with two servers ticking at the same moment, the job runs once: one outage, one e-mail', async () => {
    await headWithEmail('head.a', 'a@vp.gov.vn');
    await addKiosk('Kiosk sảnh', ago(45 * MIN));
    // The app's own job definition, with the test's mailer (the app's reads SMTP from the environment).
    const job = { ...APP_JOBS.find((j) => j.name === 'kiosks.unplugged')!, run: ({ now }: { now: Date }) => run(now) };
    const clock = () => NOW;
    const servers = [new Scheduler([job], clock, 'server-a'), new Scheduler([job], clock, 'server-b')];
    for (const s of servers) await s.register();
    const results = (await Promise.all(servers.map((s) => s.tick()))).flat();
    expect(results.filter((r) => r.status === 'ran')).toHaveLength(1);
    expect(await listOpenKioskOutages()).toHaveLength(1);
    expect(sink.messages).toHaveLength(1);
    expect(await getJobState({ name: 'kiosks.unplugged' })).toMatchObject({ lastOutcome: 'ok', lastSuccessAt: NOW, nextRunAt: new Date(NOW.getTime() + 10 * MIN) });
  });
});
