import { createHmac, randomBytes } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import { getEnv } from '@/lib/env';
import { deriveKey, readDeviceCookie, signDeviceCookie } from '@/lib/survey/form-token';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; error: 'body_too_large' | 'aborted' };

/**
 * Reads a request body, giving up as soon as it exceeds `limit` bytes. A
 * client that goes away before sending the whole body (a phone losing its
 * signal, a client that stops part-way) is the client's problem, not the
 * server's: it resolves `aborted`, never rejects and logs nothing.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, error: 'body_too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, error: 'body_too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
    // ECONNRESET / "aborted" arrive as 'error' (with 'aborted' before it); 'close' without 'end' is the same story.
    req.on('error', () => finish({ ok: false, error: 'aborted' }));
    req.on('close', () => finish({ ok: false, error: 'aborted' }));
    if (req.readableEnded) finish({ ok: true, body: Buffer.alloc(0) });
  });
}

/** Salted hash of a device id or an IP address; the raw value is never stored (domain.md §7). */
export function hashSignal(salt: string, kind: 'device' | 'network', value: string): string {
  return createHmac('sha256', salt).update(`${kind}:${value}`).digest('hex').slice(0, 32);
}

/** The survey's signing key for one purpose, from this installation's AUTH_SECRET (derived once, lib/survey/form-token.ts). */
export function secretFor(purpose: 'survey-form' | 'survey-device'): string {
  return deriveKey(getEnv().AUTH_SECRET, purpose);
}

const DEVICE_COOKIE = 'hl_dev';

/**
 * The device id in the request's signed device cookie, or null: a made-up or pre-signing cookie is no device.
 * Read from the Cookie header itself, not Next's `req.cookies`: the survey's post is handled before Next (server/survey-post.ts).
 */
export function readDeviceId(req: IncomingMessage): string | null {
  return readDeviceCookie(parseCookies(req.headers.cookie ?? '')[DEVICE_COOKIE], secretFor('survey-device'));
}

/**
 * A random per-browser id used only for rate limits, in a signed cookie so
 * that only ids this server issued count. Set on the first visit (a GET),
 * so the survey post that follows carries it.
 */
export function ensureDeviceId(req: IncomingMessage, res: ServerResponse): string | null {
  const existing = readDeviceId(req);
  if (existing) return existing;
  if (req.method !== 'GET') return null;
  const id = randomBytes(16).toString('hex');
  const secure = req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted;
  appendCookie(res, `${DEVICE_COOKIE}=${signDeviceCookie(id, secretFor('survey-device'))}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
  return id;
}

function appendCookie(res: ServerResponse, cookie: string) {
  const prev = res.getHeader('Set-Cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev : [String(prev)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/**
 * A Fetch API request's body as text (route handlers: the kiosk's and the
 * integration API's JSON), refused when longer than `limit` bytes — by its
 * Content-Length, or while reading, which then stops — or not UTF-8.
 */
export async function readRequestText(req: Request, limit: number): Promise<{ ok: true; text: string } | { ok: false; error: 'too_large' | 'bad_encoding' }> {
  if (Number(req.headers.get('content-length') ?? 0) > limit) return { ok: false, error: 'too_large' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return { ok: false, error: 'too_large' };
      }
      chunks.push(value);
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, error: 'bad_encoding' };
  }
}
