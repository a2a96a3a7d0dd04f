import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getJobState } from '@/db/queries/jobs';
import { openTestStore, type TestStore } from '@/db/testing';
import { Scheduler, type Job } from './scheduler';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.dispose());

// Saturday 5 December 2026, 10:00 in Hà Nội.
const T0 = new Date('2026-12-05T03:00:00Z').getTime();

function clockAt(ms: number) {
  const clock = { now: ms, read: () => new Date(clock.now) };
  return clock;
}

function job(over: Partial<Job> & { runs: { n: number } }): Job {
  const { runs, ...rest } = over;
  return {
    name: 'retention',
    label: 'Dọn dữ liệu',
    schedule: { kind: 'daily', at: '02:00' },
    firstRun: 'now',
    leaseMinutes: 10,
    retryMinutes: 15,
    async run() {
      runs.n++;
      await new Promise((r) => setTimeout(r, 20));
      return `Lần ${runs.n}`;
    },
    ...rest,
  };
}

describe('Scheduler', () => {
  it('runs a job when due, records outcome and duration, and plans the next run by its schedule', async () => {
    const runs = { n: 0 };
    const clock = clockAt(T0);
    const s = new Scheduler([job({ runs })], clock.read, 'server-a');
    expect(await s.tick()).toEqual([{ status: 'ran', outcome: 'ok', message: 'Lần 1', durationMs: expect.any(Number) }]);
    const state = (await getJobState({ name: 'retention' }))!;
    expect(state).toMatchObject({ lastOutcome: 'ok', lastMessage: 'Lần 1', leaseOwner: null, lastStartedAt: new Date(T0) });
    expect(state.lastDurationMs).toBeGreaterThanOrEqual(15);
    // Next: 02:00 Hà Nội = 19:00 UTC the same day.
    expect(state.nextRunAt.toISOString()).toBe('2026-12-05T19:00:00.000Z');
    clock.now = T0 + 3600_000;
    expect(await s.tick()).toEqual([{ status: 'not_due' }]);
    clock.now = Date.parse('2026-12-05T19:00:00Z');
    await s.tick();
    expect(runs.n).toBe(2);
  });

  it('a job scheduled for later waits for its first time', async () => {
    const runs = { n: 0 };
    const clock = clockAt(T0);
    const s = new Scheduler([job({ runs, name: 'mail.digest', firstRun: 'scheduled', schedule: { kind: 'weekly', weekday: 1, at: '07:00' } })], clock.read, 'a');
    await s.tick();
    expect(runs.n).toBe(0);
    expect((await getJobState({ name: 'mail.digest' }))!.nextRunAt.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(await s.runNow('mail.digest')).toMatchObject({ status: 'ran', outcome: 'ok' });
    expect(runs.n).toBe(1);
  });

  it('records a failure with its message and tries again after retryMinutes', async () => {
    const clock = clockAt(T0);
    const failing: Job = { ...job({ runs: { n: 0 } }), run: () => Promise.reject(new Error('máy chủ thư không trả lời')) };
    const s = new Scheduler([failing], clock.read, 'a');
    expect(await s.tick()).toEqual([{ status: 'ran', outcome: 'error', message: 'Lỗi: máy chủ thư không trả lời', durationMs: expect.any(Number) }]);
    expect(await getJobState({ name: 'retention' })).toMatchObject({ lastOutcome: 'error', nextRunAt: new Date(T0 + 15 * 60_000), leaseOwner: null });
  });

  it('two servers ticking at the same moment run a due job once', async () => {
    const runs = { n: 0 };
    const clock = clockAt(T0);
    const jobs = [job({ runs })];
    const servers = [new Scheduler(jobs, clock.read, 'a'), new Scheduler(jobs, clock.read, 'b'), new Scheduler(jobs, clock.read, 'c')];
    for (const s of servers) await s.register();
    const results = (await Promise.all(servers.map((s) => s.tick()))).flat();
    expect(runs.n).toBe(1);
    expect(results.filter((r) => r.status === 'ran')).toHaveLength(1);
    // While one runs, "run now" elsewhere says it is busy.
    const slow: Job = { ...jobs[0]!, name: 'mail.alerts', run: () => new Promise((r) => setTimeout(() => r('xong'), 300)) };
    const [a, b] = [new Scheduler([slow], clock.read, 'a'), new Scheduler([slow], clock.read, 'b')];
    const first = a.runNow('mail.alerts');
    await new Promise((r) => setTimeout(r, 100));
    expect(await b.runNow('mail.alerts', { waitMs: 0 })).toEqual({ status: 'busy' });
    // Waiting, b runs it again once a's run is over.
    const second = await b.runNow('mail.alerts');
    expect(await first).toMatchObject({ status: 'ran', message: 'xong' });
    expect(second).toMatchObject({ status: 'ran', message: 'xong' });
    expect((await a.list()).map((v) => ({ name: v.job.name, running: v.running, outcome: v.state?.lastOutcome }))).toEqual([{ name: 'mail.alerts', running: false, outcome: 'ok' }]);
  });

  it('answers unknown for a job it does not have', async () => {
    expect(await new Scheduler([], () => new Date(T0), 'a').runNow('nothing')).toEqual({ status: 'unknown' });
  });
});
