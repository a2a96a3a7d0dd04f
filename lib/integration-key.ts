import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A dossier system's API key (docs/decisions/027): `hl_<prefix>_<secret>`,
 * an 8-character public prefix (shown in the list of keys, used to find the
 * row) and 32 random bytes in base64url. Only the SHA-256 of the whole key
 * is stored: a random 256-bit secret needs no slow hash, and argon2 at
 * hundreds of registrations a second would be the bottleneck. Pure but for
 * the random bytes, which tests may pass in.
 */

const PREFIX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const KEY_PREFIX_LENGTH = 8;
const SECRET_BYTES = 32;
const SHAPE = new RegExp(`^hl_([${PREFIX_ALPHABET}]{${KEY_PREFIX_LENGTH}})_([A-Za-z0-9_-]{43})$`);

export function hashIntegrationKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key, its prefix and the hash to store. */
export function makeIntegrationKey(random: Buffer = randomBytes(KEY_PREFIX_LENGTH + SECRET_BYTES)): { key: string; prefix: string; hash: string } {
  if (random.length !== KEY_PREFIX_LENGTH + SECRET_BYTES) throw new Error('an integration key needs 40 random bytes');
  let prefix = '';
  for (let i = 0; i < KEY_PREFIX_LENGTH; i++) prefix += PREFIX_ALPHABET[random[i]! % PREFIX_ALPHABET.length];
  const key = `hl_${prefix}_${random.subarray(KEY_PREFIX_LENGTH).toString('base64url')}`;
  return { key, prefix, hash: hashIntegrationKey(key) };
}

/** The prefix of a well-formed key, or null: a malformed key is refused before any query. */
export function integrationKeyPrefix(key: string): string | null {
  return SHAPE.exec(key)?.[1] ?? null;
}

/** The key of an `Authorization: Bearer <key>` header, or null. */
export function bearerKey(header: string | null): string | null {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** Whether `key` hashes to the stored hash, compared in constant time. */
export function keyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashIntegrationKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
