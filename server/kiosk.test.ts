import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCounter, addDefaultQuestionSet, addUnit } from '@/db/queries/kiosk-test-fixtures';
import { createKiosk, repairKiosk, revokeKiosk } from '@/db/queries/kiosks';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import type { Viewer } from '@/lib/auth/roles';
import { createQuestionSet } from '@/db/queries/question-sets';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { assignQuestionSet } from './question-sets';
import { peerStampFor } from './client-address';
import { guarded, handleBatch, handleConfig, handlePair } from './kiosk';
import { captureLogs } from './log';

/** The handlers against a real database on the run's engine, installed as the store. */
let t: TestStore;
let code: string;
let kioskId: number;
let head: Viewer;

const BASE = 'http://localhost:3000/api/kiosk';

function request(path: string, init: { method?: string; body?: string; type?: string | null; cookie?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...peerStampFor('10.0.0.1'), ...init.headers };
  if (init.type !== null) headers['content-type'] = init.type ?? 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  return new NextRequest(`${BASE}/${path}`, { method: init.method ?? 'POST', body: init.body, headers });
}

async function pair(c = code) {
  const res = await handlePair(request('pair', { body: JSON.stringify({ code: c }) }));
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, json: (await res.json()) as Record<string, unknown>, setCookie, cookie: setCookie.split(';')[0]! };
}

const item = (over: Record<string, unknown> = {}) => ({ clientId: randomUUID(), tappedAt: Date.now() - 1000, score: 5, reasons: [], comment: null, lang: 'vi', ...over });
const batch = (cookie: string, body: unknown, type?: string) =>
  handleBatch(request('batch', { cookie, body: typeof body === 'string' ? body : JSON.stringify(body), type }));
const count = async () => Number(await t.conn.value<number>('select count(*) from responses'));

