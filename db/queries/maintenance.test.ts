import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userSessions } from '../schema';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { addQuestionSet, addRating, addUnit } from '../testing-reading';
import { ABUSE_SIGNAL_RETENTION_MS, runRetention, THROTTLE_EVENT_RETENTION_MS } from './maintenance';

let t: TestStore;
let versionId: number;
let unitId: number;
const NOW = new Date('2026-11-27T03:00:00Z');

beforeEach(async () => {
  t = await openTestStore();
  versionId = await addQuestionSet();
  unitId = (await addUnit(null, 'office', 'Bộ phận Một cửa')).id;
});
afterEach(() => t.dispose());

function store(at: Date, purgeAfter: Date | null) {
  return addRating({
    unitId,
    versionId,
    submittedAt: at,
    comment: 'Cần liên hệ lại',
    q1: 1,
    q2: 1,
    contact: purgeAfter ? { phone: '0912345678', purgeAfter } : null,
    deviceHash: 'd'.repeat(32),
    networkHash: 'n'.repeat(32),
  });
}
const rows = () => t.conn.all('select device_hash as d, network_hash as n, comment from responses order by id');
const count = async (table: string) => (await t.conn.value<number>(`select count(*) from ${table}`))!;

describe('runRetention', () => {
  it('deletes contacts past their purge date and keeps the rating, audited once', async () => {
    await store(new Date('2025-11-01T03:00:00Z'), new Date(NOW.getTime() - 1));
    await store(new Date('2026-11-20T03:00:00Z'), new Date(NOW.getTime() + 1));
    expect((await runRetention({ now: NOW })).contactsPurged).toBe(1);
    expect(await count('contacts')).toBe(1);
    expect(await rows()).toHaveLength(2);
    expect(await t.conn.all(`select action, after, at from audit_log where action = 'contact.purge'`)).toEqual([
      { action: 'contact.purge', after: JSON.stringify({ count: 1 }), at: NOW.getTime() },
    ]);
  });

  it('clears abuse hashes only once they are older than the retention', async () => {
    await store(new Date(NOW.getTime() - ABUSE_SIGNAL_RETENTION_MS - 1), null);
    await store(new Date(NOW.getTime() - ABUSE_SIGNAL_RETENTION_MS + 1), null);
    expect((await runRetention({ now: NOW })).signalsCleared).toBe(1);
    expect(await rows()).toEqual([
      { d: null, n: null, comment: 'Cần liên hệ lại' },
      { d: 'd'.repeat(32), n: 'n'.repeat(32), comment: 'Cần liên hệ lại' },
    ]);
    expect(await runRetention({ now: NOW })).toEqual({ contactsPurged: 0, signalsCleared: 0, sessionsDeleted: 0, throttleEventsDeleted: 0 });
  });

  it('deletes throttle events older than a day (kiosk pairing and batches)', async () => {
    const insert = "insert into throttle_events (scope, key, at) values ('kiosk_batch', '1', ?)";
    await t.conn.run(insert, [NOW.getTime() - THROTTLE_EVENT_RETENTION_MS - 1]);
    await t.conn.run(insert, [NOW.getTime() - 60_000]);
    expect(await runRetention({ now: NOW })).toMatchObject({ throttleEventsDeleted: 1 });
    expect(await count('throttle_events')).toBe(1);
  });

  it('deletes ended and expired sessions and keeps open ones', async () => {
    const viewer = await addTestViewer('office_head', { id: unitId, path: `/${unitId}/` }, 'head');
    const session = (id: string, over: { endedAt?: Date | null; expiresAt: Date }) =>
      t.conn.db.insert(userSessions).values({ id, userId: viewer.userId, createdAt: new Date(NOW.getTime() - 3600_000), ...over });
    await session('open', { expiresAt: new Date(NOW.getTime() + 60_000) });
    await session('ended', { endedAt: new Date(NOW.getTime() - 60_000), expiresAt: new Date(NOW.getTime() + 60_000) });
    await session('expired', { expiresAt: new Date(NOW.getTime() - 1) });
    expect(await runRetention({ now: NOW })).toMatchObject({ sessionsDeleted: 2 });
    expect(await t.conn.all('select id from user_sessions')).toEqual([{ id: 'open' }]);
  });

  it('run by two servers at once, purges each contact once and counts it once', async () => {
    for (let i = 0; i < 4; i++) await store(new Date('2025-11-01T03:00:00Z'), new Date(NOW.getTime() - 1));
    const results = await Promise.all([runRetention({ now: NOW }), runRetention({ now: NOW })]);
    expect(results.map((r) => r.contactsPurged).reduce((a, b) => a + b, 0)).toBe(4);
    expect(await count('contacts')).toBe(0);
    const logged = await t.conn.all<{ after: string }>(`select after from audit_log where action = 'contact.purge'`);
    expect(logged.map((l) => (JSON.parse(l.after) as { count: number }).count).reduce((a, b) => a + b, 0)).toBe(4);
  });
});
