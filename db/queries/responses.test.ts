import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { openTestDb } from '../testing';
import { createQuestionSet } from './question-sets';
import { createResponse, type NewResponse } from './responses';
import { createCounter, createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
let base: Omit<NewResponse, 'clientId'>;
let counterId: number;

beforeEach(() => {
  db = openTestDb();
  const { version } = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET });
  const office = createUnit(db, { parentId: null, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  counterId = createCounter(db, { unitId: office.id, name: 'Quầy 1' }).id;
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

  it('does not flag the same device rating another counter of the office', () => {
    const other = createCounter(db, { unitId: base.unitId, name: 'Quầy 2' }).id;
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

  it('refuses a network over its limit', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkLimit; i++) store({ deviceHash: null, counterId: i % 2 ? counterId : null });
    expect(store({ deviceHash: null })).toEqual({ status: 'rejected', reason: 'network_limit' });
  });

  it('rolls back a response whose answers cannot be stored', () => {
    expect(() => store({ questionSetVersionId: 9999 })).toThrow();
    expect(count('responses')).toBe(0);
    expect(count('answers')).toBe(0);
  });
});
