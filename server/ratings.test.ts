import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { storeRating } from './ratings';
import { rebuildRollupsAndCompare } from '@/db/queries/rollups';
import { answers, responses } from '@/db/schema';
import { installStore, transaction } from '@/db/store';
import { openTestStore, type TestStore } from '@/db/testing';
import { addTestCounter, addTestUnit } from '@/db/testing-ratings';
import { createQuestionSet } from '@/db/queries/question-sets';
import { readSubmissionFacts, readSurveyTargetAndFacts, type NewResponse } from '@/db/queries/responses';
import { getSurveyTargetAndVersionId } from '@/db/queries/units';

let t: TestStore;
let base: Omit<NewResponse, 'clientId'>;
let counterId: number;
let codes: { office: string; counter: string };

beforeEach(async () => {
  t = await openTestStore();
  const { version } = await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET });
  const office = await addTestUnit({ parentId: null, name: 'Bộ phận Một cửa' });
  const counter = await addTestCounter({ unitId: office.id, name: 'Quầy 1' });
  counterId = counter.id;
  codes = { office: office.code!, counter: counter.code };
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
afterEach(() => t.dispose());

const store = (over: Partial<NewResponse> = {}) => storeRating({ ...base, clientId: randomUUID(), ...over, rules: DEFAULT_ABUSE_RULES });
const count = async (table: string) => Number(await t.conn.value(`select count(*) from ${table}`));
const rows = (text: string, params?: unknown[]) => t.conn.all(text, params);

