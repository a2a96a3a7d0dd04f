import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuestionSet } from '@/db/queries/question-sets';
import { createResponse } from '@/db/queries/responses';
import { createUnit } from '@/db/queries/units';
import { openTestDb, testResponse } from '@/db/testing';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { networkHashOf } from './client-address';

// The survey keys its network rules on networkHashOf(clientAddressOf(req)) (server/survey.ts):
// these tests store through the real submit statements with the hashes the survey would compute.
let db: ReturnType<typeof openTestDb>;
let unitId: number;
let versionId: number;
const now = new Date('2026-12-04T02:00:00Z');

beforeEach(async () => {
  db = openTestDb();
  versionId = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET }).version.id;
  unitId = (await createUnit({ parentId: null, kind: 'office', name: 'Bộ phận Một cửa', rateable: true })).id;
});
afterEach(() => db.dispose());

const rateFrom = (address: string) =>
  createResponse(db, { ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: now }), clientId: randomUUID(), networkHash: networkHashOf(address), rules: DEFAULT_ABUSE_RULES });

describe('the survey\'s network rules count an IPv6 /64 as one network', () => {
  it('two addresses of one /64 share one limit', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkLimit; i++) expect(rateFrom(`2001:db8:1:2::${(i + 1).toString(16)}`).status).toBe('created');
    expect(rateFrom('2001:db8:1:2:ffff:ffff:ffff:fffe')).toEqual({ status: 'rejected', reason: 'network_limit' });
    // The next /64 is another subscriber.
    expect(rateFrom('2001:db8:1:3::1').status).toBe('created');
  });

  it('two addresses of one /64 make one burst', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) rateFrom(i % 2 ? '2001:db8:1:2::a' : '2001:db8:1:2:abcd::b');
    expect(rateFrom('2001:0db8:0001:0002:0000:0000:0000:00ff')).toMatchObject({ status: 'created', flags: ['network_burst'] });
  });

  it('IPv4 addresses stay one network each', () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) rateFrom('203.0.113.7');
    expect(rateFrom('203.0.113.8')).toMatchObject({ status: 'created', flags: [] });
  });
});
