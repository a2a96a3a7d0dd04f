import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@/lib/auth/roles';
import type { KioskRating } from '@/lib/kiosk/batch';
import { PAIRING_THROTTLE, PAIRING_TTL_MS } from '@/lib/kiosk/pairing';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { openDb } from '../client';
import { openTestDb } from '../testing';
import {
  createKiosk,
  getKiosk,
  getKioskByCredential,
  listKioskOffices,
  listKiosks,
  pairKiosk,
  recordKioskBatchRequest,
  recordKioskContact,
  repairKiosk,
  revokeKiosk,
  storeKioskBatch,
  updateKiosk,
  type KioskIdentity,
} from './kiosks';
import { createQuestionSet } from './question-sets';
import { setUnitOpeningHours } from './unit-admin';
import { createCounter, createUnit } from './units';
import { createUser } from './users';

let db: ReturnType<typeof openTestDb>;
let versionId: number;
let province: { id: number; path: string };
let officeA: { id: number; path: string };
let officeB: { id: number; path: string };
let counterA: number;
let counterB: number;
let admin: Viewer;
let headA: Viewer;
let headB: Viewer;

const T0 = new Date('2026-11-23T02:00:00Z'); // Monday 9:00 in Việt Nam
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const NET = 'n'.repeat(32);

function viewerFor(role: Role, scope: { id: number; path: string }, username: string): Viewer {
  const user = createUser(db, {
    user: { username, email: null, displayName: `Người ${username}`, passwordHash: 'x', role, scopeUnitId: scope.id, mustChangePassword: false },
    actorId: null,
  });
  return { userId: user.id, role, displayName: `Người ${username}`, scopeUnitId: scope.id, scopePath: scope.path, scopeName: '', mustChangePassword: false };
}

const audit = (action: string) =>
  (db.$client.prepare('select actor_id as actorId, entity_id as entityId, before, after from audit_log where action = ? order by id').all(action) as {
    actorId: number | null;
    entityId: string;
    before: string | null;
    after: string | null;
  }[]).map((a) => ({ ...a, before: a.before && JSON.parse(a.before), after: a.after && JSON.parse(a.after) }));

function newKiosk(viewer = headA, unitId = officeA.id, counterId: number | null = counterA, now = at(0)) {
  const r = createKiosk(db, { viewer, unitId, counterId, name: 'Kiosk sảnh', idleSeconds: 30, now });
  if (r.status !== 'created') throw new Error(r.status);
  return r;
}

function pairedKiosk(now = at(0)) {
  const { kiosk, pairing } = newKiosk(headA, officeA.id, counterA, now);
  const paired = pairKiosk(db, { code: pairing.code, networkHash: NET, now });
  if (paired.status !== 'paired') throw new Error(paired.status);
  const identity = getKioskByCredential(db, { credential: paired.credential })!;
  return { kiosk, credential: paired.credential, identity };
}

beforeEach(async () => {
  db = openTestDb();
  versionId = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET }).version.id;
  province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A', rateable: true });
  officeB = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B', rateable: true });
  counterA = (await createCounter({ unitId: officeA.id, name: 'Quầy 1' })).id;
  counterB = (await createCounter({ unitId: officeB.id, name: 'Quầy B1' })).id;
  admin = viewerFor('admin', province, 'admin');
  headA = viewerFor('office_head', officeA, 'head.a');
  headB = viewerFor('office_head', officeB, 'head.b');
});
afterEach(() => db.dispose());

