import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKiosk } from '@/db/queries/kiosks';
import { createQuestionSet } from '@/db/queries/question-sets';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import { addTestCounter, addTestUnit } from '@/db/testing-ratings';
import { addOfficial } from '@/db/testing-reading';
import { localDayStart, localTimeOf, nextDay } from '@/lib/duty';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { hashPassword } from './auth/password';
import { peerStampFor } from './client-address';
import { addDutyShift, addDutyTemplate, switchDutyAtKiosk } from './duty';
import { handleBatch, handleConfig, handleDutySwitch, handlePair } from './kiosk';

let t: TestStore;
let kiosk: { id: number; unitId: number; counterId: number };
let cookie: string;
let A: number;
let B: number;
let counter2: number;
let head: Awaited<ReturnType<typeof addTestViewer>>;

const BASE = 'http://localhost:3000/api/kiosk';
const post = (path: string, body: unknown, c = cookie) =>
  new NextRequest(`${BASE}/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { ...peerStampFor('10.0.0.1'), 'content-type': 'application/json', cookie: c } });

beforeEach(async () => {
  t = await openTestStore();
  await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET });
  const province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const office = await addTestUnit({ parentId: province.id, name: 'Bộ phận Một cửa' });
  const counter = (await addTestCounter({ unitId: office.id, name: 'Quầy 1' })).id;
  counter2 = (await addTestCounter({ unitId: office.id, name: 'Quầy 2' })).id;
  head = await addTestViewer('office_head', office, 'head');
  A = await addOfficial(office.id, 'Nguyễn Thị A');
  B = await addOfficial(office.id, 'Trần Văn B');
  await t.conn.run('update officials set pin_hash = ? where id = ?', [await hashPassword('1234'), A]);
  await t.conn.run('update officials set pin_hash = ? where id = ?', [await hashPassword('5678'), B]);
  const created = await createKiosk({ viewer: head, unitId: office.id, counterId: counter, name: 'Kiosk quầy 1', idleSeconds: 30 });
  if (created.status !== 'created') throw new Error('setup');
  const res = await handlePair(post('pair', { code: created.pairing.code }, ''));
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  kiosk = { id: created.kiosk.id, unitId: office.id, counterId: counter };
});
afterEach(() => t.dispose());

describe('the kiosk quick switch', () => {
  it('puts the official of the PIN on duty here to the end of the day; config and heartbeats say who serves', async () => {
    const config = await handleConfig(new NextRequest(`${BASE}/config`, { headers: { ...peerStampFor('10.0.0.1'), cookie } }));
    expect(((await config.json()) as { serving: unknown }).serving).toBeNull();

    const res = await handleDutySwitch(post('duty', { pin: '1234' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ serving: { name: 'Nguyễn Thị A', position: 'chuyên viên', photoUrl: null }, message: 'Nguyễn Thị A đã nhận trực tại Quầy 1 đến hết ngày.' });
    const shift = await t.conn.get<{ officialId: number; source: string; kioskId: number; endAt: number }>(
      'select official_id as "officialId", source, kiosk_id as "kioskId", end_at as "endAt" from duty_shifts',
    );
    expect({ ...shift, officialId: Number(shift!.officialId), kioskId: Number(shift!.kioskId), endAt: Number(shift!.endAt) }).toEqual({
      officialId: A,
      source: 'kiosk',
      kioskId: kiosk.id,
      endAt: localDayStart(nextDay(localTimeOf(Date.now()).day)),
    });
    expect(Number(await t.conn.value('select count(*) from audit_log where action = ?', ['duty.shift.kiosk']))).toBe(1);

    const beat = await handleBatch(post('batch', { appVersion: '2.0', queued: 0, items: [] }));
    expect(((await beat.json()) as { serving: unknown }).serving).toEqual({ name: 'Nguyễn Thị A', position: 'chuyên viên', photoUrl: null });

    // B takes over: A's shift is cut at B's switch.
    const now = new Date(Date.now() + 1000);
    const second = await switchDutyAtKiosk({ kiosk, pin: '5678', now });
    expect(second).toMatchObject({ status: 'ok', serving: { id: B } });
    const shifts = await t.conn.all<{ officialId: number; endAt: number }>('select official_id as "officialId", end_at as "endAt" from duty_shifts order by start_at');
    expect(shifts.map((s) => [Number(s.officialId), Number(s.endAt)])).toEqual([
      [A, now.getTime()],
      [B, localDayStart(nextDay(localTimeOf(now.getTime()).day))],
    ]);
  });

  it('refuses a wrong PIN, and throttles after five', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await handleDutySwitch(post('duty', { pin: '0000' }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('bad_pin');
    }
    const res = await handleDutySwitch(post('duty', { pin: '1234' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Number(await t.conn.value('select count(*) from duty_shifts'))).toBe(0);
  });

  it('refuses what the schedule refuses: the official serving at another counter now', async () => {
    const now = new Date();
    const day = localTimeOf(now.getTime()).day;
    const start = localDayStart(day);
    expect(
      await addDutyShift({ viewer: head, unitId: kiosk.unitId, shift: { counterId: counter2, officialId: A, startAt: start, endAt: localDayStart(nextDay(day)) }, source: 'change', now }),
    ).toMatchObject({ ok: true });
    const res = await handleDutySwitch(post('duty', { pin: '1234' }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toContain('hai quầy');
    expect(Number(await t.conn.value('select count(*) from duty_shifts'))).toBe(1);
  });

  it('shows the weekly schedule’s official in the config', async () => {
    const local = localTimeOf(Date.now());
    await addDutyTemplate({
      viewer: head,
      unitId: kiosk.unitId,
      template: { counterId: kiosk.counterId, officialId: B, weekday: local.weekday, startMinute: 0, endMinute: 1440, validFrom: local.day, validTo: null },
    });
    const config = await handleConfig(new NextRequest(`${BASE}/config`, { headers: { ...peerStampFor('10.0.0.1'), cookie } }));
    expect(((await config.json()) as { serving: unknown }).serving).toEqual({ name: 'Trần Văn B', position: 'chuyên viên', photoUrl: null });
  });
});
