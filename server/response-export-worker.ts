/**
 * The responses export, produced in a worker thread (server/response-export.ts):
 * its own connection (SQLite: read-only; PostgreSQL: its own two, the file
 * read in one transaction through a server-side cursor), its own small heap.
 * Answers each "pull" from the main thread with the next chunk of the file,
 * so the file is produced no faster than the client takes it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openExportStore, openResponseExport, type ResponseExport } from '@/db/queries/exports';
import { closeStore, installStore } from '@/db/store';
import { questionColumns, responseCells, responseFormats, responseHeaders, type ResponseLayout } from '@/lib/export/responses';
import { csvStream, xlsxStream } from './export-streams';
import type { ExportChunkMessage, ResponseExportJob } from './response-export';

const job = workerData as ResponseExportJob;
const port = parentPort!;

let exp: ResponseExport | null = null;

async function openReader(): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  installStore(await openExportStore(job.source));
  exp = await openResponseExport(job.options);
  // The route checked the scope before starting this worker; the unit can only
  // have gone in between (deleted or moved out of the viewer's subtree).
  if (!exp) throw new Error('Đơn vị không còn trong phạm vi của bạn.');
  const reading = exp;
  const layout: ResponseLayout = {
    questions: questionColumns(reading.definitions),
    includeFlagged: reading.includeFlagged,
    withContacts: reading.withContacts,
  };
  const source = { headers: responseHeaders(layout), formats: responseFormats(layout), nextRows: async () => (await reading.nextBatch()).map((r) => responseCells(r, layout)) };
  return (job.format === 'csv' ? csvStream(source) : xlsxStream(source, job.sheetName)).getReader();
}

const post = (message: ExportChunkMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let reader: Promise<ReadableStreamDefaultReader<Uint8Array>> | null = null;
port.on('message', async () => {
  try {
    reader ??= openReader();
    const { done, value } = await (await reader).read();
    if (done) {
      await exp?.close();
      await closeStore();
      post({ done: true });
      return;
    }
    // Hand the bytes over rather than copy them; a view into a shared buffer
    // (Node's small-Buffer pool) is copied first, as transferring would take
    // the whole pool away from this thread.
    const own = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
    post({ chunk: own }, [own.buffer as ArrayBuffer]);
  } catch (err) {
    post({ error: err instanceof Error ? err.message : String(err) });
  }
});
