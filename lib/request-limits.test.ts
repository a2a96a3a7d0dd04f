import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT_BYTES, checkActionLength, nestingDepth } from './request-limits';

describe('checkActionLength', () => {
  it.each([
    ['0', 'malformed'],
    ['2', null],
    ['1048576', null],
    [String(ACTION_BODY_LIMIT_BYTES + 1), 'payload_too_large'],
    ['99999999999', 'payload_too_large'],
    [null, 'length_required'],
    ['', 'length_required'],
    ['-1', 'length_required'],
    ['12abc', 'length_required'],
    ['1e9', 'length_required'],
  ])('%s → %s', (len, want) => expect(checkActionLength(len)).toBe(want));
});

describe('nestingDepth', () => {
  it.each([
    ['', 0],
    ['"plain"', 0],
    ['[]', 1],
    ['[{"a":[1,2]},{"b":3}]', 3],
    ['["[[[[[[", "{{{{"]', 1],
    ['["a\\"[[[[", 1]', 1],
    ['0:["$K1"]\n1:{"x":[[]]}', 3],
    ['[[[[]]]]' + '[]', 4],
    [']]]][[', 2],
  ])('%j → %i', (text, want) => expect(nestingDepth(text)).toBe(want));

  it('stops counting past the limit, so a huge payload costs little', () => {
    expect(nestingDepth('['.repeat(1_000_000), 65)).toBe(65);
  });
});
