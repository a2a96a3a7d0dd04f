import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { PAIRING_TTL_MS } from '@/lib/kiosk/pairing';
import { DEFAULT_OPENING_HOURS } from '@/lib/opening-hours';
import { units } from '../schema';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { addCounter, addUnit, type UnitRef } from './kiosk-test-fixtures';
import {
  claimPairingCode,
  createKiosk,
  getKiosk,
  getKioskByCredential,
  getKioskOfPairingCode,
  listKioskOffices,
  listKiosks,
  recordKioskContact,
  repairKiosk,
  revokeKiosk,
  updateKiosk,
} from './kiosks';

let t: TestStore;
let province: UnitRef;
let officeA: UnitRef;
let officeB: UnitRef;
let counterA: number;
let counterB: number;
let admin: Viewer;
let headA: Viewer;
let headB: Viewer;

const T0 = new Date('2026-11-23T02:00:00Z'); // Monday 9:00 in Việt Nam
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const token = () => randomBytes(32).toString('base64url');

const audit = async (action: string) =>
  (
    await t.conn.all<{ actorId: number | null; entityId: string; before: string | null; after: string | null }>(
      'select actor_id as "actorId", entity_id as "entityId", before, after from audit_log where action = ? order by id',
      [action],
    )
  ).map((a) => ({ ...a, before: a.before && JSON.parse(a.before), after: a.after && JSON.parse(a.after) }));

async function newKiosk(viewer = headA, unitId = officeA.id, counterId: number | null = counterA, now = at(0)) {
  const r = await createKiosk({ viewer, unitId, counterId, name: 'Kiosk sảnh', idleSeconds: 30, now });
  if (r.status !== 'created') throw new Error(r.status);
  return r;
}

async function pairedKiosk(now = at(0)) {
  const { kiosk, pairing } = await newKiosk(headA, officeA.id, counterA, now);
  const paired = await claimPairingCode({ code: pairing.code, token: token(), now });
  if (!paired) throw new Error('not paired');
  return { kiosk, credential: paired.credential };
}

