import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { openTestDb } from '../testing';
import { ABUSE_SIGNAL_RETENTION_MS, runRetention, THROTTLE_EVENT_RETENTION_MS } from './maintenance';
import { createQuestionSet } from './question-sets';
import { createResponse } from './responses';
import { createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
const NOW = new Date('2026-11-27T03:00:00Z');

beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.dispose());

async function store(at: Date, purgeAfter: Date | null) {
  const { version } = createQuestionSet(db, { name: `Bộ ${randomUUID()}`, isDefault: false, definition: DEFAULT_QUESTION_SET });
  const unit = await createUnit({ parentId: null, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  return createResponse(db, {
    clientId: randomUUID(),
    unitId: unit.id,
    counterId: null,
    questionSetVersionId: version.id,
    channel: 'qr',
    submittedAt: at,
    receivedAt: at,
    lang: 'vi',
    procedureFieldId: null,
    comment: 'Cần liên hệ lại',
    answers: [
      { questionKey: 'q1', score: 1, choice: null },
      { questionKey: 'q2', score: 1, choice: null },
    ],
    contact: purgeAfter ? { phone: '0912345678', consentVersion: 'lien-he-v1', purgeAfter } : null,
    deviceHash: 'd'.repeat(32),
    networkHash: 'n'.repeat(32),
    rules: DEFAULT_ABUSE_RULES,
  });
}
const rows = () => db.$client.prepare('select device_hash as d, network_hash as n, comment from responses order by id').all();
const contactCount = () => (db.$client.prepare('select count(*) as n from contacts').get() as { n: number }).n;

describe('runRetention', () => {
  it('deletes contacts past their purge date and keeps the rating', async () => {
    await store(new Date('2025-11-01T03:00:00Z'), new Date(NOW.getTime() - 1));
    await store(new Date('2026-11-20T03:00:00Z'), new Date(NOW.getTime() + 1));
    expect(runRetention(db, { now: NOW }).contactsPurged).toBe(1);
    expect(contactCount()).toBe(1);
    expect(rows()).toHaveLength(2);
  });

  it('clears abuse hashes only once they are older than the retention', async () => {
    await store(new Date(NOW.getTime() - ABUSE_SIGNAL_RETENTION_MS - 1), null);
    await store(new Date(NOW.getTime() - ABUSE_SIGNAL_RETENTION_MS + 1), null);
    expect(runRetention(db, { now: NOW }).signalsCleared).toBe(1);
    expect(rows()).toEqual([
      { d: null, n: null, comment: 'Cần liên hệ lại' },
      { d: 'd'.repeat(32), n: 'n'.repeat(32), comment: 'Cần liên hệ lại' },
    ]);
    expect(runRetention(db, { now: NOW })).toEqual({ contactsPurged: 0, signalsCleared: 0, sessionsDeleted: 0, throttleEventsDeleted: 0 });
  });

  it('deletes throttle events older than a day (kiosk pairing and batches)', () => {
    const insert = db.$client.prepare("insert into throttle_events (scope, key, at) values ('kiosk_batch', '1', ?)");
    insert.run(NOW.getTime() - THROTTLE_EVENT_RETENTION_MS - 1);
    insert.run(NOW.getTime() - 60_000);
    expect(runRetention(db, { now: NOW })).toMatchObject({ throttleEventsDeleted: 1 });
    expect(db.$client.prepare('select count(*) as n from throttle_events').get()).toEqual({ n: 1 });
  });
});
