import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { engineKind } from '@/db/engine/kind';
import { openPgStore } from '@/db/engine/pg';
import { openSqliteStore } from '@/db/engine/sqlite';
import type { Store } from '@/db/engine/types';
import { failWhileHeld, installStore } from '@/db/store';
import { openTestStore } from '@/db/testing';
import { captureLogs } from '@/server/log';

/**
 * /api/health asks the store whether the database answers (db/store.ts
 * pingStore): 503 with Retry-After while it is down, 200 again as soon as it
 * is back, with the same store (the pool reconnects by itself).
 */
async function health() {
  const res = await GET();
  return { status: res.status, body: (await res.json()) as unknown, retryAfter: res.headers.get('Retry-After'), cache: res.headers.get('Cache-Control') };
}

/** A check that fails: the route logs it for the operator (server/log.ts; kept out of the test output). */
async function failedHealth() {
  const logs = captureLogs();
  try {
    const answer = await health();
    expect(logs.lines()).toContainEqual(expect.objectContaining({ level: 'error', msg: 'health check failed', err: expect.anything() }));
    return answer;
  } finally {
    logs.stop();
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  installStore(null);
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('/api/health', () => {
  it('answers 200 while the database answers', async () => {
    const t = await openTestStore();
    cleanups.push(() => t.dispose());
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' }, retryAfter: null, cache: 'no-store' });
  });

  it.runIf(engineKind() === 'sqlite')('SQLite: 503 while the file is held by another writer past the busy timeout, 200 after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-health-'));
    const file = path.join(dir, 'test.db');
    const store = openSqliteStore(file, { beforeUse: () => failWhileHeld(file) });
    cleanups.push(async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    installStore(store);
    fs.writeFileSync(`${file}.busy`, '');
    const down = await failedHealth();
    expect(down).toMatchObject({ status: 503, body: { status: 'unavailable' }, cache: 'no-store' });
    expect(Number(down.retryAfter)).toBeGreaterThan(0);
    fs.rmSync(`${file}.busy`);
    expect((await health()).status).toBe(200);
  });

  it.runIf(engineKind() === 'pg')('PostgreSQL: 503 while the server cannot be reached, 200 once it is back, on the same pool', async () => {
    // A relay in front of the test server stands for PostgreSQL itself: closing it is the server going down.
    const target = new URL(process.env.TEST_DATABASE_URL!);
    const t = await openTestStore();
    cleanups.push(() => t.dispose());
    const sockets = new Set<net.Socket>();
    const relay = () =>
      net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => s.destroy());
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
    let server = relay();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const url = new URL(t.location);
    url.host = `127.0.0.1:${port}`;
    const idleErrors: Error[] = [];
    const store: Store = await openPgStore(url.toString(), { migrate: false, poolSize: 2, connectTimeoutMs: 2000, onIdleError: (e) => idleErrors.push(e) });
    const stop = async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    cleanups.push(async () => {
      await store.close().catch(() => undefined);
      if (server.listening) await stop();
    });
    installStore(store);

    expect((await health()).status).toBe(200);
    await stop();
    const down = await failedHealth();
    expect(down).toMatchObject({ status: 503, body: { status: 'unavailable' }, cache: 'no-store' });
    expect(Number(down.retryAfter)).toBeGreaterThan(0);

    server = relay();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect((await health()).status).toBe(200);
  });
});
