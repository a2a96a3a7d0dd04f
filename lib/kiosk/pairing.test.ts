import { describe, expect, it } from 'vitest';
import {
  formatKioskCredential,
  formatPairingCode,
  normalizePairingCode,
  PAIRING_THROTTLE,
  pairingAllowed,
  parseKioskCredential,
} from './pairing';

describe('normalizePairingCode', () => {
  it.each([
    ['ABCD EFGH', 'ABCDEFGH'],
    ['abcd efgh', 'ABCDEFGH'],
    ['  abcd-efgh ', 'ABCDEFGH'],
    ['A B C D E F G H', 'ABCDEFGH'],
    ['23456789', '23456789'],
    ['ABCDEFG', null], // too short
    ['ABCDEFGHJ', null], // too long
    ['ABCD EFG0', null], // 0 is not in the alphabet
    ['ABCDEFGI', null], // nor I
    ['', null],
    ['ABCĐ EFGH', null],
  ])('%j → %j', (raw, want) => expect(normalizePairingCode(raw)).toBe(want));
});

it('formats a code in two groups of four', () => {
  expect(formatPairingCode('ABCDEFGH')).toBe('ABCD EFGH');
  expect(normalizePairingCode(formatPairingCode('ABCDEFGH'))).toBe('ABCDEFGH');
});

describe('kiosk credential', () => {
  const token = 'A'.repeat(40) + '-_x';
  it('round-trips', () => expect(parseKioskCredential(formatKioskCredential(12, token))).toEqual({ kioskId: 12, token }));
  it.each([
    [undefined],
    [null],
    [''],
    ['12'],
    [`12.${token}x`], // token too long
    [`12.${token.slice(1)}`], // too short
    [`0.${token}`],
    [`012.${token}`],
    [`-1.${token}`],
    [`12.${token.slice(1)}=`],
    [`12.${token.slice(1)}+`],
    [`12345678901.${token}`],
  ])('%j is refused', (value) => expect(parseKioskCredential(value)).toBeNull());
});

describe('pairingAllowed', () => {
  const now = 1_000_000_000;
  const min = 60_000;
  it.each([
    [[], true],
    [Array.from({ length: PAIRING_THROTTLE.failures - 1 }, (_, i) => now - i * min), true],
    [Array.from({ length: PAIRING_THROTTLE.failures }, (_, i) => now - i * min), false],
    // failures older than 15 minutes do not count
    [[...Array.from({ length: PAIRING_THROTTLE.failures - 1 }, () => now - min), now - 15 * min], true],
    [[...Array.from({ length: PAIRING_THROTTLE.failures - 1 }, () => now - min), now - 15 * min + 1], false],
  ])('%#', (times, want) => expect(pairingAllowed(times, now)).toBe(want));
});
