import { describe, expect, it } from 'vitest';
import { bearerKey, hashIntegrationKey, integrationKeyPrefix, keyMatches, makeIntegrationKey } from './integration-key';

describe('integration keys', () => {
  it('hl_<8-character prefix>_<43 characters>, stored as the SHA-256 of the whole key', () => {
    const { key, prefix, hash } = makeIntegrationKey();
    expect(key).toMatch(/^hl_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(integrationKeyPrefix(key)).toBe(prefix);
    expect(hash).toBe(hashIntegrationKey(key));
    expect(keyMatches(key, hash)).toBe(true);
    expect(keyMatches(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, hash)).toBe(false);
  });

  it('is made from the random bytes given', () => {
    const a = makeIntegrationKey(Buffer.alloc(40, 7));
    expect(a).toEqual(makeIntegrationKey(Buffer.alloc(40, 7)));
    expect(a.prefix).toBe('hhhhhhhh');
    expect(() => makeIntegrationKey(Buffer.alloc(39))).toThrow();
  });

  it.each(['', 'hl_abc_def', 'hl_ABCDEFGH_' + 'x'.repeat(43), 'hl_abcdefgh_' + 'x'.repeat(42), 'xx_abcdefgh_' + 'x'.repeat(43)])('%j has no prefix', (key) =>
    expect(integrationKeyPrefix(key)).toBeNull(),
  );

  it.each([
    ['Bearer hl_abc', 'hl_abc'],
    ['bearer   hl_abc ', 'hl_abc'],
    ['Basic hl_abc', null],
    ['Bearer', null],
    [null, null],
  ])('bearerKey(%j) → %j', (header, want) => expect(bearerKey(header)).toBe(want));
});
