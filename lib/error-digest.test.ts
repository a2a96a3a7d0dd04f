import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { codeOfDigest, digestOf } from './error-digest';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('digestOf', () => {
  it.each([
    [withCode('SQLITE_BUSY'), 'HL-busy'],
    [withCode('SQLITE_BUSY_TIMEOUT'), 'HL-busy'],
    [withCode('SQLITE_IOERR_READ'), 'HL-unavailable'],
    [new AppError('rate_limited'), 'HL-rate_limited'],
    [withCode('SQLITE_CONSTRAINT_UNIQUE'), undefined],
    [new Error('bug'), undefined],
    ['thrown string', undefined],
  ])('%o → %s', (err, want) => expect(digestOf(err)).toBe(want));
});

describe('codeOfDigest', () => {
  it.each([
    ['HL-busy', 'busy'],
    ['HL-unavailable', 'unavailable'],
    ['HL-not_found', 'not_found'],
    ['HL-constructor', 'internal'],
    ['HL-', 'internal'],
    ['2851746542', 'internal'],
    [undefined, 'internal'],
    [42, 'internal'],
  ])('%s → %s', (digest, want) => expect(codeOfDigest(digest)).toBe(want));
});
