import { randomInt } from 'node:crypto';
import { makeCode } from '@/lib/codes';

/** A code made with the crypto RNG; callers retry on the (rare) unique-index clash. */
export function newCode(length: number): string {
  return makeCode(length, (n) => randomInt(n));
}
