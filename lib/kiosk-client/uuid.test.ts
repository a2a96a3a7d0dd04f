import { describe, expect, it } from 'vitest';
import { uuidV4FromBytes } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4FromBytes', () => {
  it.each([
    [new Uint8Array(16), '00000000-0000-4000-8000-000000000000'],
    [new Uint8Array(16).fill(255), 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
  ])('%j → %s', (bytes, want) => {
    expect(uuidV4FromBytes(bytes)).toBe(want);
  });

  it('sets the version and variant bits for any bytes', () => {
    for (let i = 0; i < 50; i++) expect(uuidV4FromBytes(crypto.getRandomValues(new Uint8Array(16)))).toMatch(V4);
  });

  it('refuses too few bytes', () => {
    expect(() => uuidV4FromBytes(new Uint8Array(8))).toThrow();
  });
});
