import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, makeCode, normalizeCode } from './codes';

describe('codes', () => {
  it('makes codes from the unambiguous alphabet only', () => {
    let i = 0;
    const code = makeCode(40, (n) => i++ % n);
    expect(code).toHaveLength(40);
    expect([...code].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true);
    expect(CODE_ALPHABET).not.toMatch(/[01ILOUV]/);
  });

  it.each([
    ['demo01', null],
    ['abc234', 'ABC234'],
    [' ABC234 ', 'ABC234'],
    ['ABC', null],
    ['ABC23O', null],
    ['A'.repeat(17), null],
    ['<script>', null],
  ])('normalizeCode(%j) → %j', (raw, want) => expect(normalizeCode(raw)).toBe(want));
});