beforeEach(async () => {
  t = await openTestStore();
  province = await addUnit(t, { parent: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await addUnit(t, { parent: province, kind: 'office', name: 'Văn phòng A', rateable: true });
  officeB = await addUnit(t, { parent: province, kind: 'office', name: 'Văn phòng B', rateable: true });
  counterA = await addCounter(t, { unitId: officeA.id, name: 'Quầy 1' });
  counterB = await addCounter(t, { unitId: officeB.id, name: 'Quầy B1' });
  admin = await addTestViewer('admin', province, 'admin');
  headA = await addTestViewer('office_head', officeA, 'head.a');
  headB = await addTestViewer('office_head', officeB, 'head.b');
});
afterEach(() => t.dispose());

describe('creating a kiosk', () => {
  it('returns a pairing code once, stores only its hash, audits the creation', async () => {
    const { kiosk, pairing } = await newKiosk();
    expect(pairing.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
    expect(pairing.expiresAt).toEqual(new Date(at(0).getTime() + PAIRING_TTL_MS));
    expect(kiosk).toMatchObject({ name: 'Kiosk sảnh', unitId: officeA.id, officeName: 'Văn phòng A', counterId: counterA, counterName: 'Quầy 1', paired: false, idleSeconds: 30 });
    const raw = await t.conn.get<{ h: string }>('select pairing_code_hash as "h" from kiosks');
    expect(raw!.h).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await t.conn.all('select * from kiosks'))).not.toContain(pairing.code);
    expect(await audit('kiosk.create')).toEqual([
      {
        actorId: headA.userId,
        entityId: String(kiosk.id),
        before: null,
        after: { unitId: officeA.id, counterId: counterA, name: 'Kiosk sảnh', idleSeconds: 30, pairingExpiresAt: pairing.expiresAt.toISOString() },
      },
    ]);
    expect(JSON.stringify(await audit('kiosk.create'))).not.toContain(pairing.code);
  });

  it('refuses an office outside the scope, a unit that takes no ratings, and a counter of another office', async () => {
    expect(await createKiosk({ viewer: headA, unitId: officeB.id, counterId: null, name: 'x', idleSeconds: 30 })).toEqual({ status: 'not_found' });
    expect(await createKiosk({ viewer: admin, unitId: province.id, counterId: null, name: 'x', idleSeconds: 30 })).toEqual({ status: 'not_found' });
    expect(await createKiosk({ viewer: headA, unitId: officeA.id, counterId: counterB, name: 'x', idleSeconds: 30 })).toEqual({ status: 'bad_counter' });
    expect(await listKiosks({ viewer: admin })).toEqual([]);
    expect(await audit('kiosk.create')).toEqual([]);
  });

  it('offers the offices of the scope with their counters, each under the units above it', async () => {
    expect(await listKioskOffices({ viewer: headA })).toEqual([
      { id: officeA.id, name: 'Văn phòng A', active: true, depth: 0, parentName: null, pickable: true, counters: [{ id: counterA, name: 'Quầy 1' }] },
    ]);
    // A ward (takes no ratings) with its centre, and a department added after it: ids and paths do not follow the tree.
    const ward = await addUnit(t, { parent: province, kind: 'commune', name: 'Phường Hoa Lư', rateable: false });
    const centre = await addUnit(t, { parent: ward, kind: 'office', name: 'Trung tâm phường Hoa Lư', rateable: true });
    await addUnit(t, { parent: province, kind: 'commune', name: 'Xã chưa có trung tâm', rateable: false });
    const dept = await addUnit(t, { parent: province, kind: 'department', name: 'Sở Tư pháp', rateable: true });
    await t.conn.run('update units set sort_order = 9 where id = ?', [ward.id]);
    expect((await listKioskOffices({ viewer: admin })).map((o) => [o.name, o.depth, o.pickable, o.parentName])).toEqual([
      ['Tỉnh', 0, false, null],
      ['Sở Tư pháp', 1, true, 'Tỉnh'],
      ['Văn phòng A', 1, true, 'Tỉnh'],
      ['Văn phòng B', 1, true, 'Tỉnh'],
      ['Phường Hoa Lư', 1, false, 'Tỉnh'],
      ['Trung tâm phường Hoa Lư', 2, true, 'Phường Hoa Lư'],
    ]);
    expect((await listKioskOffices({ viewer: admin })).find((o) => o.id === centre.id)!.counters).toEqual([]);
    expect(dept.id).toBeGreaterThan(centre.id);
  });

  it('two kiosks created at once get different codes, each pairs its own kiosk', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => createKiosk({ viewer: headA, unitId: officeA.id, counterId: null, name: `K${i}`, idleSeconds: 30, now: at(0) })));
    const codes = made.map((m) => (m.status === 'created' ? m.pairing.code : ''));
    expect(new Set(codes).size).toBe(8);
    for (const m of made) {
      if (m.status !== 'created') throw new Error(m.status);
      expect(await claimPairingCode({ code: m.pairing.code, token: token(), now: at(1) })).toMatchObject({ kioskId: m.kiosk.id });
    }
  });
});

describe('scope', () => {
  it('office A never sees, changes or revokes office B’s kiosks', async () => {
    const a = (await newKiosk(headA, officeA.id)).kiosk;
    const b = (await newKiosk(headB, officeB.id, counterB)).kiosk;
    expect((await listKiosks({ viewer: headA })).map((k) => k.id)).toEqual([a.id]);
    expect((await listKiosks({ viewer: headB })).map((k) => k.id)).toEqual([b.id]);
    expect((await listKiosks({ viewer: admin })).map((k) => k.id)).toEqual([a.id, b.id]);
    expect(await getKiosk({ viewer: headA, kioskId: b.id })).toBeNull();
    expect(await revokeKiosk({ viewer: headA, kioskId: b.id })).toBeNull();
    expect(await repairKiosk({ viewer: headA, kioskId: b.id })).toBeNull();
    expect(await updateKiosk({ viewer: headA, kioskId: b.id, name: 'x', idleSeconds: 60 })).toBeNull();
    expect(await getKiosk({ viewer: headB, kioskId: b.id })).toMatchObject({ name: 'Kiosk sảnh', revokedAt: null, idleSeconds: 30 });
    expect([...(await audit('kiosk.revoke')), ...(await audit('kiosk.repair')), ...(await audit('kiosk.update'))]).toEqual([]);
  });
});

