import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody, type BodyResult } from './http';

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A real HTTP server whose handler reads the body as the survey does; resolves with what readBody gave. */
async function serveOnce(limit: number): Promise<{ port: number; result: Promise<BodyResult> }> {
  let deliver!: (r: BodyResult) => void;
  const result = new Promise<BodyResult>((r) => (deliver = r));
  server = http.createServer((req, res) => {
    readBody(req, limit).then((r) => {
      deliver(r);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, result };
}

function rawRequest(port: number, head: string, body: string, then: 'end' | 'destroy') {
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write(head + body);
    if (then === 'destroy') setTimeout(() => socket.destroy(), 50);
  });
  socket.on('error', () => {});
  socket.resume();
  return socket;
}

const head = (length: number) => `POST /s/X/gui HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;

describe('readBody', () => {
  it('reads a whole body', async () => {
    const { port, result } = await serveOnce(1000);
    const s = rawRequest(port, head(5), 'a=1&b', 'end');
    const r = await result;
    s.destroy();
    expect(r.ok && r.body.toString()).toBe('a=1&b');
  });

  it('stops at the limit', async () => {
    const { port, result } = await serveOnce(10);
    const s = rawRequest(port, head(5), 'a=1&b', 'end');
    expect((await result).ok).toBe(true);
    s.destroy();
  });

  it('treats a client that stops part-way as aborted: resolves, never rejects, logs nothing', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { port, result } = await serveOnce(4000);
      rawRequest(port, head(2000), 'x'.repeat(100), 'destroy');
      await expect(result).resolves.toEqual({ ok: false, error: 'aborted' });
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
