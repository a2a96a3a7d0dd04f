import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { ALREADY_EXPORTING, EXPORTS_BUSY, ExportQueue, releasingWhenDone, type ExportSlot } from './export-queue';

/** Settles pending promise callbacks. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** The state of a request in line: granted, refused (with the error) or still waiting. */
function track(p: Promise<ExportSlot>) {
  const state: { slot?: ExportSlot; error?: AppError } = {};
  p.then(
    (slot) => (state.slot = slot),
    (error: AppError) => (state.error = error),
  );
  return state;
}

afterEach(() => vi.useRealTimers());

describe('ExportQueue', () => {
  it('runs at most the limit at once; the others wait and start in arrival order', async () => {
    const q = new ExportQueue({ running: 2, workers: 2, waiting: 10, maxWaitMs: 60_000 });
    const requests = ['a', 'b', 'c', 'd', 'e'].map((who) => ({ who, t: track(q.acquire(who, 'worker')) }));
    const started = () => requests.filter((r) => r.t.slot).map((r) => r.who);
    await flush();
    expect(started()).toEqual(['a', 'b']);
    expect(q.stats).toEqual({ running: 2, workers: 2, waiting: 3 });

    // Each release lets exactly the next in line in, never more than two running.
    const done: string[] = [];
    for (const next of ['c', 'd', 'e']) {
      const running = requests.find((r) => r.t.slot && !done.includes(r.who))!;
      running.t.slot!.release();
      done.push(running.who);
      await flush();
      expect(started().at(-1)).toBe(next);
      expect(started().length - done.length).toBe(2);
      expect(q.stats.running).toBe(2);
    }
    expect(started()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('refuses a person\'s second export while the first runs or waits (429, Vietnamese, Retry-After)', async () => {
    const q = new ExportQueue({ running: 1, workers: 1, waiting: 10, maxWaitMs: 60_000 });
    const first = track(q.acquire('7', 'worker'));
    const waiting = track(q.acquire('8', 'worker'));
    await flush();
    for (const who of ['7', '8']) {
      const again = track(q.acquire(who, 'worker'));
      await flush();
      expect(again.error).toBeInstanceOf(AppError);
      expect(again.error!.status).toBe(429);
      expect(again.error!.message).toBe(ALREADY_EXPORTING.vi);
      expect(again.error!.retryAfterS).toBeGreaterThan(0);
    }
    expect(q.stats).toEqual({ running: 1, workers: 1, waiting: 1 });
    // Once the first file is done, its owner may ask again.
    first.slot!.release();
    await flush();
    expect(waiting.slot).toBeDefined();
    const later = track(q.acquire('7', 'worker'));
    await flush();
    expect(later.error).toBeUndefined();
  });

  it('refuses with 503 when the line is full, and when the wait runs out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const q = new ExportQueue({ running: 1, workers: 1, waiting: 2, maxWaitMs: 50_000 });
    track(q.acquire('a', 'worker'));
    const b = track(q.acquire('b', 'worker'));
    const c = track(q.acquire('c', 'worker'));
    const d = track(q.acquire('d', 'worker'));
    await flush();
    expect(d.error!.status).toBe(503);
    expect(d.error!.message).toBe(EXPORTS_BUSY.vi);
    expect(d.error!.retryAfterS).toBe(60);
    expect(q.stats).toEqual({ running: 1, workers: 1, waiting: 2 });

    vi.advanceTimersByTime(50_000);
    await flush();
    expect([b.error?.status, c.error?.status]).toEqual([503, 503]);
    expect(q.stats).toEqual({ running: 1, workers: 1, waiting: 0 });
    // Those who gave up may queue again.
    expect(track(q.acquire('b', 'worker'))).toBeDefined();
    await flush();
    expect(q.stats.waiting).toBe(1);
  });

  it('lets a client that went away leave the line without taking a turn', async () => {
    const q = new ExportQueue({ running: 1, workers: 1, waiting: 10, maxWaitMs: 60_000 });
    const a = track(q.acquire('a', 'worker'));
    const gone = new AbortController();
    const b = track(q.acquire('b', 'worker', gone.signal));
    const c = track(q.acquire('c', 'worker'));
    await flush();
    gone.abort();
    await flush();
    expect(b.error).toBeInstanceOf(AppError);
    expect(q.stats).toEqual({ running: 1, workers: 1, waiting: 1 });
    a.slot!.release();
    await flush();
    expect(c.slot).toBeDefined();
    expect(b.slot).toBeUndefined();
    // An already aborted request never queues.
    const late = track(q.acquire('d', 'worker', AbortSignal.abort()));
    await flush();
    expect(late.error).toBeInstanceOf(AppError);
    expect(q.stats).toEqual({ running: 1, workers: 1, waiting: 0 });
  });

  it('makes one worker\'s file at a time; small files on the main thread go beside it, and may pass a worker\'s file waiting', async () => {
    const q = new ExportQueue({ running: 2, workers: 1, waiting: 10, maxWaitMs: 60_000 });
    const big1 = track(q.acquire('a', 'worker'));
    const big2 = track(q.acquire('b', 'worker'));
    const small1 = track(q.acquire('c', 'inline'));
    const small2 = track(q.acquire('d', 'inline'));
    await flush();
    expect([!!big1.slot, !!big2.slot, !!small1.slot, !!small2.slot]).toEqual([true, false, true, false]);
    expect(q.stats).toEqual({ running: 2, workers: 1, waiting: 2 });
    // The small file's place goes to the next small file: the second worker's file still waits for the worker.
    small1.slot!.release();
    await flush();
    expect([!!big2.slot, !!small2.slot]).toEqual([false, true]);
    big1.slot!.release();
    await flush();
    expect(big2.slot).toBeDefined();
    expect(q.stats).toEqual({ running: 2, workers: 1, waiting: 0 });
  });

  it('counts a slot released twice once', async () => {
    const q = new ExportQueue({ running: 1, workers: 1, waiting: 10, maxWaitMs: 60_000 });
    const a = track(q.acquire('a', 'worker'));
    const b = track(q.acquire('b', 'worker'));
    const c = track(q.acquire('c', 'worker'));
    await flush();
    a.slot!.release();
    a.slot!.release();
    await flush();
    expect(b.slot).toBeDefined();
    expect(c.slot).toBeUndefined();
    expect(q.stats).toEqual({ running: 1, workers: 1, waiting: 1 });
  });
});

describe('releasingWhenDone', () => {
  const body = (chunks: number, fail = false) => {
    let i = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < chunks) controller.enqueue(new Uint8Array([i++]));
        else if (fail) controller.error(new Error('worker died'));
        else controller.close();
      },
    });
  };

  it.each([
    ['read to the end', 3, false, 'read'],
    ['failed', 1, true, 'read'],
    ['cancelled by the client', 5, false, 'cancel'],
    ['abandoned (the request aborted)', 5, false, 'abort'],
  ] as const)('gives the place back when the download is %s', async (_, chunks, fail, how) => {
    const q = new ExportQueue({ running: 1, workers: 1, waiting: 10, maxWaitMs: 60_000 });
    const slot = await q.acquire('a', 'worker');
    const next = track(q.acquire('b', 'worker'));
    const aborted = new AbortController();
    const reader = releasingWhenDone(body(chunks, fail), slot, aborted.signal).getReader();
    await reader.read();
    await flush();
    expect(next.slot).toBeUndefined();
    if (how === 'cancel') await reader.cancel();
    else if (how === 'abort') aborted.abort();
    else await (async () => {
      for (;;) if ((await reader.read()).done) break;
    })().catch(() => {});
    await flush();
    expect(next.slot).toBeDefined();
    expect(q.stats).toEqual({ running: 1, workers: 1, waiting: 0 });
  });
});
