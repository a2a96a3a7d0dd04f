import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuestionSet } from '@/db/queries/question-sets';
import { openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addTestUnit } from '@/db/testing-ratings';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { networkHashOf } from './client-address';
import { storeRating } from './ratings';

// The survey keys its network rules on networkHashOf(clientAddressOf(req)) (server/survey.ts):
// these tests store through the real submit statements with the hashes the survey would compute.
let t: TestStore;
let unitId: number;
let versionId: number;
const now = new Date('2026-12-04T02:00:00Z');

beforeEach(async () => {
  t = await openTestStore();
  versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
  unitId = (await addTestUnit({ parentId: null, name: 'Bộ phận Một cửa' })).id;
});
afterEach(() => t.dispose());

const rateFrom = (address: string) =>
  storeRating({ ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: now }), clientId: randomUUID(), networkHash: networkHashOf(address), rules: DEFAULT_ABUSE_RULES });

describe('the survey\'s network rules count an IPv6 /64 as one network', () => {
  it('two addresses of one /64 share one limit', async () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkLimit; i++) expect((await rateFrom(`2001:db8:1:2::${(i + 1).toString(16)}`)).status).toBe('created');
    expect(await rateFrom('2001:db8:1:2:ffff:ffff:ffff:fffe')).toEqual({ status: 'rejected', reason: 'network_limit' });
    // The next /64 is another subscriber.
    expect((await rateFrom('2001:db8:1:3::1')).status).toBe('created');
  }, 60_000);

  it('two addresses of one /64 make one burst', async () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) await rateFrom(i % 2 ? '2001:db8:1:2::a' : '2001:db8:1:2:abcd::b');
    expect(await rateFrom('2001:0db8:0001:0002:0000:0000:0000:00ff')).toMatchObject({ status: 'created', flags: ['network_burst'] });
  });

  it('IPv4 addresses stay one network each', async () => {
    for (let i = 0; i < DEFAULT_ABUSE_RULES.networkBurst; i++) await rateFrom('203.0.113.7');
    expect(await rateFrom('203.0.113.8')).toMatchObject({ status: 'created', flags: [] });
  });
});