beforeEach(async () => {
  t = await openTestStore();
  await addDefaultQuestionSet(t, DEFAULT_QUESTION_SET);
  const province = await addUnit(t, { parent: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const office = await addUnit(t, { parent: province, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  const counter = await addCounter(t, { unitId: office.id, name: 'Quầy 1' });
  head = await addTestViewer('office_head', office, 'head', 'Thủ trưởng');
  const created = await createKiosk({ viewer: head, unitId: office.id, counterId: counter, name: 'Kiosk sảnh', idleSeconds: 45 });
  if (created.status !== 'created') throw new Error('setup');
  code = created.pairing.code;
  kioskId = created.kiosk.id;
});
afterEach(() => t.dispose());

describe('POST /api/kiosk/pair', () => {
  it('answers the config and sets the device cookie', async () => {
    const { res, json, setCookie } = await pair(code.toLowerCase());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(setCookie).toMatch(new RegExp(`^hl_kiosk=${kioskId}\\.[A-Za-z0-9_-]{43};`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=34560000/);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(json).toMatchObject({
      kiosk: { id: kioskId, name: 'Kiosk sảnh', officeName: 'Bộ phận Một cửa', counterName: 'Quầy 1', idleSeconds: 45, cooldownMs: 4000 },
      questionSetVersionId: expect.any(Number),
      // Attitude (Q1), the model's subject, then overall satisfaction (Q2): one smiley screen each.
      questions: [
        { key: 'q1', text: { vi: expect.stringMatching(/thái độ phục vụ/), en: expect.any(String) }, short: { vi: 'Thái độ phục vụ', en: 'Attitude' } },
        { key: 'q2', text: { vi: expect.stringMatching(/^Nhìn chung/), en: expect.any(String) }, short: { vi: 'Hài lòng chung', en: 'Overall' } },
      ],
      // What tablets of the one-question app answer with a bare score.
      question: { key: 'q2', text: { vi: expect.stringMatching(/^Nhìn chung/), en: expect.any(String) }, short: { vi: 'Hài lòng chung', en: 'Overall' } },
      reasons: { key: 'q10', text: { vi: 'Lý do chưa hài lòng', en: expect.any(String) } },
      commentMaxLength: 500,
      serving: null,
      serverTime: expect.any(Number),
    });
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const res = await handlePair(request('pair', { body: JSON.stringify({ code }), headers: { 'x-forwarded-proto': 'https' } }));
    expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it.each([
    ['a reused code', async () => (await pair()).res.status === 200 && JSON.stringify({ code })],
    ['an unknown code', () => JSON.stringify({ code: 'ZZZZ ZZZZ' })],
  ])('refuses %s with a clear message', async (_name, body) => {
    const res = await handlePair(request('pair', { body: (await body()) as string }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'bad_code', error: expect.stringMatching(/không đúng, đã hết hạn hoặc đã được dùng/) });
  });

  it.each([
    ['no body', undefined, 'application/json'],
    ['not JSON', 'code=ABCD', 'application/x-www-form-urlencoded'],
    ['broken JSON', '{', 'application/json'],
    ['no code', '{}', 'application/json'],
    ['a numeric code', '{"code": 5}', 'application/json'],
  ])('refuses %s as bad_code', async (_name, body, type) => {
    const res = await handlePair(request('pair', { body, type }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'bad_code', error: expect.stringMatching(/Vui lòng nhập mã/) });
  });

  it('counts failures by the socket peer: a forged, rotating X-Forwarded-For does not escape the throttle', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await handlePair(request('pair', { body: JSON.stringify({ code: 'ZZZZZZZZ' }), headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } }));
      expect(res.status).toBe(400);
    }
    const res = await handlePair(request('pair', { body: JSON.stringify({ code }), headers: { 'x-forwarded-for': '198.51.100.77' } }));
    expect(res.status).toBe(429);
    // another peer is not affected
    const other = await handlePair(new NextRequest(`${BASE}/pair`, { method: 'POST', body: JSON.stringify({ code }), headers: { ...peerStampFor('10.9.9.9'), 'content-type': 'application/json' } }));
    expect(other.status).toBe(200);
  });

  it('throttles after 10 failures from one network', async () => {
    for (let i = 0; i < 10; i++) expect((await pair('ZZZZZZZZ')).res.status).toBe(400);
    const { res, json } = await pair();
    expect(res.status).toBe(429);
    expect(json).toEqual({ code: 'throttled', error: expect.stringMatching(/15 phút/) });
  });
});

describe('GET /api/kiosk/config', () => {
  it('answers the config to the paired tablet and records the contact', async () => {
    const { cookie } = await pair();
    await t.conn.run('update kiosks set last_seen_at = 0');
    const res = await handleConfig(request('config', { method: 'GET', cookie, type: null }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kiosk: { id: kioskId } });
    expect(Number(await t.conn.value('select last_seen_at from kiosks'))).toBeGreaterThan(Date.now() - 5000);
  });

  it.each([
    ['no cookie', ''],
    ['a forged cookie', `hl_kiosk=${1}.${'A'.repeat(43)}`],
    ['garbage', 'hl_kiosk=hello'],
  ])('401 unpaired for %s', async (_name, cookie) => {
    const res = await handleConfig(request('config', { method: 'GET', cookie, type: null }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unpaired', error: expect.stringMatching(/chưa được ghép nối hoặc đã bị thu hồi/) });
  });

  it('401 after revocation', async () => {
    const { cookie } = await pair();
    await revokeKiosk({ viewer: head, kioskId });
    expect((await handleConfig(request('config', { method: 'GET', cookie, type: null }))).status).toBe(401);
  });
});

describe('POST /api/kiosk/batch', () => {
  it('stores the valid items, rejects the rest with reasons, and reports duplicates on retry', async () => {
    const { cookie } = await pair();
    const good = [item(), item({ score: 2, reasons: ['waiting'] }), item({ comment: 'Tốt' })];
    const bad = [item({ score: 7 }), item({ tappedAt: Date.now() + 10 * 60_000 })];
    const body = { appVersion: '1.0.0', queued: 5, items: [...good, ...bad] };
    const res = await batch(cookie, body);
    expect(res.status).toBe(200);
    const json = (await res.json()) as { stored: string[]; duplicates: string[]; rejected: { clientId: string; reason: string }[]; serverTime: number };
    expect(json.stored).toEqual(good.map((g) => g.clientId));
    expect(json.duplicates).toEqual([]);
    expect(json.rejected).toEqual([
      { clientId: bad[0]!.clientId, reason: expect.stringMatching(/từ 1 đến 5/) },
      { clientId: bad[1]!.clientId, reason: expect.stringMatching(/tương lai/) },
    ]);
    expect(await count()).toBe(3);
    expect(await t.conn.get('select app_version as "v", queued_count as "q" from kiosks')).toEqual({ v: '1.0.0', q: 5 });

    const again = (await (await batch(cookie, body)).json()) as typeof json;
    expect(again.stored).toEqual([]);
    expect(again.duplicates).toEqual(good.map((g) => g.clientId));
    expect(await count()).toBe(3);
  });

  it('accepts an empty heartbeat', async () => {
    const { cookie } = await pair();
    const res = await batch(cookie, { appVersion: '2.0', queued: 0, items: [] });
    expect(await res.json()).toEqual({ stored: [], duplicates: [], rejected: [], serving: null, serverTime: expect.any(Number) });
    expect(await t.conn.get('select app_version as "v", queued_count as "q" from kiosks')).toEqual({ v: '2.0', q: 0 });
  });

  it.each([
    ['invalid JSON', '{"appVersion": "1", ', undefined],
    ['a wrong content type', JSON.stringify({ appVersion: '1', queued: 1, items: [item()] }), 'text/plain'],
    ['not an object', '[1,2]', undefined],
    ['items not an array', JSON.stringify({ appVersion: '1', queued: 0, items: 'x' }), undefined],
    ['501 items', JSON.stringify({ appVersion: '1', queued: 0, items: Array.from({ length: 501 }, () => item()) }), undefined],
    ['no appVersion', JSON.stringify({ queued: 1, items: [item()] }), undefined],
    ['an item without clientId', JSON.stringify({ appVersion: '1', queued: 2, items: [item(), { score: 5 }] }), undefined],
    ['a body over 512 KB', JSON.stringify({ appVersion: '1', queued: 1, items: [item({ comment: 'x'.repeat(600 * 1024) })] }), undefined],
  ])('refuses %s whole, storing nothing', async (_name, body, type) => {
    const { cookie } = await pair();
    const res = await batch(cookie, body, type);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'bad_batch', error: expect.stringMatching(/^Lô đánh giá không hợp lệ/) });
    expect(await count()).toBe(0);
  });

  it('rejects, one by one and for good, ratings tapped before the kiosk was paired (500 backdated five-star ratings store nothing)', async () => {
    const { cookie } = await pair();
    const backdated = Array.from({ length: 500 }, (_, i) => item({ tappedAt: Date.now() - 29 * 24 * 3600_000 + i * 60_000 }));
    const res = await batch(cookie, { appVersion: '1', queued: 500, items: backdated });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { stored: string[]; rejected: { clientId: string; reason: string }[] };
    expect(json.stored).toEqual([]);
    expect(json.rejected).toHaveLength(500);
    expect(json.rejected[0]).toEqual({ clientId: backdated[0]!.clientId, reason: 'Đánh giá bị loại: thời điểm chạm trước khi máy tính bảng được ghép nối.' });
    expect(await count()).toBe(0);
  });

  it('keeps accepting ratings queued before a re-pairing (the first pairing counts, ADR 011)', async () => {
    await pair();
    // As if the tablet had been paired three hours ago (an hour of clock tolerance before that).
    await t.conn.run('update kiosks set first_paired_at = first_paired_at - 10800000, paired_at = paired_at - 10800000');
    const again = (await repairKiosk({ viewer: head, kioskId }))!;
    const { cookie } = await pair(again.code);
    const queued = item({ tappedAt: Date.now() - 2 * 3600_000 });
    const tooOld = item({ tappedAt: Date.now() - 5 * 3600_000 });
    const json = (await (await batch(cookie, { appVersion: '1', queued: 2, items: [queued, tooOld] })).json()) as { stored: string[]; rejected: { clientId: string }[] };
    expect(json.stored).toEqual([queued.clientId]);
    expect(json.rejected.map((r) => r.clientId)).toEqual([tooOld.clientId]);
  });

  it('stores a rating tapped at night but flags it outside_hours', async () => {
    const { cookie } = await pair();
    await t.conn.run('update kiosks set first_paired_at = 0');
    // 23:00 in Việt Nam yesterday or today, whichever is in the past
    const night = Math.floor((Date.now() + 7 * 3600_000) / 86_400_000) * 86_400_000 - 7 * 3600_000 - 3600_000;
    const r = item({ tappedAt: night });
    const json = (await (await batch(cookie, { appVersion: '1', queued: 1, items: [r] })).json()) as { stored: string[] };
    expect(json.stored).toEqual([r.clientId]);
    expect(await t.conn.get('select flags, excluded from responses')).toEqual({ flags: 'outside_hours', excluded: 1 });
  });

  it('answers 429 with Retry-After to the 31st batch within a minute, storing nothing', async () => {
    const { cookie } = await pair();
    for (let i = 0; i < 30; i++) expect((await batch(cookie, { appVersion: '1', queued: 0, items: [] })).status).toBe(200);
    const res = await batch(cookie, { appVersion: '1', queued: 1, items: [item()] });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await res.json()).toEqual({ code: 'throttled', error: expect.stringMatching(/quá nhiều lô đánh giá.*sẽ được gửi lại sau \d+ giây/) });
    expect(await count()).toBe(0);
  });

  it('401 unpaired without a credential, before reading the body', async () => {
    const res = await batch('', { appVersion: '1', queued: 0, items: [] });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unpaired' });
  });
});

it('an unexpected failure is a 503 without a stack, logged', async () => {
  const logs = captureLogs();
  const errors = () => logs.lines().filter((l) => l.level === 'error');
  try {
    const res = await guarded('test', () => {
      throw new Error('disk on fire');
    });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toContain('disk on fire');
    expect(JSON.parse(text)).toMatchObject({ code: 'unavailable' });
    expect(errors()).toEqual([expect.objectContaining({ msg: 'kiosk test failed', err: expect.objectContaining({ message: 'disk on fire' }) })]);
  } finally {
    logs.stop();
  }
});

describe('the question set assigned to the office decides what the kiosk asks and how ratings are stored', () => {
  /** A copy of the default set whose kiosk asks only Q6 (waiting time), with a reworded Q6. */
  const waitingOnly: QuestionSetDefinition = {
    ...DEFAULT_QUESTION_SET,
    questions: DEFAULT_QUESTION_SET.questions.map((q) =>
      q.kind !== 'scale5' ? q : q.key === 'q6' ? { ...q, kiosk: true, text: { vi: 'Thời gian chờ hôm nay thế nào?', en: 'How was the wait today?' } } : { ...q, kiosk: false },
    ),
  };
  const config = async (cookie: string) => (await (await handleConfig(request('config', { method: 'GET', cookie, type: null }))).json()) as { questionSetVersionId: number; questions: { key: string; text: { vi: string } }[] };
  const stored = (clientId: string) =>
    t.conn.all<{ v: number; k: string; score: number | null; choice: string | null }>(
      'select r.question_set_version_id as "v", a.question_key as "k", a.score, a.choice from responses r join answers a on a.response_id = r.id where r.client_id = ? order by a.id',
      [clientId],
    );

  it('asks the assigned set\'s kiosk questions; ratings keep the version they were asked from, even one taken offline before the change', async () => {
    const { cookie } = await pair();
    const before = await config(cookie);
    expect(before.questions.map((q) => q.key)).toEqual(['q1', 'q2']);

    const province = (await t.conn.get<{ id: number; path: string }>("select id, path from units where kind = 'province'"))!;
    const office = (await t.conn.get<{ id: number; path: string }>("select id, path from units where kind = 'office'"))!;
    const admin = await addTestViewer('admin', province, 'quantri');
    const set = await createQuestionSet({ name: 'Bộ hỏi thời gian chờ', isDefault: false, definition: waitingOnly, ownerUnitId: province.id });
    expect(await assignQuestionSet({ viewer: admin, unitId: office.id, questionSetId: set.set.id })).toEqual({ status: 'assigned' });
    expect(await t.conn.value('select count(*) from audit_log where action = ?', ['unit.assign_question_set'])).toBe(1);

    const after = await config(cookie);
    expect(after.questionSetVersionId).toBe(set.version.id);
    expect(after.questions).toEqual([expect.objectContaining({ key: 'q6', text: expect.objectContaining({ vi: 'Thời gian chờ hôm nay thế nào?' }) })]);

    const offline = item({ score: undefined, questionSetVersionId: before.questionSetVersionId, answers: [{ questionKey: 'q1', score: 2 }, { questionKey: 'q2', score: 3 }], reasons: ['attitude'] });
    const fresh = item({ score: undefined, questionSetVersionId: after.questionSetVersionId, answers: [{ questionKey: 'q6', score: 4 }] });
    const wrongKey = item({ score: undefined, questionSetVersionId: after.questionSetVersionId, answers: [{ questionKey: 'q1', score: 4 }] });
    const json = (await (await batch(cookie, { appVersion: '2', queued: 3, items: [offline, fresh, wrongKey] })).json()) as { stored: string[]; rejected: { clientId: string }[] };
    expect(json.stored).toEqual([offline.clientId, fresh.clientId]);
    expect(json.rejected.map((r) => r.clientId)).toEqual([wrongKey.clientId]);
    expect(await stored(offline.clientId)).toEqual([
      { v: before.questionSetVersionId, k: 'q1', score: 2, choice: null },
      { v: before.questionSetVersionId, k: 'q2', score: 3, choice: null },
      { v: before.questionSetVersionId, k: 'q10', score: null, choice: 'attitude' },
    ]);
    expect(await stored(fresh.clientId)).toEqual([{ v: after.questionSetVersionId, k: 'q6', score: 4, choice: null }]);
  });

  it('refuses a rating that names the version of a set owned by a neighbouring unit', async () => {
    const { cookie } = await pair();
    const province = (await t.conn.get<{ id: number; path: string }>("select id, path from units where kind = 'province'"))!;
    const neighbour = await addUnit(t, { parent: { id: province.id, path: province.path }, kind: 'commune', name: 'Phường bên cạnh', rateable: true });
    const theirs = await createQuestionSet({ name: 'Bộ của phường bên cạnh', isDefault: false, definition: waitingOnly, ownerUnitId: neighbour.id });
    const forged = item({ score: undefined, questionSetVersionId: theirs.version.id, answers: [{ questionKey: 'q6', score: 5 }] });
    const json = (await (await batch(cookie, { appVersion: '2', queued: 1, items: [forged] })).json()) as { stored: string[]; rejected: { reason: string }[] };
    expect(json.stored).toEqual([]);
    expect(json.rejected).toEqual([{ clientId: forged.clientId, reason: expect.stringMatching(/phiên bản bộ câu hỏi/) }]);
    expect(await count()).toBe(0);
  });
});
