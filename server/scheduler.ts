import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { claimJob, finishJob, getJobState, listJobStates, registerJob, setJobDueNow, type JobState } from '@/db/queries/jobs';
import { nextRunAfter, type Schedule } from '@/lib/scheduler';
import { logger } from './log';

/**
 * A small scheduler for background jobs inside the app server: retention,
 * e-mails, and whatever comes next. Each job has a name, a schedule
 * (lib/scheduler.ts, Vietnamese time) and a lease: before running, a server
 * takes the job's lease in the database (db/queries/jobs.ts), so with
 * several app servers on one database each run happens on one of them.
 * The state (last run, outcome, duration, next run) is kept in
 * scheduled_jobs and shown to administrators (/quan-tri/he-thong).
 *
 * A job returns a one-line Vietnamese summary of what it did; a job that
 * throws is recorded as failed with the error's message and tried again
 * after `retryMinutes`.
 */

export type JobContext = { now: Date; registeredAt: Date };

export type Job = {
  name: string;
  /** What it does, for administrators. */
  label: string;
  schedule: Schedule;
  /** `now`: due as soon as it is first registered; `scheduled`: at its first scheduled time. */
  firstRun: 'now' | 'scheduled';
  /** Longer than a run can take: past it, another server may take the job over. */
  leaseMinutes: number;
  retryMinutes: number;
  run(ctx: JobContext): Promise<string>;
};

export type RunResult =
  | { status: 'ran'; outcome: 'ok' | 'error'; message: string; durationMs: number }
  /** Another server (or this one) holds the lease. */
  | { status: 'busy' }
  | { status: 'not_due' }
  | { status: 'unknown' };

export type JobView = { job: Job; state: JobState | null; running: boolean };

const MINUTE_MS = 60_000;

export class Scheduler {
  readonly owner: string;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private registered = false;

  constructor(
    readonly jobs: readonly Job[],
    private readonly clock: () => Date = () => new Date(),
    owner?: string,
  ) {
    this.owner = owner ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Adds each job's row once (several servers may do it at the same time). */
  async register(): Promise<void> {
    const now = this.clock();
    for (const job of this.jobs) {
      await registerJob({ name: job.name, firstRunAt: job.firstRun === 'now' ? now : nextRunAfter(job.schedule, now), now });
    }
    this.registered = true;
  }

  /** Runs every job that is due and free, one after the other. */
  async tick(): Promise<RunResult[]> {
    if (!this.registered) await this.register();
    const results: RunResult[] = [];
    for (const job of this.jobs) results.push(await this.runIfDue(job));
    return results;
  }

  /**
   * An administrator's "run now": makes the job due and runs it here. While
   * a server is running it already (the every-minute job's own tick), waits
   * up to `waitMs` for that run to end, then runs it again; past that, busy.
   */
  async runNow(name: string, { waitMs = 10_000 }: { waitMs?: number } = {}): Promise<RunResult> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return { status: 'unknown' };
    if (!this.registered) await this.register();
    const until = Date.now() + waitMs;
    for (;;) {
      await setJobDueNow({ name, now: this.clock() });
      const result = await this.runIfDue(job);
      if (result.status === 'ran') return result;
      if (Date.now() >= until) return { status: 'busy' };
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private async runIfDue(job: Job): Promise<RunResult> {
    const startedAt = this.clock();
    if (!(await claimJob({ name: job.name, owner: this.owner, now: startedAt, leaseMs: job.leaseMinutes * MINUTE_MS }))) {
      const state = await getJobState({ name: job.name });
      return state && state.leaseUntil && state.leaseUntil.getTime() >= startedAt.getTime() ? { status: 'busy' } : { status: 'not_due' };
    }
    const registeredAt = (await getJobState({ name: job.name }))?.registeredAt ?? startedAt;
    let outcome: 'ok' | 'error' = 'ok';
    let message: string;
    const t0 = performance.now();
    try {
      message = await job.run({ now: startedAt, registeredAt });
    } catch (error) {
      outcome = 'error';
      message = `Lỗi: ${error instanceof Error ? error.message : String(error)}`;
      logger().warn({ err: error, job: job.name }, `scheduler: job ${job.name} failed`);
    }
    const durationMs = performance.now() - t0;
    const finishedAt = this.clock();
    const nextRunAt = outcome === 'ok' ? nextRunAfter(job.schedule, finishedAt) : new Date(finishedAt.getTime() + job.retryMinutes * MINUTE_MS);
    if (!(await finishJob({ name: job.name, owner: this.owner, now: finishedAt, outcome, message, durationMs, nextRunAt }))) {
      logger().warn({ job: job.name }, `scheduler: job ${job.name} ran past its lease; another server took it over`);
    }
    return { status: 'ran', outcome, message, durationMs };
  }

  /** Every job with its stored state, for the administrators' page. */
  async list(): Promise<JobView[]> {
    const states = new Map((await listJobStates()).map((s) => [s.name, s]));
    const now = this.clock().getTime();
    return this.jobs.map((job) => {
      const state = states.get(job.name) ?? null;
      return { job, state, running: Boolean(state?.leaseUntil && state.leaseUntil.getTime() >= now) };
    });
  }

  /** Ticks every `intervalMs` (the first after `firstDelayMs`), never two ticks at once; the timer does not keep the process alive. */
  start({ intervalMs = 30_000, firstDelayMs = 5_000 } = {}): void {
    if (this.timer) return;
    const beat = () => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => logger().warn({ err: error }, 'scheduler: tick failed'))
        .finally(() => (this.ticking = null));
    };
    const first = setTimeout(() => {
      beat();
      this.timer = setInterval(beat, intervalMs);
      this.timer.unref();
    }, firstDelayMs);
    first.unref();
    this.timer = first;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }
}
