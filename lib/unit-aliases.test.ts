import { describe, expect, it } from 'vitest';
import { foldAliases, joinAliases, normalizeAliases, splitAliases } from './unit-aliases';

describe('normalizeAliases', () => {
  it.each([
    ['', 'Phường Phủ Lý', []],
    ['Thành phố Phủ Lý\n\n  tỉnh   Hà Nam ', 'Phường Phủ Lý', ['Thành phố Phủ Lý', 'tỉnh Hà Nam']],
    // repeats, whatever their accents and case, and the unit's own name are dropped
    ['Hà Nam\r\nHA NAM\nha nam', '', ['Hà Nam']],
    ['Phường Phủ Lý\nPhu Ly', 'Phường Phủ Lý', ['Phu Ly']],
    // decomposed Vietnamese is stored composed (NFC)
    ['Hà Nam'.normalize('NFD'), '', ['Hà Nam']],
    ['–\n  ', '', []],
  ])('%j (unit %j) → %j', (text, name, want) => expect(normalizeAliases(text, name)).toEqual(want));
});

describe('stored columns', () => {
  it('round-trips one alias per line', () => {
    expect(joinAliases(['A', 'B c'])).toBe('A\nB c');
    expect(splitAliases('A\nB c')).toEqual(['A', 'B c']);
    expect(joinAliases([])).toBeNull();
    expect(splitAliases(null)).toEqual([]);
  });
  it('folds each alias for the search', () => {
    expect(foldAliases(['Thành phố Phủ Lý, tỉnh Hà Nam', 'Đồng Văn'])).toBe('thanh pho phu ly tinh ha nam\ndong van');
    expect(foldAliases([])).toBeNull();
  });
});
