import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The survey form's submission id is issued by the server, signed and bound
 * to the browser's device cookie (docs/abuse-rules.md, "Idempotency and the
 * signed form"): a post whose id we did not issue, whose form is older than a
 * day, or that comes from another device than the one the form was served to
 * is refused, so made-up ids and made-up device cookies never pass as new
 * citizens. Pure: the key and the time are passed in.
 */

const derivedKeys = new Map<string, string>();

/**
 * A key for one purpose derived from the installation's AUTH_SECRET, so the
 * survey's signatures can never be replayed as another's (a session's, a kiosk's).
 */
export function deriveKey(secret: string, purpose: 'survey-form' | 'survey-device' | 'dossier-link'): string {
  // Remembered: an HMAC per call was 2 % of the survey post's CPU (bench/README.md, "Session 13").
  const memo = `${purpose}\u0000${secret}`;
  let key = derivedKeys.get(memo);
  if (key === undefined) {
    key = createHmac('sha256', secret).update(`hailong:${purpose}`).digest('base64url');
    // A process has one secret; tests change it, so a few entries, never a growing map.
    if (derivedKeys.size >= 16) derivedKeys.clear();
    derivedKeys.set(memo, key);
  }
  return key;
}

/** Long enough for a slow citizen (a form left open in a tab all day), short enough that harvested forms go stale. */
export const FORM_TOKEN_TTL_MS = 24 * 60 * 60_000;

/** The device a form was served to: its device id, or null for a browser that arrived without a (valid) device cookie. */
export type FormBinding = { id: string; expiresAt: number; deviceId: string | null };

const TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

function mac(key: string, b: FormBinding): Buffer {
  // An unbound form is bound to the empty device, which no issued device id equals.
  return createHmac('sha256', key).update(`form\n${b.id}\n${b.expiresAt}\n${b.deviceId ?? ''}`).digest();
}

/** The `formToken` field sent with the form: "<expiry, base 36 ms>.<HMAC over id, expiry and device>". */
export function signFormToken(b: FormBinding, key: string): string {
  return `${b.expiresAt.toString(36)}.${mac(key, b).toString('base64url')}`;
}

export type FormTokenCheck = { ok: true } | { ok: false; reason: 'missing' | 'forged' | 'expired' };

/**
 * Checks a posted id and token. A form served to a device is accepted only
 * from that device; a form served to a browser without a device cookie (first
 * visit, cookies off) is accepted from any device or none — then only its
 * single-use id and the network rules count.
 */
export function verifyFormToken(
  posted: { id: string | undefined; token: string | undefined; deviceId: string | null },
  key: string,
  now: number,
): FormTokenCheck {
  if (!posted.id || !posted.token) return { ok: false, reason: 'missing' };
  const m = TOKEN.exec(posted.token);
  if (!m) return { ok: false, reason: 'forged' };
  const expiresAt = parseInt(m[1]!, 36);
  const sent = Buffer.from(m[2]!, 'base64url');
  const candidates = posted.deviceId ? [posted.deviceId, null] : [null];
  const genuine = candidates.some((deviceId) => timingSafeEqual(sent, mac(key, { id: posted.id!, expiresAt, deviceId })));
  if (!genuine) return { ok: false, reason: 'forged' };
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true };
}

const DEVICE_ID = /^[a-f0-9]{32}$/;
const DEVICE_COOKIE = /^([a-f0-9]{32})\.([A-Za-z0-9_-]{22})$/;

function deviceMac(key: string, id: string): string {
  return createHmac('sha256', key).update(`device\n${id}`).digest().subarray(0, 16).toString('base64url');
}

/** The device cookie's value: the random id and a MAC, so that only ids this server issued count as devices. */
export function signDeviceCookie(id: string, key: string): string {
  if (!DEVICE_ID.test(id)) throw new Error('a device id is 32 hex digits');
  return `${id}.${deviceMac(key, id)}`;
}

/** The device id in a cookie value, or null when it is absent, malformed, or was not signed with `key`. */
export function readDeviceCookie(value: string | undefined, key: string): string | null {
  const m = value ? DEVICE_COOKIE.exec(value) : null;
  if (!m) return null;
  const want = Buffer.from(deviceMac(key, m[1]!));
  const got = Buffer.from(m[2]!);
  return want.length === got.length && timingSafeEqual(want, got) ? m[1]! : null;
}