describe('storeRating', () => {
  it('stores the response with its answers', async () => {
    const r = await store();
    expect(r).toMatchObject({ status: 'created', receiptCode: null, flags: [] });
    expect(await count('responses')).toBe(1);
    expect(await count('answers')).toBe(2);
  });

  it('stores the same client id once and returns the stored one', async () => {
    const clientId = randomUUID();
    const first = await store({ clientId, comment: 'Rất tốt' });
    const second = await store({ clientId, comment: 'Rất tốt' });
    expect(second).toEqual({ ...first, status: 'duplicate' });
    expect(await count('responses')).toBe(1);
    expect(await count('answers')).toBe(2);
  });

  it('gives a receipt code only with a comment', async () => {
    const r = await store({ comment: 'Cán bộ nhiệt tình' });
    expect(r.status === 'created' && r.receiptCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
  });

  it('keeps contact data apart, with its consent version and purge date', async () => {
    const r = await store({ contact: { phone: '0912345678', consentVersion: 'lien-he-v1', purgeAfter: new Date('2027-11-27T02:00:00Z') } });
    const [row] = await rows('select phone, consent_version, purge_after from contacts where response_id = ?', [r.status === 'created' ? r.responseId : 0]);
    expect(row).toEqual({ phone: '0912345678', consent_version: 'lien-he-v1', purge_after: Date.parse('2027-11-27T02:00:00Z') });
  });

  it('flags a second rating of the same office from the same device, and keeps it', async () => {
    await store();
    const again = await store();
    expect(again).toMatchObject({ status: 'created', flags: ['device_repeat'] });
    expect(await rows('select flags, excluded from responses order by id')).toEqual([
      { flags: null, excluded: 0 },
      { flags: 'device_repeat', excluded: 1 },
    ]);
  });

  it('does not flag the same device rating another counter of the office', async () => {
    const other = (await addTestCounter({ unitId: base.unitId, name: 'Quầy 2' })).id;
    await store({ counterId });
    expect(await store({ counterId: other })).toMatchObject({ status: 'created', flags: [] });
    // The office's own QR after one of its counters is the same office again.
    expect(await store({ counterId: null })).toMatchObject({ status: 'created', flags: ['device_repeat'] });
  });

  it('refuses a device over its limit and stores nothing', async () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.deviceLimit; i++) await store({ networkHash: `net${i}` });
    expect(await store()).toEqual({ status: 'rejected', reason: 'device_limit' });
    expect(await count('responses')).toBe(DEFAULT_ABUSE_RULES.deviceLimit);
  });

  it('counts only ratings inside the window', async () => {
    const longAgo = new Date(base.receivedAt.getTime() - DEFAULT_ABUSE_RULES.deviceWindowMs - 1);
    for (let i = 0; i < DEFAULT_ABUSE_RULES.deviceLimit; i++) await store({ receivedAt: longAgo, submittedAt: longAgo });
    expect(await store()).toMatchObject({ status: 'created', flags: [] });
  });

  it('flags a network burst on one office without refusing it', async () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) await store({ deviceHash: null });
    expect(await store({ deviceHash: null })).toMatchObject({ status: 'created', flags: ['network_burst'] });
  });

  it('counts a network burst per office across all its counters (31st of 4 counters flagged)', async () => {
    const counters = [counterId];
    for (const n of [2, 3, 4]) counters.push((await addTestCounter({ unitId: base.unitId, name: `Quầy ${n}` })).id);
    const results = [];
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst + 1; i++) results.push(await store({ deviceHash: null, counterId: counters[i % 4]! }));
    expect(results.slice(0, -1).every((r) => r.status === 'created' && r.flags.length === 0)).toBe(true);
    expect(results.at(-1)).toMatchObject({ status: 'created', flags: ['network_burst'] });
  });

  it('does not count another office\'s ratings towards a network burst', async () => {
    const other = await addTestUnit({ parentId: null, name: 'Bộ phận khác' });
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) await store({ deviceHash: null, unitId: other.id });
    expect(await store({ deviceHash: null })).toMatchObject({ status: 'created', flags: [] });
  });

  it('refuses a stored client id posted to another office, without revealing its receipt code', async () => {
    const clientId = randomUUID();
    const first = await store({ clientId, comment: 'Rất tốt' });
    expect(first.status === 'created' && first.receiptCode).toBeTruthy();
    const other = await addTestUnit({ parentId: null, name: 'Bộ phận khác' });
    expect(await store({ clientId, unitId: other.id, comment: 'Giả mạo' })).toEqual({ status: 'rejected', reason: 'used_elsewhere' });
    expect(await count('responses')).toBe(1);
    // The same office through one of its counters is still the same form sent again.
    expect(await store({ clientId, counterId, comment: 'Rất tốt' })).toEqual({ ...first, status: 'duplicate' });
  });

  it('refuses a network over its limit', async () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkLimit; i++) await store({ deviceHash: null, counterId: i % 2 ? counterId : null });
    expect(await store({ deviceHash: null })).toEqual({ status: 'rejected', reason: 'network_limit' });
  });

  it('adds a caller\'s flags (kiosk burst) to those of the rules and excludes the rating', async () => {
    await store();
    const r = await store({ extraFlags: ['kiosk_burst', 'kiosk_burst'] });
    expect(r).toMatchObject({ status: 'created', flags: ['device_repeat', 'kiosk_burst'] });
    expect(await rows('select flags, excluded from responses order by id')).toEqual([
      { flags: null, excluded: 0 },
      { flags: 'device_repeat,kiosk_burst', excluded: 1 },
    ]);
    expect(await rows('select flag, n from rollup_flags order by flag')).toEqual([
      { flag: 'device_repeat', n: 1 },
      { flag: 'kiosk_burst', n: 1 },
    ]);
  });

  it('without device or network signal (a kiosk) applies no device or network limit', async () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.deviceLimit + 2; i++) {
      expect(await store({ deviceHash: null, networkHash: null, channel: 'kiosk' })).toMatchObject({ status: 'created', flags: [] });
    }
    expect(await count('responses')).toBe(DEFAULT_ABUSE_RULES.deviceLimit + 2);
  });

  it('rolls back a response whose answers cannot be stored', async () => {
    await expect(store({ questionSetVersionId: 9999 })).rejects.toThrow();
    expect(await count('responses')).toBe(0);
    expect(await count('answers')).toBe(0);
  });

  it('writes every column as the schema reads it back', async () => {
    const submittedAt = new Date('2026-11-27T01:59:30Z');
    const r = await store({
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      counterId,
      channel: 'web',
      submittedAt,
      lang: 'en',
      comment: 'Chờ lâu',
      kioskId: 3,
      officialId: 5,
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q10', score: null, choice: 'waiting' },
      ],
    });
    if (r.status !== 'created') throw new Error(r.status);
    expect((await t.conn.db.select().from(responses).where(eq(responses.id, r.responseId)))[0]).toEqual({
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
      officialId: 5,
      dossierId: null,
    });
    expect(await t.conn.db.select({ questionKey: answers.questionKey, score: answers.score, choice: answers.choice }).from(answers).where(eq(answers.responseId, r.responseId)).orderBy(answers.id)).toEqual([
      { questionKey: 'q1', score: 2, choice: null },
      { questionKey: 'q10', score: null, choice: 'waiting' },
    ]);
  });

  it('stores flags as the schema reads them back', async () => {
    await store();
    const r = await store();
    if (r.status !== 'created') throw new Error(r.status);
    expect((await t.conn.db.select({ flags: responses.flags, excluded: responses.excluded }).from(responses).where(eq(responses.id, r.responseId)))[0]).toEqual({
      flags: 'device_repeat',
      excluded: true,
    });
  });

  it('takes part in a caller\'s transaction and rolls back with it', async () => {
    await expect(
      transaction(async () => {
        expect(await storeRating({ ...base, clientId: randomUUID(), rules: DEFAULT_ABUSE_RULES })).toMatchObject({ status: 'created' });
        throw new Error('caller fails after storing');
      }),
    ).rejects.toThrow('caller fails after storing');
    expect(await count('responses')).toBe(0);
    expect(await store()).toMatchObject({ status: 'created' });
  });

  it('a failed rating inside a caller\'s transaction undoes only itself (a savepoint)', async () => {
    const outcome = await transaction(async () => {
      const first = await store();
      await expect(store({ questionSetVersionId: 9999 })).rejects.toThrow();
      const third = await store({ deviceHash: null });
      return [first.status, third.status];
    });
    expect(outcome).toEqual(['created', 'created']);
    expect(await count('responses')).toBe(2);
    expect(await count('answers')).toBe(4);
  });

  it('stores into the store installed now (statements are not kept across databases)', async () => {
    const other = await openTestStore();
    try {
      await expect(store()).rejects.toThrow();
    } finally {
      await other.dispose();
      installStore(t);
    }
    expect(await store()).toMatchObject({ status: 'created' });
    expect(await count('responses')).toBe(1);
  });
});

