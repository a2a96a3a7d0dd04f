import { describe, expect, it } from 'vitest';
import { captureLogs } from './log';
import { responseExportBody } from './response-export';

/**
 * The happy path runs in the built app (e2e/exports.spec.ts: the files' rows
 * equal the database). Here: what a client gets when the worker cannot do its
 * job — under vitest the worker's TypeScript entry cannot even load, which is
 * as hard a failure as it gets.
 */
describe('responseExportBody', () => {
  it('ends the download with an error, never as a complete (empty) file, when the worker fails', async () => {
    const body = responseExportBody({
      source: { kind: 'sqlite', path: '/nonexistent/hai-long.db' },
      format: 'csv',
      sheetName: 'Phiếu',
      options: { viewer: { userId: 1, role: 'assessor', scopePath: '/1/' }, period: { start: 0, end: 1 } as never },
    });
    // The failure is logged for the operator (the client only sees a broken download).
    const logs = captureLogs();
    try {
      const reader = body.getReader();
      await expect(reader.read()).rejects.toThrow();
      expect(logs.lines()).toContainEqual(expect.objectContaining({ level: 'error', msg: 'responses export failed', reason: expect.any(String) }));
    } finally {
      logs.stop();
    }
  });
});