describe('creating a kiosk', () => {
  it('returns a pairing code once, stores only its hash, audits the creation', () => {
    const { kiosk, pairing } = newKiosk();
    expect(pairing.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
    expect(pairing.expiresAt).toEqual(new Date(at(0).getTime() + PAIRING_TTL_MS));
    expect(kiosk).toMatchObject({ name: 'Kiosk sảnh', unitId: officeA.id, officeName: 'Văn phòng A', counterId: counterA, counterName: 'Quầy 1', paired: false, idleSeconds: 30 });
    const raw = db.$client.prepare('select pairing_code_hash as h from kiosks').get() as { h: string };
    expect(raw.h).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(db.$client.prepare('select * from kiosks').all())).not.toContain(pairing.code);
    expect(audit('kiosk.create')).toEqual([
      {
        actorId: headA.userId,
        entityId: String(kiosk.id),
        before: null,
        after: { unitId: officeA.id, counterId: counterA, name: 'Kiosk sảnh', idleSeconds: 30, pairingExpiresAt: pairing.expiresAt.toISOString() },
      },
    ]);
    expect(JSON.stringify(audit('kiosk.create'))).not.toContain(pairing.code);
  });

  it('refuses an office outside the scope, a unit that takes no ratings, and a counter of another office', () => {
    expect(createKiosk(db, { viewer: headA, unitId: officeB.id, counterId: null, name: 'x', idleSeconds: 30 })).toEqual({ status: 'not_found' });
    expect(createKiosk(db, { viewer: admin, unitId: province.id, counterId: null, name: 'x', idleSeconds: 30 })).toEqual({ status: 'not_found' });
    expect(createKiosk(db, { viewer: headA, unitId: officeA.id, counterId: counterB, name: 'x', idleSeconds: 30 })).toEqual({ status: 'bad_counter' });
    expect(listKiosks(db, { viewer: admin })).toEqual([]);
    expect(audit('kiosk.create')).toEqual([]);
  });

  it('offers the offices of the scope with their counters', () => {
    expect(listKioskOffices(db, { viewer: headA })).toEqual([{ id: officeA.id, name: 'Văn phòng A', depth: 0, counters: [{ id: counterA, name: 'Quầy 1' }] }]);
    expect(listKioskOffices(db, { viewer: admin }).map((o) => [o.name, o.depth])).toEqual([
      ['Văn phòng A', 1],
      ['Văn phòng B', 1],
    ]);
  });
});

describe('scope', () => {
  it('office A never sees, changes or revokes office B’s kiosks', () => {
    const a = newKiosk(headA, officeA.id).kiosk;
    const b = newKiosk(headB, officeB.id, counterB).kiosk;
    expect(listKiosks(db, { viewer: headA }).map((k) => k.id)).toEqual([a.id]);
    expect(listKiosks(db, { viewer: headB }).map((k) => k.id)).toEqual([b.id]);
    expect(listKiosks(db, { viewer: admin }).map((k) => k.id)).toEqual([a.id, b.id]);
    expect(getKiosk(db, { viewer: headA, kioskId: b.id })).toBeNull();
    expect(revokeKiosk(db, { viewer: headA, kioskId: b.id })).toBeNull();
    expect(repairKiosk(db, { viewer: headA, kioskId: b.id })).toBeNull();
    expect(updateKiosk(db, { viewer: headA, kioskId: b.id, name: 'x', idleSeconds: 60 })).toBeNull();
    expect(getKiosk(db, { viewer: headB, kioskId: b.id })).toMatchObject({ name: 'Kiosk sảnh', revokedAt: null, idleSeconds: 30 });
    expect([...audit('kiosk.revoke'), ...audit('kiosk.repair'), ...audit('kiosk.update')]).toEqual([]);
  });
});