/** 20 concurrent posts of one submission id: one stored, 19 duplicates answered alike, counted once. */
async function expectStoredOnce(over: Partial<NewResponse>) {
  const clientId = randomUUID();
  const results = await Promise.all(Array.from({ length: 20 }, () => store({ clientId, ...over, deviceHash: null, networkHash: null })));
  expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
  expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(19);
  const created = results.find((r) => r.status === 'created')!;
  for (const r of results) expect(r).toEqual({ ...created, status: r.status });
  expect(await count('responses')).toBe(1);
  expect(await count('answers')).toBe(2);
  expect(await rows('select sum(n) as "n" from rollup_responses')).toEqual([{ n: 1 }]);
}

describe('storeRating under concurrency', () => {
  it('stores 20 concurrent posts of one submission id once; the others are duplicates', async () => {
    await expectStoredOnce({ comment: 'Một lần thôi' });
  });

  it('stores 20 concurrent posts of one submission id once without a comment (the rating sent with COMMIT); the rollups count it once', async () => {
    await expectStoredOnce({});
    expect(await rows('select question_key as "q", score, sum(n) as "n" from rollup_scores group by question_key, score order by question_key')).toEqual([
      { q: 'q1', score: 5, n: 1 },
      { q: 'q2', score: 4, n: 1 },
    ]);
  });

  it('refuses one submission id posted to two offices at once as used elsewhere, and counts it for one office only', async () => {
    const other = await addTestUnit({ parentId: null, name: 'Bộ phận Một cửa khác' });
    const clientId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store({ clientId, unitId: i % 2 ? other.id : base.unitId, deviceHash: null, networkHash: null })),
    );
    const created = results.filter((r) => r.status === 'created');
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(4);
    expect(results.filter((r) => r.status === 'rejected' && r.reason === 'used_elsewhere')).toHaveLength(5);
    expect(await rows('select unit_id as "unitId", sum(n) as "n" from rollup_responses group by unit_id')).toHaveLength(1);
    expect((await rebuildRollupsAndCompare({ dryRun: true })).changed).toEqual([]);
  });

  it('lets exactly the device limit through when one device posts many ratings at once', async () => {
    const results = await Promise.all(Array.from({ length: DEFAULT_ABUSE_RULES.deviceLimit + 6 }, (_, i) => store({ networkHash: `net${i}` })));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(DEFAULT_ABUSE_RULES.deviceLimit);
    expect(results.filter((r) => r.status === 'rejected' && r.reason === 'device_limit')).toHaveLength(6);
    expect(await count('responses')).toBe(DEFAULT_ABUSE_RULES.deviceLimit);
  });

  it('lets exactly the network limit through when one network posts many ratings at once', async () => {
    const rules = { ...DEFAULT_ABUSE_RULES, networkLimit: 8 };
    const results = await Promise.all(Array.from({ length: 14 }, () => storeRating({ ...base, clientId: randomUUID(), deviceHash: null, rules })));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(8);
    expect(await count('responses')).toBe(8);
  });

  it('counts every concurrent rating in the rollups (atomic increments)', async () => {
    await Promise.all(Array.from({ length: 16 }, () => store({ deviceHash: null, networkHash: null })));
    expect(await rows('select sum(n) as "n" from rollup_responses')).toEqual([{ n: 16 }]);
    expect(await rows("select n from rollup_scores where question_key = 'q1'")).toEqual([{ n: 16 }]);
  });
});