describe('pairing codes', () => {
  it('exchange the code (any case, with spaces) for a credential once; only hashes are stored', async () => {
    const { kiosk, pairing } = await newKiosk();
    const typed = `${pairing.code.slice(0, 4).toLowerCase()} ${pairing.code.slice(4)}`;
    const secret = token();
    const r = await claimPairingCode({ code: typed, token: secret, now: at(1) });
    expect(r).toEqual({ kioskId: kiosk.id, credential: `${kiosk.id}.${secret}` });
    expect(await getKioskByCredential({ credential: r!.credential })).toMatchObject({ id: kiosk.id, officeName: 'Văn phòng A', counterName: 'Quầy 1', unitId: officeA.id });
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ paired: true, pairedAt: at(1), lastSeenAt: at(1), pairingExpiresAt: null });
    expect(JSON.stringify(await t.conn.all('select * from kiosks'))).not.toContain(secret);
    // single use
    expect(await claimPairingCode({ code: pairing.code, token: token(), now: at(2) })).toBeNull();
  });

  it('an expired code is refused and still found for the audit; an unknown or malformed one is not', async () => {
    const { kiosk, pairing } = await newKiosk();
    expect(await claimPairingCode({ code: pairing.code, token: token(), now: at(15) })).toBeNull();
    expect(await getKioskOfPairingCode({ code: pairing.code })).toBe(kiosk.id);
    expect(await getKioskOfPairingCode({ code: 'ZZZZ ZZZZ' })).toBeNull();
    expect(await claimPairingCode({ code: 'hello', token: token(), now: at(1) })).toBeNull();
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ paired: false });
  });

  it('two requests with one code at once (two app servers): exactly one gets the kiosk', async () => {
    for (let round = 0; round < 5; round++) {
      const { kiosk, pairing } = await newKiosk();
      const tokens = Array.from({ length: 6 }, token);
      const results = await Promise.all(tokens.map((secret) => claimPairingCode({ code: pairing.code, token: secret, now: at(1) })));
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      // The stored credential is the winner's: the losers' tokens open nothing.
      expect(await getKioskByCredential({ credential: winners[0]!.credential })).toMatchObject({ id: kiosk.id });
      for (const secret of tokens) {
        if (`${kiosk.id}.${secret}` !== winners[0]!.credential) expect(await getKioskByCredential({ credential: `${kiosk.id}.${secret}` })).toBeNull();
      }
    }
  });

  it('keeps the first pairing time when the kiosk is paired again', async () => {
    const { kiosk, credential } = await pairedKiosk(at(0));
    expect(await getKioskByCredential({ credential })).toMatchObject({ firstPairedAt: at(0).getTime() });
    const code = (await repairKiosk({ viewer: headA, kioskId: kiosk.id, now: at(5) }))!;
    const again = await claimPairingCode({ code: code.code, token: token(), now: at(6) });
    expect(await getKioskByCredential({ credential: again!.credential })).toMatchObject({ firstPairedAt: at(0).getTime() });
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ pairedAt: at(6) });
  });

  it('re-pairing gives a new code and ends the old credential at once', async () => {
    const { kiosk, credential } = await pairedKiosk();
    const code = (await repairKiosk({ viewer: headA, kioskId: kiosk.id, now: at(5) }))!;
    expect(await getKioskByCredential({ credential })).toBeNull();
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ paired: false, pairingExpiresAt: code.expiresAt });
    const again = await claimPairingCode({ code: code.code, token: token(), now: at(6) });
    expect((await getKioskByCredential({ credential: again!.credential }))?.id).toBe(kiosk.id);
    expect(await audit('kiosk.repair')).toEqual([
      { actorId: headA.userId, entityId: String(kiosk.id), before: { paired: true, revokedAt: null }, after: { paired: false, revokedAt: null, pairingExpiresAt: code.expiresAt.toISOString() } },
    ]);
  });

  it('revoking ends the credential and any pending code; a new code puts it back in service', async () => {
    const { kiosk, credential } = await pairedKiosk();
    const revoked = await revokeKiosk({ viewer: headA, kioskId: kiosk.id, now: at(3) });
    expect(revoked).toMatchObject({ paired: false, revokedAt: at(3) });
    expect(await getKioskByCredential({ credential })).toBeNull();
    expect(await revokeKiosk({ viewer: headA, kioskId: kiosk.id, now: at(4) })).toMatchObject({ revokedAt: at(3) });
    expect(await audit('kiosk.revoke')).toHaveLength(1);

    const pending = await newKiosk();
    await revokeKiosk({ viewer: admin, kioskId: pending.kiosk.id, now: at(1) });
    expect(await claimPairingCode({ code: pending.pairing.code, token: token(), now: at(2) })).toBeNull();

    const code = (await repairKiosk({ viewer: headA, kioskId: kiosk.id, now: at(5) }))!;
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ revokedAt: null });
    expect(await claimPairingCode({ code: code.code, token: token(), now: at(6) })).toMatchObject({ kioskId: kiosk.id });
  });

  it('refuses forged credentials', async () => {
    const { kiosk, credential } = await pairedKiosk();
    const secret = credential.split('.')[1]!;
    const other = (await newKiosk()).kiosk;
    for (const forged of [undefined, '', 'x', `${other.id}.${secret}`, `${kiosk.id}.${'A'.repeat(43)}`, `${kiosk.id}.${secret}x`]) {
      expect(await getKioskByCredential({ credential: forged })).toBeNull();
    }
  });

  it('a kiosk of a disabled office has no identity', async () => {
    const { credential } = await pairedKiosk();
    await t.conn.db.update(units).set({ active: false }).where(eq(units.id, officeA.id));
    expect(await getKioskByCredential({ credential })).toBeNull();
  });
});

