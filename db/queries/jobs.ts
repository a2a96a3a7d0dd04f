import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { changesOf } from '../engine/types';
import { scheduledJobs } from '../schema';
import { withConn } from '../store';

/**
 * The state of background jobs (server/scheduler.ts). A server runs a job
 * only after `claimJob` took its lease: one conditional UPDATE of the job's
 * row, which on PostgreSQL locks the row, so of several servers claiming at
 * the same moment the first wins and the others, re-reading the row after
 * it commits (READ COMMITTED), find the lease taken and change nothing.
 * SQLite has one writer. A server that dies mid-run leaves a lease that
 * expires; the job is then taken by whichever server claims next.
 */

export type JobState = typeof scheduledJobs.$inferSelect;

/** Adds the job's row if it has none, first due at `firstRunAt`; an existing row is left as it is. */
export async function registerJob({ name, firstRunAt, now }: { name: string; firstRunAt: Date; now: Date }): Promise<void> {
  await withConn(({ db }) => db.insert(scheduledJobs).values({ name, nextRunAt: firstRunAt, registeredAt: now }).onConflictDoNothing({ target: scheduledJobs.name }));
}

/**
 * Takes the job's lease for `owner` until `now + leaseMs` when the job is
 * due and nobody holds a live lease. True when this caller won it.
 */
export async function claimJob({ name, owner, now, leaseMs }: { name: string; owner: string; now: Date; leaseMs: number }): Promise<boolean> {
  const result = await withConn(({ db }) =>
    db
      .update(scheduledJobs)
      .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), lastStartedAt: now })
      .where(
        and(
          eq(scheduledJobs.name, name),
          lte(scheduledJobs.nextRunAt, now),
          or(isNull(scheduledJobs.leaseUntil), lt(scheduledJobs.leaseUntil, now)),
        ),
      ),
  );
  return changesOf(result) === 1;
}

/**
 * Records how the run went, when the job is next due, and frees the lease;
 * only while `owner` still holds it (false when it had expired and another
 * server took the job meanwhile: that server's record stands).
 */
export async function finishJob(input: {
  name: string;
  owner: string;
  now: Date;
  outcome: 'ok' | 'error';
  message: string;
  durationMs: number;
  nextRunAt: Date;
}): Promise<boolean> {
  const result = await withConn(({ db }) =>
    db
      .update(scheduledJobs)
      .set({
        leaseOwner: null,
        leaseUntil: null,
        lastFinishedAt: input.now,
        lastOutcome: input.outcome,
        lastMessage: input.message.slice(0, 500),
        lastDurationMs: Math.round(input.durationMs),
        ...(input.outcome === 'ok' ? { lastSuccessAt: input.now } : {}),
        nextRunAt: input.nextRunAt,
      })
      .where(and(eq(scheduledJobs.name, input.name), eq(scheduledJobs.leaseOwner, input.owner))),
  );
  return changesOf(result) === 1;
}

/** Makes the job due now ("Chạy ngay" on the administrators' page); a run in progress is not disturbed. */
export async function setJobDueNow({ name, now }: { name: string; now: Date }): Promise<boolean> {
  const result = await withConn(({ db }) => db.update(scheduledJobs).set({ nextRunAt: now }).where(eq(scheduledJobs.name, name)));
  return changesOf(result) === 1;
}

export async function getJobState({ name }: { name: string }): Promise<JobState | null> {
  const [row] = await withConn(({ db }) => db.select().from(scheduledJobs).where(eq(scheduledJobs.name, name)).limit(1));
  return row ?? null;
}

export async function listJobStates(): Promise<JobState[]> {
  return withConn(({ db }) => db.select().from(scheduledJobs).orderBy(asc(scheduledJobs.name)));
}
