import { describe, expect, it } from 'vitest';
import { globContaining, regexContaining, searchWords } from './search-pattern';

/** What a GLOB pattern of globContaining accepts: the same classes read as a JavaScript regular expression. */
const matches = (text: string, word: string) => {
  const glob = globContaining(word);
  expect(glob.startsWith('*') && glob.endsWith('*')).toBe(true);
  expect(glob.slice(1, -1)).toBe(regexContaining(word));
  return new RegExp(regexContaining(word), 'u').test(text);
};

describe('searchWords', () => {
  it.each<[string, string[]]>([
    ['Chờ  LÂU!', ['cho', 'lau']],
    ['  ', []],
    ['Đất đai, 2 lần', ['dat', 'dai', '2', 'lan']],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
  ])('%j → %j', (text, words) => expect(searchWords(text)).toEqual(words));
});

describe('globContaining / regexContaining', () => {
  it.each<[string, string, boolean]>([
    ['Phải chờ quá lâu ở quầy', 'cho', true],
    ['Phải chờ quá lâu ở quầy', 'lau', true],
    ['Phải CHỜ quá lâu', 'cho', true],
    ['Đất đai', 'dat', true],
    ['đất đai', 'dat', true],
    ['Thái độ thiếu nhiệt tình', 'nhiet', true],
    ['Ưu tiên người già', 'uu', true],
    ['Cơ sở vật chất', 'co', true],
    ['Phải chờ quá lâu', 'chu', false],
    ['Hồ sơ số 12345', '2345', true],
    ['Hồ sơ số 12345', '2346', false],
    // A word is a substring, not a whole word.
    ['nhiệt tình', 'nhi', true],
  ])('%j contains %j: %s', (text, word, want) => {
    expect(matches(text, word)).toBe(want);
  });

  it('keeps GLOB and regular-expression metacharacters out of a pattern', () => {
    for (const word of searchWords('50% *?[x]. (a|b)')) expect(globContaining(word)).not.toMatch(/[%?(|)\\.]|\*.*\*.*\*/);
  });
});