describe('rename and contact', () => {
  it('renames and sets the idle timeout, audited; contacts update the fleet columns', async () => {
    const { kiosk } = await pairedKiosk();
    expect(await updateKiosk({ viewer: headA, kioskId: kiosk.id, name: 'Kiosk tầng 2', idleSeconds: 45 })).toMatchObject({ name: 'Kiosk tầng 2', idleSeconds: 45 });
    expect(await updateKiosk({ viewer: headA, kioskId: kiosk.id, name: 'Kiosk tầng 2', idleSeconds: 45 })).toMatchObject({ name: 'Kiosk tầng 2' });
    expect(await audit('kiosk.update')).toEqual([
      { actorId: headA.userId, entityId: String(kiosk.id), before: { name: 'Kiosk sảnh', idleSeconds: 30 }, after: { name: 'Kiosk tầng 2', idleSeconds: 45 } },
    ]);
    await recordKioskContact({ kioskId: kiosk.id, appVersion: '1.0.0', queued: 4, now: at(10) });
    await recordKioskContact({ kioskId: kiosk.id, now: at(11) });
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ lastSeenAt: at(11), appVersion: '1.0.0', queuedCount: 4 });
  });

  it('a contact that arrives late (through another app server) does not move the fleet view back', async () => {
    const { kiosk } = await pairedKiosk();
    await recordKioskContact({ kioskId: kiosk.id, appVersion: '2.0.0', queued: 0, now: at(20) });
    await recordKioskContact({ kioskId: kiosk.id, appVersion: '1.0.0', queued: 9, now: at(19) });
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ lastSeenAt: at(20), appVersion: '2.0.0', queuedCount: 0 });
  });

  it('many contacts at once, in any order: the newest one is what the fleet view shows', async () => {
    const { kiosk } = await pairedKiosk();
    const minutes = [27, 3, 30, 11, 18, 5, 29, 24, 1, 14, 8, 21];
    await Promise.all(minutes.map((m) => recordKioskContact({ kioskId: kiosk.id, appVersion: `1.0.${m}`, queued: m, now: at(m) })));
    expect(await getKiosk({ viewer: headA, kioskId: kiosk.id })).toMatchObject({ lastSeenAt: at(30), appVersion: '1.0.30', queuedCount: 30 });
  });

  it('two staff renaming at once: each change is audited with what it replaced', async () => {
    const { kiosk } = await pairedKiosk();
    await Promise.all([
      updateKiosk({ viewer: headA, kioskId: kiosk.id, name: 'Một', idleSeconds: 30 }),
      updateKiosk({ viewer: admin, kioskId: kiosk.id, name: 'Hai', idleSeconds: 30 }),
    ]);
    const changes = await audit('kiosk.update');
    expect(changes).toHaveLength(2);
    // The second change's "before" is the first change's "after": no edit is lost from the log.
    expect(changes[1]!.before).toEqual(changes[0]!.after);
    expect((await getKiosk({ viewer: admin, kioskId: kiosk.id }))!.name).toBe(changes[1]!.after.name);
  });
});

describe('opening hours', () => {
  it('a kiosk row carries its office’s hours: own, else the nearest ancestor’s, else the default', async () => {
    const { kiosk } = await pairedKiosk();
    expect((await getKiosk({ viewer: headA, kioskId: kiosk.id }))!.openingHours).toEqual(DEFAULT_OPENING_HOURS);
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await t.conn.db.update(units).set({ openingHours: { ...closed, sun: ['08:00-12:00'] } }).where(eq(units.id, province.id));
    expect((await listKiosks({ viewer: admin }))[0]!.openingHours).toEqual({ ...closed, sun: ['08:00-12:00'] });
    await t.conn.db.update(units).set({ openingHours: { ...closed, mon: ['07:00-17:00'] } }).where(eq(units.id, officeA.id));
    expect((await getKiosk({ viewer: headA, kioskId: kiosk.id }))!.openingHours).toEqual({ ...closed, mon: ['07:00-17:00'] });
  });
});
