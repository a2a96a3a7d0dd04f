import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The token of a dossier's rating link (/h/<token>, docs/decisions/027):
 * 12 random bytes and an 8-byte HMAC tag over them, base64url — 27
 * characters, short enough for a receipt's QR code. The random part makes
 * it unguessable; the tag lets a token edited by hand be refused before any
 * query. Pure: the key (deriveKey(AUTH_SECRET, 'dossier-link')) and the
 * random bytes are passed in.
 */

const RANDOM_BYTES = 12;
const TAG_BYTES = 8;
export const DOSSIER_TOKEN_LENGTH = Math.ceil(((RANDOM_BYTES + TAG_BYTES) * 4) / 3);
const SHAPE = new RegExp(`^[A-Za-z0-9_-]{${DOSSIER_TOKEN_LENGTH}}$`);

const tag = (key: string, random: Buffer) => createHmac('sha256', key).update('dossier-link\n').update(random).digest().subarray(0, TAG_BYTES);

/** A new token; `random` is for tests (12 bytes). */
export function makeDossierToken(key: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
  if (random.length !== RANDOM_BYTES) throw new Error(`a dossier token needs ${RANDOM_BYTES} random bytes`);
  return Buffer.concat([random, tag(key, random)]).toString('base64url');
}

/** True when the token has the right shape and its tag is ours: only then is it looked up. */
export function isGenuineDossierToken(key: string, token: string): boolean {
  if (!SHAPE.test(token)) return false;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== RANDOM_BYTES + TAG_BYTES) return false;
  return timingSafeEqual(bytes.subarray(RANDOM_BYTES), tag(key, bytes.subarray(0, RANDOM_BYTES)));
}
