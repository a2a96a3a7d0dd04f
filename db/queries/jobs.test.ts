import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../testing';
import { claimJob, finishJob, getJobState, listJobStates, registerJob, setJobDueNow } from './jobs';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.dispose());

const NOW = new Date('2026-12-05T03:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const LEASE = 60_000;

describe('scheduled jobs', () => {
  it('registers once: a second registration keeps the first state', async () => {
    await registerJob({ name: 'retention', firstRunAt: NOW, now: NOW });
    await registerJob({ name: 'retention', firstRunAt: later(3600_000), now: later(1) });
    expect(await getJobState({ name: 'retention' })).toMatchObject({ name: 'retention', nextRunAt: NOW, registeredAt: NOW, leaseOwner: null, lastOutcome: null });
  });

  it('is claimed only when due and free; the lease blocks others until it is finished or expires', async () => {
    await registerJob({ name: 'retention', firstRunAt: later(1000), now: NOW });
    expect(await claimJob({ name: 'retention', owner: 'a', now: NOW, leaseMs: LEASE })).toBe(false);
    expect(await claimJob({ name: 'retention', owner: 'a', now: later(1000), leaseMs: LEASE })).toBe(true);
    expect(await claimJob({ name: 'retention', owner: 'b', now: later(2000), leaseMs: LEASE })).toBe(false);
    // a died: its lease expires and b takes the job over.
    expect(await claimJob({ name: 'retention', owner: 'b', now: later(1000 + LEASE + 1), leaseMs: LEASE })).toBe(true);
    // a comes back late: its record is refused, b's stands.
    expect(await finishJob({ name: 'retention', owner: 'a', now: later(LEASE + 2000), outcome: 'ok', message: 'a', durationMs: 5, nextRunAt: later(86_400_000) })).toBe(false);
    expect(await finishJob({ name: 'retention', owner: 'b', now: later(LEASE + 3000), outcome: 'error', message: 'hỏng', durationMs: 12, nextRunAt: later(900_000) })).toBe(true);
    expect(await getJobState({ name: 'retention' })).toMatchObject({
      leaseOwner: null,
      leaseUntil: null,
      lastStartedAt: later(1000 + LEASE + 1),
      lastFinishedAt: later(LEASE + 3000),
      lastOutcome: 'error',
      lastMessage: 'hỏng',
      lastDurationMs: 12,
      nextRunAt: later(900_000),
    });
    // Not due again before its next time, unless made due now.
    expect(await claimJob({ name: 'retention', owner: 'c', now: later(LEASE + 4000), leaseMs: LEASE })).toBe(false);
    expect(await setJobDueNow({ name: 'retention', now: later(LEASE + 4000) })).toBe(true);
    expect(await claimJob({ name: 'retention', owner: 'c', now: later(LEASE + 4000), leaseMs: LEASE })).toBe(true);
  });

  it('claimed by many servers at the same moment, is won by exactly one', async () => {
    await registerJob({ name: 'digest', firstRunAt: NOW, now: NOW });
    await registerJob({ name: 'retention', firstRunAt: NOW, now: NOW });
    for (let round = 0; round < 5; round++) {
      const at = later(round * 2 * LEASE);
      await setJobDueNow({ name: 'digest', now: at });
      const won = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => claimJob({ name: 'digest', owner, now: at, leaseMs: LEASE })));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c', 'd'][won.indexOf(true)]!;
      expect((await getJobState({ name: 'digest' }))!.leaseOwner).toBe(winner);
      await finishJob({ name: 'digest', owner: winner, now: at, outcome: 'ok', message: '', durationMs: 1, nextRunAt: later(10 * LEASE * 10) });
    }
    expect((await listJobStates()).map((j) => j.name)).toEqual(['digest', 'retention']);
  });
});