describe('pairing', () => {
  it('exchanges the code (any case, with spaces) for a credential once', () => {
    const { kiosk, pairing } = newKiosk();
    const typed = `${pairing.code.slice(0, 4).toLowerCase()} ${pairing.code.slice(4)}`;
    const r = pairKiosk(db, { code: typed, networkHash: NET, now: at(1) });
    expect(r).toMatchObject({ status: 'paired', kioskId: kiosk.id });
    if (r.status !== 'paired') return;
    expect(r.credential).toMatch(new RegExp(`^${kiosk.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(getKioskByCredential(db, { credential: r.credential })).toMatchObject({ id: kiosk.id, officeName: 'Văn phòng A', counterName: 'Quầy 1', unitId: officeA.id });
    expect(getKiosk(db, { viewer: headA, kioskId: kiosk.id })).toMatchObject({ paired: true, pairedAt: at(1), lastSeenAt: at(1), pairingExpiresAt: null });
    expect(JSON.stringify(db.$client.prepare('select * from kiosks').all())).not.toContain(r.credential.split('.')[1]);
    // single use
    expect(pairKiosk(db, { code: pairing.code, networkHash: NET, now: at(2) })).toEqual({ status: 'bad_code' });
    expect(audit('kiosk.pair')).toHaveLength(1);
  });

  it('refuses an expired code and an unknown one, and records the failures', () => {
    const { pairing } = newKiosk();
    expect(pairKiosk(db, { code: pairing.code, networkHash: NET, now: at(15) })).toEqual({ status: 'bad_code' });
    expect(pairKiosk(db, { code: 'ZZZZ ZZZZ', networkHash: NET, now: at(1) })).toEqual({ status: 'bad_code' });
    expect(pairKiosk(db, { code: 'hello', networkHash: NET, now: at(1) })).toEqual({ status: 'bad_code' });
    // One network, one 15-minute window: one audit row per unit concerned (the expired code's office, or none
    // for unknown codes) counting its failures, so each office's administrators count only their own.
    expect(db.$client.prepare("select count, after, unit_id is not null as hasUnit from audit_log where action = 'kiosk.pair_failed' order by id").all()).toEqual([
      { count: 1, after: JSON.stringify({ reason: 'expired' }), hasUnit: 1 },
      { count: 2, after: JSON.stringify({ reason: 'unknown' }), hasUnit: 0 },
    ]);
    expect(db.$client.prepare("select count(*) as n from throttle_events where scope = 'kiosk_pair' and key = ?").get(NET)).toEqual({ n: 3 });
  });

  it('30 failures from one network write one audit row with count 30, not 30 rows', () => {
    for (let i = 0; i < 30; i++) pairKiosk(db, { code: 'ZZZZZZZZ', networkHash: NET, now: new Date(at(0).getTime() + i * 20_000) });
    expect(db.$client.prepare("select count, network_hash as n, actor_id as actor from audit_log where action = 'kiosk.pair_failed'").all()).toEqual([
      { count: 30, n: NET, actor: null },
    ]);
  });

  it('counts failures in throttle_events, not in the audit log (an aggregated audit row does not hide failures)', () => {
    const { pairing } = newKiosk();
    for (let i = 0; i < PAIRING_THROTTLE.failures; i++) pairKiosk(db, { code: 'ZZZZZZZZ', networkHash: NET, now: at(1) });
    expect(db.$client.prepare("select count(*) as n from audit_log where action = 'kiosk.pair_failed'").get()).toEqual({ n: 1 });
    expect(pairKiosk(db, { code: pairing.code, networkHash: NET, now: at(2) })).toEqual({ status: 'throttled' });
  });

  it('keeps the first pairing time when the kiosk is paired again', () => {
    const { kiosk, credential } = pairedKiosk(at(0));
    expect(getKioskByCredential(db, { credential })).toMatchObject({ firstPairedAt: at(0).getTime() });
    const code = repairKiosk(db, { viewer: headA, kioskId: kiosk.id, now: at(5) })!;
    const again = pairKiosk(db, { code: code.code, networkHash: NET, now: at(6) });
    if (again.status !== 'paired') throw new Error(again.status);
    expect(getKioskByCredential(db, { credential: again.credential })).toMatchObject({ firstPairedAt: at(0).getTime() });
    expect(getKiosk(db, { viewer: headA, kioskId: kiosk.id })).toMatchObject({ pairedAt: at(6) });
  });

  it('throttles a network after 10 failures in 15 minutes, even with the right code', () => {
    const { pairing } = newKiosk();
    for (let i = 0; i < PAIRING_THROTTLE.failures; i++) expect(pairKiosk(db, { code: 'ZZZZZZZZ', networkHash: NET, now: at(1) })).toEqual({ status: 'bad_code' });
    expect(pairKiosk(db, { code: pairing.code, networkHash: NET, now: at(2) })).toEqual({ status: 'throttled' });
    // another network is not affected; the same one again after the window
    expect(pairKiosk(db, { code: 'ZZZZZZZZ', networkHash: 'm'.repeat(32), now: at(2) })).toEqual({ status: 'bad_code' });
    expect(pairKiosk(db, { code: pairing.code, networkHash: NET, now: at(14) })).toEqual({ status: 'throttled' });
    const later = newKiosk(headA, officeA.id, null, at(10)).pairing;
    expect(pairKiosk(db, { code: later.code, networkHash: NET, now: at(16) })).toMatchObject({ status: 'paired' });
  });

  it('re-pairing gives a new code and ends the old credential at once', () => {
    const { kiosk, credential } = pairedKiosk();
    const code = repairKiosk(db, { viewer: headA, kioskId: kiosk.id, now: at(5) })!;
    expect(getKioskByCredential(db, { credential })).toBeNull();
    expect(getKiosk(db, { viewer: headA, kioskId: kiosk.id })).toMatchObject({ paired: false, pairingExpiresAt: code.expiresAt });
    const again = pairKiosk(db, { code: code.code, networkHash: NET, now: at(6) });
    expect(again.status === 'paired' && getKioskByCredential(db, { credential: again.credential })?.id).toBe(kiosk.id);
    expect(audit('kiosk.repair')).toEqual([
      { actorId: headA.userId, entityId: String(kiosk.id), before: { paired: true, revokedAt: null }, after: { paired: false, revokedAt: null, pairingExpiresAt: code.expiresAt.toISOString() } },
    ]);
  });

  it('revoking ends the credential and any pending code; a new code puts it back in service', () => {
    const { kiosk, credential } = pairedKiosk();
    const revoked = revokeKiosk(db, { viewer: headA, kioskId: kiosk.id, now: at(3) });
    expect(revoked).toMatchObject({ paired: false, revokedAt: at(3) });
    expect(getKioskByCredential(db, { credential })).toBeNull();
    expect(revokeKiosk(db, { viewer: headA, kioskId: kiosk.id, now: at(4) })).toMatchObject({ revokedAt: at(3) });
    expect(audit('kiosk.revoke')).toHaveLength(1);

    const pending = newKiosk();
    revokeKiosk(db, { viewer: admin, kioskId: pending.kiosk.id, now: at(1) });
    expect(pairKiosk(db, { code: pending.pairing.code, networkHash: NET, now: at(2) })).toEqual({ status: 'bad_code' });

    const code = repairKiosk(db, { viewer: headA, kioskId: kiosk.id, now: at(5) })!;
    expect(getKiosk(db, { viewer: headA, kioskId: kiosk.id })).toMatchObject({ revokedAt: null });
    expect(pairKiosk(db, { code: code.code, networkHash: NET, now: at(6) })).toMatchObject({ status: 'paired' });
  });

  it('refuses forged credentials', () => {
    const { kiosk, credential } = pairedKiosk();
    const token = credential.split('.')[1]!;
    const other = newKiosk().kiosk;
    for (const forged of [undefined, '', 'x', `${other.id}.${token}`, `${kiosk.id}.${'A'.repeat(43)}`, `${kiosk.id}.${token}x`]) {
      expect(getKioskByCredential(db, { credential: forged })).toBeNull();
    }
  });
});

describe('rename and contact', () => {
  it('renames and sets the idle timeout, audited; contacts update the fleet columns', () => {
    const { kiosk } = pairedKiosk();
    expect(updateKiosk(db, { viewer: headA, kioskId: kiosk.id, name: 'Kiosk tầng 2', idleSeconds: 45 })).toMatchObject({ name: 'Kiosk tầng 2', idleSeconds: 45 });
    expect(updateKiosk(db, { viewer: headA, kioskId: kiosk.id, name: 'Kiosk tầng 2', idleSeconds: 45 })).toMatchObject({ name: 'Kiosk tầng 2' });
    expect(audit('kiosk.update')).toEqual([
      { actorId: headA.userId, entityId: String(kiosk.id), before: { name: 'Kiosk sảnh', idleSeconds: 30 }, after: { name: 'Kiosk tầng 2', idleSeconds: 45 } },
    ]);
    recordKioskContact(db, { kioskId: kiosk.id, appVersion: '1.0.0', queued: 4, now: at(10) });
    recordKioskContact(db, { kioskId: kiosk.id, now: at(11) });
    expect(getKiosk(db, { viewer: headA, kioskId: kiosk.id })).toMatchObject({ lastSeenAt: at(11), appVersion: '1.0.0', queuedCount: 4 });
  });
});

describe('storeKioskBatch', () => {
  const rating = (minutes: number, over: Partial<KioskRating> = {}): KioskRating => ({
    clientId: randomUUID(),
    tappedAt: at(minutes).getTime(),
    score: 5,
    reasons: [],
    comment: null,
    lang: 'vi',
    ...over,
  });
  const store = (identity: KioskIdentity, ratings: KioskRating[], now = at(60)) =>
    storeKioskBatch(db, { kiosk: identity, questionSetVersionId: versionId, questionKey: 'q2', reasonsKey: 'q10', ratings, appVersion: '1.2.3', queued: ratings.length, now });

  it('stores ratings with the tap time, the kiosk, office and counter, reasons as choices; a retry stores nothing twice', () => {
    const { kiosk, identity } = pairedKiosk();
    const low = rating(1, { score: 2, reasons: ['waiting', 'late'], comment: 'Chờ lâu', lang: 'en' });
    const batch = [rating(0), low];
    const first = store(identity, batch);
    expect(first).toEqual({ status: 'ok', stored: batch.map((r) => r.clientId), duplicates: [], flagged: [] });
    const rows = db.$client
      .prepare('select client_id as clientId, channel, kiosk_id as kioskId, unit_id as unitId, counter_id as counterId, submitted_at as s, received_at as r, lang, comment, receipt_code as receipt, device_hash as d, network_hash as n, flags from responses order by submitted_at')
      .all() as Record<string, unknown>[];
    expect(rows).toEqual([
      { clientId: batch[0]!.clientId, channel: 'kiosk', kioskId: kiosk.id, unitId: officeA.id, counterId: counterA, s: at(0).getTime(), r: at(60).getTime(), lang: 'vi', comment: null, receipt: null, d: null, n: null, flags: null },
      { clientId: low.clientId, channel: 'kiosk', kioskId: kiosk.id, unitId: officeA.id, counterId: counterA, s: at(1).getTime(), r: at(60).getTime(), lang: 'en', comment: 'Chờ lâu', receipt: expect.stringMatching(/^[A-Z0-9]{8}$/), d: null, n: null, flags: null },
    ]);
    expect(db.$client.prepare('select a.question_key as k, a.score, a.choice from answers a join responses r on r.id = a.response_id where r.client_id = ? order by a.id').all(low.clientId)).toEqual([
      { k: 'q2', score: 2, choice: null },
      { k: 'q10', score: null, choice: 'waiting' },
      { k: 'q10', score: null, choice: 'late' },
    ]);
    expect(getKiosk(db, { viewer: headA, kioskId: kiosk.id })).toMatchObject({ lastSeenAt: at(60), appVersion: '1.2.3', queuedCount: 2 });

    const again = store(identity, batch, at(61));
    expect(again).toEqual({ status: 'ok', stored: [], duplicates: batch.map((r) => r.clientId), flagged: [] });
    expect((db.$client.prepare('select count(*) as n from responses').get() as { n: number }).n).toBe(2);
  });

  it('is not limited like a citizen’s phone: 20 ratings well spread are all counted', () => {
    const { identity } = pairedKiosk();
    const batch = Array.from({ length: 20 }, (_, i) => rating(i));
    expect(store(identity, batch)).toMatchObject({ stored: batch.map((r) => r.clientId), flagged: [] });
    expect(db.$client.prepare('select count(*) as n from responses where excluded = 0').get()).toEqual({ n: 20 });
  });

  it('flags the ratings beyond 12 within 2 minutes, across batches', () => {
    const { identity } = pairedKiosk();
    const first = Array.from({ length: 10 }, (_, i) => rating(i * 0.05));
    expect(store(identity, first).status).toBe('ok');
    const second = Array.from({ length: 5 }, (_, i) => rating(0.5 + i * 0.05));
    const r = store(identity, second);
    expect(r).toMatchObject({ status: 'ok', stored: second.map((x) => x.clientId), flagged: second.slice(2).map((x) => x.clientId) });
    expect(db.$client.prepare("select count(*) as n from responses where flags = 'kiosk_burst' and excluded = 1").get()).toEqual({ n: 3 });
  });

  it('stores nothing for a kiosk revoked or re-paired since it was authenticated', () => {
    const { kiosk, identity } = pairedKiosk();
    revokeKiosk(db, { viewer: headA, kioskId: kiosk.id });
    expect(store(identity, [rating(0)])).toEqual({ status: 'unpaired' });
    expect(db.$client.prepare('select count(*) as n from responses').get()).toEqual({ n: 0 });
  });

  it('stores the whole batch or nothing', () => {
    const { identity } = pairedKiosk();
    const bad = rating(1);
    expect(() =>
      storeKioskBatch(db, { kiosk: identity, questionSetVersionId: 9999, questionKey: 'q2', reasonsKey: null, ratings: [rating(0), bad], appVersion: '1', queued: 2, now: at(60) }),
    ).toThrow();
    expect(db.$client.prepare('select count(*) as n from responses').get()).toEqual({ n: 0 });
  });
});

describe('the limits on a kiosk credential (outside hours, daily cap, batch rate)', () => {
  const rating = (t: Date, over: Partial<KioskRating> = {}): KioskRating => ({ clientId: randomUUID(), tappedAt: t.getTime(), score: 5, reasons: [], comment: null, lang: 'vi', ...over });
  const store = (identity: KioskIdentity, ratings: KioskRating[], now: Date, dailyLimit?: number) =>
    storeKioskBatch(db, { kiosk: identity, questionSetVersionId: versionId, questionKey: 'q2', reasonsKey: 'q10', ratings, appVersion: '1', queued: 0, now, dailyLimit });
  const flags = () => db.$client.prepare('select flags, excluded from responses order by submitted_at, id').all();
  /** Local Vietnamese time. 2026-11-23 is a Monday. */
  const vn = (iso: string) => new Date(`${iso}+07:00`);

  it('stores a rating tapped at night or on Sunday, flagged outside_hours and excluded', () => {
    const { identity } = pairedKiosk(vn('2026-11-20T08:00:00'));
    const r = store(identity, [rating(vn('2026-11-23T09:00:00')), rating(vn('2026-11-23T03:00:00')), rating(vn('2026-11-22T10:00:00'))], vn('2026-11-23T10:00:00'));
    expect(r).toMatchObject({ status: 'ok', flagged: [expect.any(String), expect.any(String)] });
    expect(r.status === 'ok' && r.stored).toHaveLength(3);
    expect(flags()).toEqual([
      { flags: 'outside_hours', excluded: 1 },
      { flags: 'outside_hours', excluded: 1 },
      { flags: null, excluded: 0 },
    ]);
  });

  it('uses the office’s own hours, else the nearest ancestor’s (one query, at authentication)', async () => {
    const { credential, identity } = pairedKiosk(vn('2026-11-20T08:00:00'));
    expect(identity.openingHours.sat).toEqual(['07:00-11:30']); // the default
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await setUnitOpeningHours({ viewer: admin, unitId: province.id, openingHours: { ...closed, sun: ['08:00-12:00'] } });
    const inherited = getKioskByCredential(db, { credential })!;
    expect(inherited.openingHours).toEqual({ ...closed, sun: ['08:00-12:00'] });
    store(inherited, [rating(vn('2026-11-22T10:00:00')), rating(vn('2026-11-23T09:00:00'))], vn('2026-11-23T10:00:00'));
    expect(flags()).toEqual([
      { flags: null, excluded: 0 }, // Sunday morning: open by the province's hours
      { flags: 'outside_hours', excluded: 1 }, // Monday: closed by them
    ]);
    await setUnitOpeningHours({ viewer: headA, unitId: officeA.id, openingHours: { ...closed, mon: ['07:00-17:00'] } });
    expect(getKioskByCredential(db, { credential })!.openingHours.mon).toEqual(['07:00-17:00']);
  });

  it('flags ratings beyond the daily number per kiosk (Vietnamese calendar day, by tap time), across batches', () => {
    const { identity } = pairedKiosk(vn('2026-11-20T08:00:00'));
    const day = (i: number) => new Date(vn('2026-11-23T08:00:00').getTime() + i * 10 * MIN);
    expect(store(identity, [0, 1, 2].map((i) => rating(day(i))), vn('2026-11-23T12:00:00'), 4)).toMatchObject({ flagged: [] });
    const second = [3, 4, 5].map((i) => rating(day(i)));
    expect(store(identity, second, vn('2026-11-23T12:00:00'), 4)).toMatchObject({ flagged: [second[1]!.clientId, second[2]!.clientId] });
    // the next day starts again
    const tuesday = rating(vn('2026-11-24T08:00:00'));
    expect(store(identity, [tuesday], vn('2026-11-24T09:00:00'), 4)).toMatchObject({ stored: [tuesday.clientId], flagged: [] });
    expect(db.$client.prepare("select count(*) as n from responses where flags = 'kiosk_daily_cap' and excluded = 1").get()).toEqual({ n: 2 });
  });

  it('the default daily number is 600', () => {
    const { identity } = pairedKiosk(vn('2026-11-20T08:00:00'));
    const start = vn('2026-11-23T07:00:00').getTime();
    // 601 ratings 50 s apart (no burst) within the day's hours.
    const all = Array.from({ length: 601 }, (_, i) => rating(new Date(start + i * 50_000)));
    store(identity, all.slice(0, 400), vn('2026-11-23T17:00:00'));
    const r = store(identity, all.slice(400), vn('2026-11-23T17:00:00'));
    expect(r).toMatchObject({ flagged: [all[600]!.clientId] });
  });

  it('allows 30 batch requests a minute per kiosk, then answers how long to wait; two app servers agree', () => {
    const { kiosk } = pairedKiosk();
    const other = openDb(db.$client.name);
    try {
      for (let i = 0; i < 30; i++) expect(recordKioskBatchRequest(i % 2 ? other : db, { kioskId: kiosk.id, now: new Date(at(0).getTime() + i * 1000) })).toEqual({ allowed: true });
      expect(recordKioskBatchRequest(db, { kioskId: kiosk.id, now: at(0.5) })).toEqual({ allowed: false, retryAfterS: 30 });
      expect(recordKioskBatchRequest(other, { kioskId: kiosk.id, now: at(0.75) })).toEqual({ allowed: false, retryAfterS: 15 });
      // refused requests are not counted: once the first leaves the window, one more is allowed
      expect(recordKioskBatchRequest(db, { kioskId: kiosk.id, now: new Date(at(1).getTime() + 1) })).toEqual({ allowed: true });
      // another kiosk has its own budget
      const second = pairedKiosk().kiosk;
      expect(recordKioskBatchRequest(db, { kioskId: second.id, now: at(0.5) })).toEqual({ allowed: true });
    } finally {
      other.$client.close();
    }
  });
});
