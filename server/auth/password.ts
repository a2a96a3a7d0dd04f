import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id, memory-hard (docs/decisions/005). 64 MiB and 3 passes take about
 * 100 ms here: slow for an attacker, well under the 300 ms sign-in budget.
 */
const OPTIONS = { memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifying against a throw-away hash when the account does not exist keeps
 * the answer and its timing the same for unknown users and wrong passwords.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword('không có tài khoản này');
  await verifyPassword(await dummy, password);
  return false;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time password for a new or reset account; the user must change it at first sign-in. */
export function makeOneTimePassword(length = 14): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
