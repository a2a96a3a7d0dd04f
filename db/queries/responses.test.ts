import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import type { Db } from '../client';
import { answers, responses } from '../schema';
import { openTestDb } from '../testing';
import { createQuestionSet } from './question-sets';
import { createResponse, type NewResponse } from './responses';
import { createCounter, createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
let base: Omit<NewResponse, 'clientId'>;
let counterId: number;

beforeEach(async () => {
  db = openTestDb();
  const { version } = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET });
  const office = await createUnit({ parentId: null, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  counterId = (await createCounter({ unitId: office.id, name: 'Quầy 1' })).id;
  const now = new Date('2026-11-27T02:00:00Z');
  base = {
    unitId: office.id,
    counterId: null,
    questionSetVersionId: version.id,
    channel: 'qr',
    submittedAt: now,
    receivedAt: now,
    lang: 'vi',
    procedureFieldId: null,
    comment: null,
    answers: [
      { questionKey: 'q1', score: 5, choice: null },
      { questionKey: 'q2', score: 4, choice: null },
    ],
    contact: null,
    deviceHash: 'd'.repeat(32),
    networkHash: 'n'.repeat(32),
  };
});
afterEach(() => db.dispose());

const store = (over: Partial<NewResponse> = {}) => createResponse(db, { ...base, clientId: randomUUID(), ...over, rules: DEFAULT_ABUSE_RULES });
const count = (table: string) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('createResponse', () => {
  it('stores the response with its answers', () => {
    const r = store();
    expect(r).toMatchObject({ status: 'created', receiptCode: null, flags: [] });
    expect(count('responses')).toBe(1);
    expect(count('answers')).toBe(2);
  });

  it('stores the same client id once and returns the stored one', () => {
    const clientId = randomUUID();
    const first = store({ clientId, comment: 'Rất tốt' });
    const second = store({ clientId, comment: 'Rất tốt' });
    expect(second).toEqual({ ...first, status: 'duplicate' });
    expect(count('responses')).toBe(1);
    expect(count('answers')).toBe(2);
  });

  it('gives a receipt code only with a comment', () => {
    const r = store({ comment: 'Cán bộ nhiệt tình' });
    expect(r.status === 'created' && r.receiptCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
  });

  it('keeps contact data apart, with its consent version and purge date', () => {
    const r = store({ contact: { phone: '0912345678', consentVersion: 'lien-he-v1', purgeAfter: new Date('2027-11-27T02:00:00Z') } });
    const row = db.$client.prepare('select phone, consent_version, purge_after from contacts where response_id = ?').get(r.status === 'created' ? r.responseId : 0);
    expect(row).toEqual({ phone: '0912345678', consent_version: 'lien-he-v1', purge_after: Date.parse('2027-11-27T02:00:00Z') });
  });

  it('flags a second rating of the same office from the same device, and keeps it', () => {
    store();
    const again = store();
    expect(again).toMatchObject({ status: 'created', flags: ['device_repeat'] });
    expect(db.$client.prepare('select flags, excluded from responses order by id').all()).toEqual([
      { flags: null, excluded: 0 },
      { flags: 'device_repeat', excluded: 1 },
    ]);
  });

  it('does not flag the same device rating another counter of the office', async () => {
    const other = (await createCounter({ unitId: base.unitId, name: 'Quầy 2' })).id;
    store({ counterId });
    expect(store({ counterId: other })).toMatchObject({ status: 'created', flags: [] });
    // The office's own QR after one of its counters is the same office again.
    expect(store({ counterId: null })).toMatchObject({ status: 'created', flags: ['device_repeat'] });
  });

  it('refuses a device over its limit and stores nothing', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.deviceLimit; i++) store({ networkHash: `net${i}` });
    expect(store()).toEqual({ status: 'rejected', reason: 'device_limit' });
    expect(count('responses')).toBe(DEFAULT_ABUSE_RULES.deviceLimit);
  });

  it('counts only ratings inside the window', () => {
    const longAgo = new Date(base.receivedAt.getTime() - DEFAULT_ABUSE_RULES.deviceWindowMs - 1);
    for (let i = 0; i < DEFAULT_ABUSE_RULES.deviceLimit; i++) store({ receivedAt: longAgo, submittedAt: longAgo });
    expect(store()).toMatchObject({ status: 'created', flags: [] });
  });

  it('flags a network burst on one office without refusing it', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) store({ deviceHash: null });
    expect(store({ deviceHash: null })).toMatchObject({ status: 'created', flags: ['network_burst'] });
  });

  it('counts a network burst per office across all its counters (31st of 4 counters flagged)', async () => {
    const counters = [counterId];
    for (const n of [2, 3, 4]) counters.push((await createCounter({ unitId: base.unitId, name: `Quầy ${n}` })).id);
    const results = Array.from({ length: DEFAULT_ABUSE_RULES.networkBurst + 1 }, (_, i) => store({ deviceHash: null, counterId: counters[i % 4]! }));
    expect(results.slice(0, -1).every((r) => r.status === 'created' && r.flags.length === 0)).toBe(true);
    expect(results.at(-1)).toMatchObject({ status: 'created', flags: ['network_burst'] });
  });

  it('does not count another office\'s ratings towards a network burst', async () => {
    const other = await createUnit({ parentId: null, kind: 'office', name: 'Bộ phận khác', rateable: true });
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) store({ deviceHash: null, unitId: other.id });
    expect(store({ deviceHash: null })).toMatchObject({ status: 'created', flags: [] });
  });

  it('refuses a stored client id posted to another office, without revealing its receipt code', async () => {
    const clientId = randomUUID();
    const first = store({ clientId, comment: 'Rất tốt' });
    expect(first.status === 'created' && first.receiptCode).toBeTruthy();
    const other = await createUnit({ parentId: null, kind: 'office', name: 'Bộ phận khác', rateable: true });
    expect(store({ clientId, unitId: other.id, comment: 'Giả mạo' })).toEqual({ status: 'rejected', reason: 'used_elsewhere' });
    expect(count('responses')).toBe(1);
    // The same office through one of its counters is still the same form sent again.
    expect(store({ clientId, counterId, comment: 'Rất tốt' })).toEqual({ ...first, status: 'duplicate' });
  });

  it('refuses a network over its limit', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkLimit; i++) store({ deviceHash: null, counterId: i % 2 ? counterId : null });
    expect(store({ deviceHash: null })).toEqual({ status: 'rejected', reason: 'network_limit' });
  });

  it('adds a caller\'s flags (kiosk burst) to those of the rules and excludes the rating', () => {
    store();
    const r = store({ extraFlags: ['kiosk_burst', 'kiosk_burst'] });
    expect(r).toMatchObject({ status: 'created', flags: ['device_repeat', 'kiosk_burst'] });
    expect(db.$client.prepare('select flags, excluded from responses order by id').all()).toEqual([
      { flags: null, excluded: 0 },
      { flags: 'device_repeat,kiosk_burst', excluded: 1 },
    ]);
    expect(db.$client.prepare("select flag, n from rollup_flags order by flag").all()).toEqual([
      { flag: 'device_repeat', n: 1 },
      { flag: 'kiosk_burst', n: 1 },
    ]);
  });

  it('without device or network signal (a kiosk) applies no device or network limit', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.deviceLimit + 2; i++) {
      expect(store({ deviceHash: null, networkHash: null, channel: 'kiosk' })).toMatchObject({ status: 'created', flags: [] });
    }
    expect(count('responses')).toBe(DEFAULT_ABUSE_RULES.deviceLimit + 2);
  });

  it('rolls back a response whose answers cannot be stored', () => {
    expect(() => store({ questionSetVersionId: 9999 })).toThrow();
    expect(count('responses')).toBe(0);
    expect(count('answers')).toBe(0);
  });

  it('writes every column as the schema reads it back', () => {
    const submittedAt = new Date('2026-11-27T01:59:30Z');
    const r = store({
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      counterId,
      channel: 'web',
      submittedAt,
      lang: 'en',
      comment: 'Chờ lâu',
      kioskId: 3,
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q10', score: null, choice: 'waiting' },
      ],
    });
    if (r.status !== 'created') throw new Error(r.status);
    expect(db.select().from(responses).where(eq(responses.id, r.responseId)).get()).toEqual({
      id: r.responseId,
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      unitId: base.unitId,
      counterId,
      questionSetVersionId: base.questionSetVersionId,
      channel: 'web',
      submittedAt,
      receivedAt: base.receivedAt,
      lang: 'en',
      procedureFieldId: null,
      comment: 'Chờ lâu',
      receiptCode: r.receiptCode,
      deviceHash: base.deviceHash,
      networkHash: base.networkHash,
      flags: null,
      excluded: false,
      kioskId: 3,
    });
    expect(db.select({ questionKey: answers.questionKey, score: answers.score, choice: answers.choice }).from(answers).where(eq(answers.responseId, r.responseId)).all()).toEqual([
      { questionKey: 'q1', score: 2, choice: null },
      { questionKey: 'q10', score: null, choice: 'waiting' },
    ]);
  });

  it('stores flags as the schema reads them back', () => {
    store();
    const r = store();
    if (r.status !== 'created') throw new Error(r.status);
    expect(db.select({ flags: responses.flags, excluded: responses.excluded }).from(responses).where(eq(responses.id, r.responseId)).get()).toEqual({
      flags: 'device_repeat',
      excluded: true,
    });
  });

  it('takes part in a caller\'s transaction and rolls back with it', () => {
    expect(() =>
      db.transaction((tx) => {
        expect(createResponse(tx as unknown as Db, { ...base, clientId: randomUUID(), rules: DEFAULT_ABUSE_RULES })).toMatchObject({ status: 'created' });
        throw new Error('caller fails after storing');
      }),
    ).toThrow('caller fails after storing');
    expect(count('responses')).toBe(0);
    expect(store()).toMatchObject({ status: 'created' });
  });

  it('keeps the statements of different databases apart', () => {
    const other = openTestDb();
    try {
      expect(() => createResponse(other, { ...base, clientId: randomUUID(), rules: DEFAULT_ABUSE_RULES })).toThrow();
      expect(store()).toMatchObject({ status: 'created' });
      expect(count('responses')).toBe(1);
    } finally {
      other.dispose();
    }
  });
});
