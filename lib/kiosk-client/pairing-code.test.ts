import { describe, expect, it } from 'vitest';
import { normalisePairingCode, pairingCodeProblem } from './pairing-code';

describe('pairing codes', () => {
  it.each([
    ['abcd efgh', 'ABCDEFGH'],
    [' AB-CD-EF-GH ', 'ABCDEFGH'],
    ['', ''],
  ])('%j normalises to %j', (raw, want) => {
    expect(normalisePairingCode(raw)).toBe(want);
  });

  it.each([
    ['', /Vui lòng nhập/],
    ['ABC', /8 ký tự/],
    ['ABCDEFGHJ', /8 ký tự/],
    ['ABCDEFG0', /không có chữ O/],
    ['abcd efgh', null],
    ['2345-6789', null],
  ])('%j → %s', (raw, want) => {
    const problem = pairingCodeProblem(raw);
    if (want === null) expect(problem).toBeNull();
    else expect(problem).toMatch(want);
  });
});
