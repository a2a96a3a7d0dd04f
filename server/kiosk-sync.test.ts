import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCounter, addDefaultQuestionSet, addUnit, type UnitRef } from '@/db/queries/kiosk-test-fixtures';
import { createKiosk, getKiosk, getKioskByCredential, repairKiosk, revokeKiosk, type KioskIdentity } from '@/db/queries/kiosks';
import { units } from '@/db/schema';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import type { Viewer } from '@/lib/auth/roles';
import type { KioskRating } from '@/lib/kiosk/batch';
import { PAIRING_THROTTLE } from '@/lib/kiosk/pairing';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { admitKioskBatch, pairTablet, storeKioskBatch } from './kiosk-sync';

let t: TestStore;
let versionId: number;
let province: UnitRef;
let officeA: UnitRef;
let counterA: number;
let admin: Viewer;
let headA: Viewer;

const T0 = new Date('2026-11-23T02:00:00Z'); // Monday 9:00 in Việt Nam
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const NET = 'n'.repeat(32);
/** Local Vietnamese time. 2026-11-23 is a Monday. */
const vn = (iso: string) => new Date(`${iso}+07:00`);

const count = async (sql: string, params: unknown[] = []) => Number(await t.conn.value<number>(sql, params));

async function newKiosk(now = at(0), counterId: number | null = counterA) {
  const r = await createKiosk({ viewer: headA, unitId: officeA.id, counterId, name: 'Kiosk sảnh', idleSeconds: 30, now });
  if (r.status !== 'created') throw new Error(r.status);
  return r;
}

async function pairedKiosk(now = at(0)) {
  const { kiosk, pairing } = await newKiosk(now);
  const paired = await pairTablet({ code: pairing.code, networkHash: NET, now });
  if (paired.status !== 'paired') throw new Error(paired.status);
  const identity = (await getKioskByCredential({ credential: paired.credential }))!;
  return { kiosk, credential: paired.credential, identity };
}

