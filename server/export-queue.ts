import { AppError } from '@/lib/errors';

/**
 * How many export files this process produces at once (ADR 014, revision).
 *
 * Why a limit per process, in memory, when every other counter lives in the
 * database: what it protects is this process's own memory — each running
 * export holds a worker thread (its own heap and malloc arena) or exceljs's
 * buffers on the main thread, and twelve at once took the server from 634 MB
 * to 930 MB. A second app server has its own memory and its own limit; a
 * count shared through the database would let one server's idle capacity
 * admit work that lands on the busy one.
 *
 * Why one worker at a time: one responses export adds ≈ 60 MB to the
 * server's RSS, two ≈ 110–130 MB and more with each new pair of threads
 * (bench/README.md, "bench:export-concurrent": 312–329 MB with two), and on
 * two cores a second worker does not finish the pair sooner. The small
 * files made on the main thread (indicators, evaluation results) may run
 * beside it, so they do not wait half a minute behind a province's ratings.
 *
 * Rules: at most `running` files at once, of which at most `workers` made by
 * a worker thread; one per person (a second request
 * while theirs is running or waiting is refused with 429 — it would only
 * take a place in line from someone else); others wait their turn in
 * arrival order, at most `waiting` of them for at most `maxWaitMs` each
 * (then 503 with Retry-After); a client that goes away while waiting leaves
 * the line.
 */

export type ExportQueueLimits = {
  /** Files produced at once. */
  running: number;
  /** Of those, files produced by a worker thread (the responses export). */
  workers: number;
  /** Requests waiting for their turn; more are refused (503). */
  waiting: number;
  /** How long one request may wait before it is refused (503): below a proxy's usual 60 s read timeout. */
  maxWaitMs: number;
};

export const EXPORT_QUEUE_LIMITS: ExportQueueLimits = { running: 2, workers: 1, waiting: 10, maxWaitMs: 50_000 };

/** How a file is made: in a worker thread (heavy) or on the main thread (a small table). */
export type ExportKind = 'worker' | 'inline';

/** A place among the running exports; `release()` (idempotent) lets the next one in. */
export type ExportSlot = { release(): void };

export const ALREADY_EXPORTING = {
  vi: 'Bạn đang có một tệp đang được tạo. Vui lòng chờ tệp đó tải xong rồi thử lại.',
  en: 'A file of yours is still being prepared. Please wait until it has downloaded, then try again.',
};
export const EXPORTS_BUSY = {
  vi: 'Hệ thống đang bận tạo các tệp dữ liệu khác, xin thử lại sau ít phút.',
  en: 'The system is busy preparing other files; please try again in a few minutes.',
};
/** Retry-After for a person whose own file is still being made: about one file's time. */
const OWN_RETRY_S = 30;
/** Retry-After when the line is full or the wait ran out. */
const BUSY_RETRY_S = 60;

type Waiter = { owner: string; kind: ExportKind; grant: (slot: ExportSlot) => void };

export class ExportQueue {
  private readonly owners = new Set<string>();
  private readonly line: Waiter[] = [];
  private runningCount = 0;
  private workerCount = 0;

  constructor(private readonly limits: ExportQueueLimits = EXPORT_QUEUE_LIMITS) {}

  /** Files being produced now and requests waiting, for tests and logs. */
  get stats(): { running: number; workers: number; waiting: number } {
    return { running: this.runningCount, workers: this.workerCount, waiting: this.line.length };
  }

  private canStart(kind: ExportKind): boolean {
    return this.runningCount < this.limits.running && (kind === 'inline' || this.workerCount < this.limits.workers);
  }

  /**
   * A place for `owner`'s export, now or once it is their turn. Rejects with
   * an AppError: `rate_limited` (429) when the owner already has one running
   * or waiting, `busy` (503) when the line is full, the wait ran out, or
   * `signal` aborted (the client went away; nobody reads that answer).
   * First come, first served among files of a kind; a small file made on
   * the main thread may pass a worker's file waiting for the worker (it takes
   * nothing that file waits for, unless the small files fill every place).
   */
  acquire(owner: string, kind: ExportKind, signal?: AbortSignal): Promise<ExportSlot> {
    if (this.owners.has(owner)) return Promise.reject(new AppError('rate_limited', { detail: ALREADY_EXPORTING, retryAfterS: OWN_RETRY_S }));
    if (signal?.aborted) return Promise.reject(new AppError('busy', { detail: EXPORTS_BUSY, retryAfterS: BUSY_RETRY_S }));
    // After every release, those waiting that fit were started: whoever still waits cannot start, so
    // a newcomer that can start passes nobody of its own kind.
    if (this.canStart(kind)) {
      this.owners.add(owner);
      return Promise.resolve(this.start(owner, kind));
    }
    if (this.line.length >= this.limits.waiting) return Promise.reject(new AppError('busy', { detail: EXPORTS_BUSY, retryAfterS: BUSY_RETRY_S }));

    this.owners.add(owner);
    return new Promise<ExportSlot>((resolve, reject) => {
      const leave = (err: AppError) => {
        const at = this.line.indexOf(waiter);
        if (at < 0) return; // already granted
        this.line.splice(at, 1);
        this.owners.delete(owner);
        cleanup();
        reject(err);
      };
      const onAbort = () => leave(new AppError('busy', { detail: EXPORTS_BUSY, retryAfterS: BUSY_RETRY_S }));
      const timer = setTimeout(() => leave(new AppError('busy', { detail: EXPORTS_BUSY, retryAfterS: BUSY_RETRY_S })), this.limits.maxWaitMs);
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        owner,
        kind,
        grant: (slot) => {
          cleanup();
          resolve(slot);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.line.push(waiter);
    });
  }

  private start(owner: string, kind: ExportKind): ExportSlot {
    this.runningCount++;
    if (kind === 'worker') this.workerCount++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.runningCount--;
        if (kind === 'worker') this.workerCount--;
        this.owners.delete(owner);
        this.admit();
      },
    };
  }

  /** Starts, in arrival order, everyone waiting who fits now. */
  private admit() {
    for (let i = 0; i < this.line.length && this.runningCount < this.limits.running; ) {
      const next = this.line[i]!;
      if (!this.canStart(next.kind)) {
        i++;
        continue;
      }
      this.line.splice(i, 1);
      next.grant(this.start(next.owner, next.kind));
    }
  }
}

const globalForQueue = globalThis as unknown as { hailongExportQueue?: ExportQueue };

/**
 * This process's queue. On globalThis because Next may load this module once
 * per route bundle: the responses, indicators and evaluation exports must
 * share one count.
 */
export function exportQueue(): ExportQueue {
  return (globalForQueue.hailongExportQueue ??= new ExportQueue());
}

/**
 * The body of a download that gives its place back when it ends: read to the
 * end, failed, or cancelled (the client went away). Reads only as fast as
 * the client takes it, like the body it wraps.
 */
export function releasingWhenDone(body: ReadableStream<Uint8Array>, slot: ExportSlot, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  // Next aborts the request's signal when the connection closes; a body nobody reads any more may never be cancelled.
  signal?.addEventListener('abort', () => slot.release(), { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            slot.release();
            controller.close();
          } else controller.enqueue(value);
        } catch (err) {
          slot.release();
          controller.error(err);
        }
      },
      cancel(reason) {
        slot.release();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
