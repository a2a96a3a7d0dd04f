import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; error: 'body_too_large' };

/** Reads a request body, giving up as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, error: 'body_too_large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ ok: false, error: 'body_too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}

/** Salted hash of a device id or an IP address; the raw value is never stored (domain.md §7). */
export function hashSignal(salt: string, kind: 'device' | 'network', value: string): string {
  return createHmac('sha256', salt).update(`${kind}:${value}`).digest('hex').slice(0, 32);
}

const DEVICE_COOKIE = 'hl_dev';

/**
 * A random per-browser id used only for rate limits. Set on the first visit,
 * so the survey post that follows carries it.
 */
export function ensureDeviceId(req: IncomingMessage & { cookies?: Partial<Record<string, string>> }, res: ServerResponse): string | null {
  const existing = req.cookies?.[DEVICE_COOKIE];
  if (existing && /^[a-f0-9]{32}$/.test(existing)) return existing;
  if (req.method !== 'GET') return null;
  const id = randomBytes(16).toString('hex');
  const secure = req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted;
  appendCookie(res, `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
  return id;
}

function appendCookie(res: ServerResponse, cookie: string) {
  const prev = res.getHeader('Set-Cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev : [String(prev)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}