beforeEach(async () => {
  t = await openTestStore();
  versionId = await addDefaultQuestionSet(t, DEFAULT_QUESTION_SET);
  province = await addUnit(t, { parent: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await addUnit(t, { parent: province, kind: 'office', name: 'Văn phòng A', rateable: true });
  counterA = await addCounter(t, { unitId: officeA.id, name: 'Quầy 1' });
  admin = await addTestViewer('admin', province, 'admin');
  headA = await addTestViewer('office_head', officeA, 'head.a');
});
afterEach(() => t.dispose());

describe('pairing a tablet', () => {
  it('exchanges the code once, audited', async () => {
    const { kiosk, pairing } = await newKiosk();
    const r = await pairTablet({ code: `${pairing.code.slice(0, 4).toLowerCase()} ${pairing.code.slice(4)}`, networkHash: NET, now: at(1) });
    expect(r).toMatchObject({ status: 'paired', kioskId: kiosk.id });
    expect(r.status === 'paired' && r.credential).toMatch(new RegExp(`^${kiosk.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(await pairTablet({ code: pairing.code, networkHash: NET, now: at(2) })).toEqual({ status: 'bad_code' });
    expect(await count("select count(*) from audit_log where action = 'kiosk.pair'")).toBe(1);
  });

  it('refuses an expired code and an unknown one, and records the failures', async () => {
    const { pairing } = await newKiosk();
    expect(await pairTablet({ code: pairing.code, networkHash: NET, now: at(15) })).toEqual({ status: 'bad_code' });
    expect(await pairTablet({ code: 'ZZZZ ZZZZ', networkHash: NET, now: at(1) })).toEqual({ status: 'bad_code' });
    expect(await pairTablet({ code: 'hello', networkHash: NET, now: at(1) })).toEqual({ status: 'bad_code' });
    // One network, one 15-minute window: one audit row per unit concerned (the expired code's office, or none
    // for unknown codes) counting its failures, so each office's administrators count only their own.
    expect(
      await t.conn.all(`select count, after, case when unit_id is not null then 1 else 0 end as "hasUnit" from audit_log where action = 'kiosk.pair_failed' order by id`),
    ).toEqual([
      { count: 1, after: JSON.stringify({ reason: 'expired' }), hasUnit: 1 },
      { count: 2, after: JSON.stringify({ reason: 'unknown' }), hasUnit: 0 },
    ]);
    expect(await count("select count(*) from throttle_events where scope = 'kiosk_pair' and key = ?", [NET])).toBe(3);
  });

  it('30 failures from one network write one audit row with count 30, not 30 rows', async () => {
    for (let i = 0; i < 30; i++) await pairTablet({ code: 'ZZZZZZZZ', networkHash: NET, now: new Date(at(0).getTime() + i * 20_000) });
    expect(await t.conn.all(`select count, network_hash as "n", actor_id as "actor" from audit_log where action = 'kiosk.pair_failed'`)).toEqual([{ count: 30, n: NET, actor: null }]);
  });

  it('counts failures in throttle_events, not in the audit log (an aggregated audit row does not hide failures)', async () => {
    const { pairing } = await newKiosk();
    for (let i = 0; i < PAIRING_THROTTLE.failures; i++) await pairTablet({ code: 'ZZZZZZZZ', networkHash: NET, now: at(1) });
    expect(await count("select count(*) from audit_log where action = 'kiosk.pair_failed'")).toBe(1);
    expect(await pairTablet({ code: pairing.code, networkHash: NET, now: at(2) })).toEqual({ status: 'throttled' });
  });

  it('throttles a network after 10 failures in 15 minutes, even with the right code', async () => {
    const { pairing } = await newKiosk();
    for (let i = 0; i < PAIRING_THROTTLE.failures; i++) expect(await pairTablet({ code: 'ZZZZZZZZ', networkHash: NET, now: at(1) })).toEqual({ status: 'bad_code' });
    expect(await pairTablet({ code: pairing.code, networkHash: NET, now: at(2) })).toEqual({ status: 'throttled' });
    // another network is not affected; the same one again after the window
    expect(await pairTablet({ code: 'ZZZZZZZZ', networkHash: 'm'.repeat(32), now: at(2) })).toEqual({ status: 'bad_code' });
    expect(await pairTablet({ code: pairing.code, networkHash: NET, now: at(14) })).toEqual({ status: 'throttled' });
    const later = (await newKiosk(at(10), null)).pairing;
    expect(await pairTablet({ code: later.code, networkHash: NET, now: at(16) })).toMatchObject({ status: 'paired' });
  });

  it('wrong codes sent at once from one network (two app servers): exactly 10 are counted, the rest throttled', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, () => pairTablet({ code: 'ZZZZZZZZ', networkHash: NET, now: at(1) })));
    expect(results.filter((r) => r.status === 'bad_code')).toHaveLength(PAIRING_THROTTLE.failures);
    expect(results.filter((r) => r.status === 'throttled')).toHaveLength(16 - PAIRING_THROTTLE.failures);
    expect(await count("select count(*) from throttle_events where scope = 'kiosk_pair'")).toBe(PAIRING_THROTTLE.failures);
  });

  it('one code typed on two tablets at once: exactly one is paired', async () => {
    const { kiosk, pairing } = await newKiosk();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => pairTablet({ code: pairing.code, networkHash: `${i}`.repeat(32), now: at(1) })));
    expect(results.filter((r) => r.status === 'paired')).toEqual([expect.objectContaining({ kioskId: kiosk.id })]);
    expect(results.filter((r) => r.status === 'bad_code')).toHaveLength(5);
    expect(await count("select count(*) from audit_log where action = 'kiosk.pair'")).toBe(1);
  });
});

describe('the batch rate limit', () => {
  it('allows 30 batch requests a minute per kiosk, then answers how long to wait', async () => {
    const { kiosk } = await pairedKiosk();
    for (let i = 0; i < 30; i++) expect(await admitKioskBatch({ kioskId: kiosk.id, now: new Date(at(0).getTime() + i * 1000) })).toEqual({ allowed: true });
    expect(await admitKioskBatch({ kioskId: kiosk.id, now: at(0.5) })).toEqual({ allowed: false, retryAfterS: 30 });
    expect(await admitKioskBatch({ kioskId: kiosk.id, now: at(0.75) })).toEqual({ allowed: false, retryAfterS: 15 });
    // refused requests are not counted: once the first leaves the window, one more is allowed
    expect(await admitKioskBatch({ kioskId: kiosk.id, now: new Date(at(1).getTime() + 1) })).toEqual({ allowed: true });
    // another kiosk has its own budget
    const second = (await pairedKiosk()).kiosk;
    expect(await admitKioskBatch({ kioskId: second.id, now: at(0.5) })).toEqual({ allowed: true });
  });

  it('requests of one kiosk reaching two app servers at once are counted one after the other', async () => {
    const { kiosk } = await pairedKiosk();
    const decisions = await Promise.all(Array.from({ length: 45 }, (_, i) => admitKioskBatch({ kioskId: kiosk.id, now: new Date(at(0).getTime() + i) })));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(30);
    expect(await count("select count(*) from throttle_events where scope = 'kiosk_batch'")).toBe(30);
  });

  it('honours KIOSK_BATCHES_PER_MINUTE', async () => {
    const { kiosk } = await pairedKiosk();
    const decisions = await Promise.all(Array.from({ length: 8 }, () => admitKioskBatch({ kioskId: kiosk.id, now: at(0), perMinute: 5 })));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });
});

describe('storing a batch', () => {
  const rating = (minutes: number, over: Partial<KioskRating> = {}): KioskRating => ({
    clientId: randomUUID(),
    tappedAt: at(minutes).getTime(),
    questionSetVersionId: versionId,
    answers: [{ questionKey: 'q2', score: 5 }],
    reasons: [],
    reasonsKey: over.reasons?.length ? 'q10' : null,
    comment: null,
    lang: 'vi',
    ...over,
  });
  const store = (identity: KioskIdentity, ratings: KioskRating[], now = at(60), dailyLimit?: number) =>
    storeKioskBatch({ kiosk: identity, ratings, appVersion: '1.2.3', queued: ratings.length, now, dailyLimit });

  it('stores ratings with the tap time, the kiosk, office and counter, reasons as choices; a retry stores nothing twice', async () => {
    const { kiosk, identity } = await pairedKiosk();
    const low = rating(1, { answers: [{ questionKey: 'q1', score: 3 }, { questionKey: 'q2', score: 2 }], reasons: ['waiting', 'late'], comment: 'Chờ lâu', lang: 'en' });
    const batch = [rating(0), low];
    expect(await store(identity, batch)).toEqual({ status: 'ok', stored: batch.map((r) => r.clientId), duplicates: [], flagged: [] });
    const rows = await t.conn.all(
      `select client_id as "clientId", channel, kiosk_id as "kioskId", unit_id as "unitId", counter_id as "counterId", submitted_at as "s", received_at as "r", lang, comment,
        receipt_code as "receipt", device_hash as "d", network_hash as "n", flags from responses order by submitted_at`,
    );
    expect(rows).toEqual([
      { clientId: batch[0]!.clientId, channel: 'kiosk', kioskId: kiosk.id, unitId: officeA.id, counterId: counterA, s: at(0).getTime(), r: at(60).getTime(), lang: 'vi', comment: null, receipt: null, d: null, n: null, flags: null },
      { clientId: low.clientId, channel: 'kiosk', kioskId: kiosk.id, unitId: officeA.id, counterId: counterA, s: at(1).getTime(), r: at(60).getTime(), lang: 'en', comment: 'Chờ lâu', receipt: expect.stringMatching(/^[A-Z0-9]{8}$/), d: null, n: null, flags: null },
    ]);
    expect(
      await t.conn.all('select a.question_key as "k", a.score, a.choice from answers a join responses r on r.id = a.response_id where r.client_id = ? order by a.id', [low.clientId]),
    ).toEqual([
      { k: 'q1', score: 3, choice: null },
      { k: 'q2', score: 2, choice: null },
      { k: 'q10', score: null, choice: 'waiting' },
      { k: 'q10', score: null, choice: 'late' },
    ]);
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ lastSeenAt: at(60), appVersion: '1.2.3', queuedCount: 2 });

    expect(await store(identity, batch, at(61))).toEqual({ status: 'ok', stored: [], duplicates: batch.map((r) => r.clientId), flagged: [] });
    expect(await count('select count(*) from responses')).toBe(2);
  });

  it('is not limited like a citizen’s phone: 20 ratings well spread are all counted', async () => {
    const { identity } = await pairedKiosk();
    const batch = Array.from({ length: 20 }, (_, i) => rating(i));
    expect(await store(identity, batch)).toMatchObject({ stored: batch.map((r) => r.clientId), flagged: [] });
    expect(await count('select count(*) from responses where excluded = false')).toBe(20);
  });

  it('flags the ratings beyond 12 within 2 minutes, across batches', async () => {
    const { identity } = await pairedKiosk();
    const first = Array.from({ length: 10 }, (_, i) => rating(i * 0.05));
    expect((await store(identity, first)).status).toBe('ok');
    const second = Array.from({ length: 5 }, (_, i) => rating(0.5 + i * 0.05));
    expect(await store(identity, second)).toMatchObject({ status: 'ok', stored: second.map((x) => x.clientId), flagged: second.slice(2).map((x) => x.clientId) });
    expect(await count("select count(*) from responses where flags = 'kiosk_burst' and excluded = true")).toBe(3);
  });

  it('stores nothing for a kiosk revoked or re-paired since it was authenticated', async () => {
    const { kiosk, identity } = await pairedKiosk();
    await revokeKiosk({ viewer: headA, kioskId: kiosk.id });
    expect(await store(identity, [rating(0)])).toEqual({ status: 'unpaired' });
    const again = await pairedKiosk();
    await repairKiosk({ viewer: headA, kioskId: again.kiosk.id });
    expect(await store(again.identity, [rating(0)])).toEqual({ status: 'unpaired' });
    expect(await count('select count(*) from responses')).toBe(0);
  });

  it('a reason the set marks as an integrity signal raises a report with the rating (docs/decisions/028); other reasons none', async () => {
    const { identity } = await pairedKiosk();
    const marked = await addDefaultQuestionSet(t, {
      ...DEFAULT_QUESTION_SET,
      questions: DEFAULT_QUESTION_SET.questions.map((q) =>
        q.kind === 'choice' && q.key === 'q10' ? { ...q, options: q.options.map((o) => (o.value === 'extra_papers' ? { ...o, integrity: true } : o)) } : q,
      ),
    });
    const answers = [{ questionKey: 'q2', score: 2 }];
    const signalled = rating(1, { questionSetVersionId: marked, answers, reasons: ['extra_papers', 'waiting'] });
    const other = rating(2, { questionSetVersionId: marked, answers, reasons: ['waiting'] });
    expect(await store(identity, [signalled, other])).toMatchObject({ status: 'ok', flagged: [] });
    expect(await t.conn.all('select r.client_id as "clientId", i.signals from integrity_reports i join responses r on r.id = i.response_id')).toEqual([
      { clientId: signalled.clientId, signals: 'q10=extra_papers' },
    ]);
  });

  it('stores the whole batch or nothing', async () => {
    const { identity } = await pairedKiosk();
    await expect(
      storeKioskBatch({ kiosk: identity, ratings: [rating(0), rating(1, { questionSetVersionId: 9999 })], appVersion: '1', queued: 2, now: at(60) }),
    ).rejects.toThrow();
    expect(await count('select count(*) from responses')).toBe(0);
  });

  it('two batches of one kiosk at once (two app servers) count each other for the daily cap and the burst rule', async () => {
    const { identity } = await pairedKiosk(vn('2026-11-20T08:00:00'));
    const day = (i: number) => new Date(vn('2026-11-23T08:00:00').getTime() + i * 10 * MIN);
    const batches = [0, 1, 2].map((b) => [0, 1, 2].map((i) => rating(0, { tappedAt: day(b * 3 + i).getTime() })));
    const results = await Promise.all(batches.map((ratings) => store(identity, ratings, vn('2026-11-23T12:00:00'), 4)));
    expect(results.flatMap((r) => (r.status === 'ok' ? r.stored : []))).toHaveLength(9);
    // Whatever the order, exactly the ratings beyond the fourth of the day are flagged.
    expect(results.flatMap((r) => (r.status === 'ok' ? r.flagged : []))).toHaveLength(5);
    expect(await count("select count(*) from responses where flags = 'kiosk_daily_cap'")).toBe(5);

    // 3 × 5 taps at one instant: 12 count, 3 are a burst. The same instant in every batch makes the
    // result the same in whichever order they land (a stored tap later than a new one does not count against it).
    const burst = [0, 1, 2].map(() => Array.from({ length: 5 }, () => rating(0, { tappedAt: vn('2026-11-24T09:00:00').getTime() })));
    await Promise.all(burst.map((ratings) => store(identity, ratings, vn('2026-11-24T09:30:00'))));
    expect(await count("select count(*) from responses where flags = 'kiosk_burst'")).toBe(3);
  });
});

describe('the limits on a kiosk credential (outside hours, daily cap)', () => {
  const rating = (when: Date, over: Partial<KioskRating> = {}): KioskRating => ({
    clientId: randomUUID(),
    tappedAt: when.getTime(),
    questionSetVersionId: versionId,
    answers: [{ questionKey: 'q2', score: 5 }],
    reasons: [],
    reasonsKey: null,
    comment: null,
    lang: 'vi',
    ...over,
  });
  const store = (identity: KioskIdentity, ratings: KioskRating[], now: Date, dailyLimit?: number) =>
    storeKioskBatch({ kiosk: identity, ratings, appVersion: '1', queued: 0, now, dailyLimit });
  const flags = () => t.conn.all<{ flags: string | null; excluded: number }>('select flags, excluded from responses order by submitted_at, id');

  it('stores a rating tapped at night or on Sunday, flagged outside_hours and excluded', async () => {
    const { identity } = await pairedKiosk(vn('2026-11-20T08:00:00'));
    const r = await store(identity, [rating(vn('2026-11-23T09:00:00')), rating(vn('2026-11-23T03:00:00')), rating(vn('2026-11-22T10:00:00'))], vn('2026-11-23T10:00:00'));
    expect(r).toMatchObject({ status: 'ok', flagged: [expect.any(String), expect.any(String)] });
    expect(r.status === 'ok' && r.stored).toHaveLength(3);
    expect(await flags()).toEqual([
      { flags: 'outside_hours', excluded: 1 },
      { flags: 'outside_hours', excluded: 1 },
      { flags: null, excluded: 0 },
    ]);
  });

  it('uses the office’s own hours, else the nearest ancestor’s (one query, at authentication)', async () => {
    const { credential, identity } = await pairedKiosk(vn('2026-11-20T08:00:00'));
    expect(identity.openingHours.sat).toEqual(['07:00-11:30']); // the default
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await t.conn.db.update(units).set({ openingHours: { ...closed, sun: ['08:00-12:00'] } }).where(eq(units.id, province.id));
    const inherited = (await getKioskByCredential({ credential }))!;
    expect(inherited.openingHours).toEqual({ ...closed, sun: ['08:00-12:00'] });
    await store(inherited, [rating(vn('2026-11-22T10:00:00')), rating(vn('2026-11-23T09:00:00'))], vn('2026-11-23T10:00:00'));
    expect(await flags()).toEqual([
      { flags: null, excluded: 0 }, // Sunday morning: open by the province's hours
      { flags: 'outside_hours', excluded: 1 }, // Monday: closed by them
    ]);
    await t.conn.db.update(units).set({ openingHours: { ...closed, mon: ['07:00-17:00'] } }).where(eq(units.id, officeA.id));
    expect((await getKioskByCredential({ credential }))!.openingHours.mon).toEqual(['07:00-17:00']);
  });

  it('flags ratings beyond the daily number per kiosk (Vietnamese calendar day, by tap time), across batches', async () => {
    const { identity } = await pairedKiosk(vn('2026-11-20T08:00:00'));
    const day = (i: number) => new Date(vn('2026-11-23T08:00:00').getTime() + i * 10 * MIN);
    expect(await store(identity, [0, 1, 2].map((i) => rating(day(i))), vn('2026-11-23T12:00:00'), 4)).toMatchObject({ flagged: [] });
    const second = [3, 4, 5].map((i) => rating(day(i)));
    expect(await store(identity, second, vn('2026-11-23T12:00:00'), 4)).toMatchObject({ flagged: [second[1]!.clientId, second[2]!.clientId] });
    // the next day starts again
    const tuesday = rating(vn('2026-11-24T08:00:00'));
    expect(await store(identity, [tuesday], vn('2026-11-24T09:00:00'), 4)).toMatchObject({ stored: [tuesday.clientId], flagged: [] });
    expect(await count("select count(*) from responses where flags = 'kiosk_daily_cap' and excluded = true")).toBe(2);
  });

  it('the default daily number is 600', async () => {
    const { identity } = await pairedKiosk(vn('2026-11-20T08:00:00'));
    const start = vn('2026-11-23T07:00:00').getTime();
    // 601 ratings 50 s apart (no burst) within the day's hours.
    const all = Array.from({ length: 601 }, (_, i) => rating(new Date(start + i * 50_000)));
    await store(identity, all.slice(0, 400), vn('2026-11-23T17:00:00'));
    expect(await store(identity, all.slice(400), vn('2026-11-23T17:00:00'))).toMatchObject({ flagged: [all[600]!.clientId] });
  });
});

it('admin sees a revoked kiosk as such after a batch was refused', async () => {
  const { kiosk, identity } = await pairedKiosk();
  await revokeKiosk({ viewer: admin, kioskId: kiosk.id });
  expect(await storeKioskBatch({ kiosk: identity, ratings: [], appVersion: '1', queued: 0 })).toEqual({ status: 'unpaired' });
  expect(await getKiosk({ viewer: admin, kioskId: kiosk.id })).toMatchObject({ paired: false });
});