describe('readSurveyTargetAndFacts (the survey post: its code\'s target with the facts, one statement)', () => {
  const since = Date.parse('2026-11-27T01:00:00Z');
  const windows = { deviceSince: since, networkSince: since };

  it('reads what getSurveyTargetAndVersionId and readSubmissionFacts read apart, for an office\'s code and a counter\'s', async () => {
    const stored = randomUUID();
    await store({ clientId: stored });
    await store({ counterId });
    await store({ deviceHash: 'e'.repeat(32) });
    for (const [code, target] of [
      [codes.office, { unitId: base.unitId, counterId: null }],
      [codes.counter, { unitId: base.unitId, counterId }],
    ] as const) {
      for (const clientId of [stored, randomUUID()]) {
        const query = { clientId, deviceHash: base.deviceHash, networkHash: base.networkHash, ...windows };
        const found = await readSurveyTargetAndFacts({ ...query, code, at: base.receivedAt.getTime() });
        const apart = await getSurveyTargetAndVersionId({ code });
        expect(found).toEqual({ ...apart, officialId: null, facts: await readSubmissionFacts({ ...query, ...target }) });
      }
    }
    // The counts differ by target (device 'd' rated the office, then its counter), so the comparison above can tell them apart.
    const atCounter = await readSurveyTargetAndFacts({ clientId: randomUUID(), deviceHash: base.deviceHash, networkHash: null, ...windows, code: codes.counter, at: 0 });
    const atOffice = await readSurveyTargetAndFacts({ clientId: randomUUID(), deviceHash: base.deviceHash, networkHash: null, ...windows, code: codes.office, at: 0 });
    expect([atCounter!.facts.counts.device, atOffice!.facts.counts.device]).toEqual([
      { total: 2, sameTarget: 1 },
      { total: 2, sameTarget: 2 },
    ]);
    expect(atOffice!.facts.counts.network).toBeNull();
  });

  it('finds nothing for an unknown code, a disabled counter or a disabled office', async () => {
    const query = { clientId: randomUUID(), deviceHash: null, networkHash: null, ...windows, at: 0 };
    expect(await readSurveyTargetAndFacts({ ...query, code: 'ZZZZZZ' })).toBeNull();
    await t.conn.run('update counters set active = false where id = ?', [counterId]);
    expect(await readSurveyTargetAndFacts({ ...query, code: codes.counter })).toBeNull();
    expect(await readSurveyTargetAndFacts({ ...query, code: codes.office })).not.toBeNull();
    await t.conn.run('update units set active = false where id = ?', [base.unitId]);
    expect(await readSurveyTargetAndFacts({ ...query, code: codes.office })).toBeNull();
  });
});
