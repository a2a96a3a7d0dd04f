import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimJob, finishJob, registerJob } from '@/db/queries/jobs';
import { createQuestionSet } from '@/db/queries/question-sets';
import { openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addTestUnit } from '@/db/testing-ratings';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { renderMetrics } from './metrics';
import { storeRating } from './ratings';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.dispose());

/** A sample's value in the exposition text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('the metrics', () => {
  it('count a stored rating, a resend and a refusal by channel, once each, after the commit', async () => {
    const versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
    const office = await addTestUnit({ parentId: null, kind: 'office', name: 'Văn phòng' });
    const before = (await renderMetrics()).body;
    const input = { ...testResponse({ unitId: office.id, questionSetVersionId: versionId, submittedAt: new Date(), q1: 5, q2: 5 }), channel: 'web' as const, rules: DEFAULT_ABUSE_RULES };
    expect((await storeRating(input)).status).toBe('created');
    expect((await storeRating(input)).status).toBe('duplicate');
    const other = await addTestUnit({ parentId: null, kind: 'office', name: 'Văn phòng khác' });
    expect((await storeRating({ ...input, unitId: other.id })).status).toBe('rejected');
    const after = (await renderMetrics()).body;
    for (const outcome of ['stored', 'duplicate', 'refused']) {
      const series = `hailong_ratings_total{channel="web",outcome="${outcome}"}`;
      expect(sample(after, series) - sample(before, series), outcome).toBe(1);
    }
  });

  it('read the database’s figures at the scrape: up, its size, the jobs and the last backup', async () => {
    const now = new Date();
    await registerJob({ name: 'backup', firstRunAt: now, now });
    expect(await claimJob({ name: 'backup', owner: 'a', now, leaseMs: 60_000 })).toBe(true);
    const done = new Date(now.getTime() + 2000);
    await finishJob({ name: 'backup', owner: 'a', now: done, outcome: 'ok', message: 'xong', durationMs: 1500, nextRunAt: new Date(now.getTime() + 86_400_000) });
    const text = (await renderMetrics(new Date(done.getTime() + 60_000))).body;
    expect(sample(text, 'hailong_database_up')).toBe(1);
    expect(sample(text, 'hailong_database_size_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'hailong_job_last_run_ok{job="backup"}')).toBe(1);
    expect(sample(text, 'hailong_job_last_duration_seconds{job="backup"}')).toBe(1.5);
    expect(sample(text, 'hailong_job_running{job="backup"}')).toBe(0);
    expect(sample(text, 'hailong_backup_last_success_timestamp_seconds')).toBe(done.getTime() / 1000);
    expect(sample(text, 'hailong_backup_age_seconds')).toBe(60);
    expect(text).toContain('hailong_kiosk_queued_ratings 0');

    // A failed run replaces the outcome, not the last success.
    expect(await claimJob({ name: 'backup', owner: 'b', now: new Date(now.getTime() + 86_400_000), leaseMs: 60_000 })).toBe(true);
    await finishJob({ name: 'backup', owner: 'b', now: new Date(now.getTime() + 86_401_000), outcome: 'error', message: 'Lỗi: đĩa đầy', durationMs: 10, nextRunAt: new Date(now.getTime() + 90_000_000) });
    const failed = (await renderMetrics(new Date(now.getTime() + 86_402_000))).body;
    expect(sample(failed, 'hailong_job_last_run_ok{job="backup"}')).toBe(0);
    expect(sample(failed, 'hailong_backup_last_success_timestamp_seconds')).toBe(done.getTime() / 1000);
  });
});
