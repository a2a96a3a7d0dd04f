import { Worker } from 'node:worker_threads';
import type { ExportSource, ResponseExportOptions } from '@/db/queries/exports';
import { scrubLogText } from '@/lib/observability/log-privacy';
import { logger } from './log';

/**
 * The responses export runs in a worker thread (response-export-worker.ts).
 *
 * Why: a million rows allocate about a gigabyte of short-lived objects.
 * On the main thread V8 lets that garbage pile up in the server's large old
 * generation before collecting it, which added ~120 MB to the server's RSS
 * (bench/README.md, "Export"). In a worker the same garbage is collected
 * against a heap of a few megabytes under a hard cap, formatting and zipping
 * leave the main thread free for other requests, and a worker that fails
 * (even out of memory) ends only its own download.
 *
 * On PostgreSQL too: the worker opens its own connections (two, at most one
 * worker per server: server/export-queue.ts) rather than borrowing the app
 * pool's for the file's whole length, and reads through a server-side cursor
 * (db/queries/exports.ts), so the same heap cap holds on both engines.
 */

export type ResponseExportJob = {
  /** The database the worker opens its own connection to (db/queries/exports.ts exportSource). */
  source: ExportSource;
  format: 'csv' | 'xlsx';
  sheetName: string;
  options: Omit<ResponseExportOptions, 'batchSize'>;
};

export type ExportChunkMessage = { chunk: Uint8Array } | { done: true } | { error: string };

/** Heap caps for one export's worker: well above what it uses (≈ 30 MB), far below the server's. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/** The export file as a stream: each read asks the worker for its next chunk. */
export function responseExportBody(job: ResponseExportJob): ReadableStream<Uint8Array> {
  let worker: Worker | null = null;
  let waiting: ((message: ExportChunkMessage) => void) | null = null;
  // A failure that arrives between two reads waits for the next one.
  let failure: string | null = null;
  const fail = (error: string) => {
    if (waiting) waiting({ error });
    else failure ??= error;
  };

  const stop = () => {
    void worker?.terminate();
    worker = null;
  };

  return new ReadableStream<Uint8Array>(
    {
      start() {
        worker = new Worker(new URL('./response-export-worker.ts', import.meta.url), {
          workerData: job,
          resourceLimits: WORKER_LIMITS,
          // exceljs 4.4 calls `new Buffer()` (ADR 010); each worker would print that deprecation (DEP0005) again.
          execArgv: [...process.execArgv, '--disable-warning=DEP0005'],
        });
        worker.on('message', (message: ExportChunkMessage) => waiting?.(message));
        // A crash (an out-of-memory included) arrives as 'error', an exit without
        // an answer as 'exit': both end the download as failed, not as complete.
        worker.on('error', (err) => fail(err.message));
        worker.on('exit', () => fail('luồng xuất dữ liệu đã dừng'));
      },
      async pull(controller) {
        const message: ExportChunkMessage = failure
          ? { error: failure }
          : await new Promise<ExportChunkMessage>((resolve) => {
              waiting = resolve;
              worker?.postMessage('pull');
            });
        waiting = null;
        if ('chunk' in message) {
          controller.enqueue(message.chunk);
        } else if ('done' in message) {
          stop();
          controller.close();
        } else {
          logger().error({ reason: scrubLogText(message.error) }, 'responses export failed');
          stop();
          controller.error(new Error(message.error));
        }
      },
      cancel: stop,
    },
    { highWaterMark: 1 },
  );
}
