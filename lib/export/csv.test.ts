import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvRow, neutraliseFormula, toCsv } from './csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['Hài lòng', 'Hài lòng'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [5, '5'],
    [-3, '-3'],
    [0.5, '0.5'],
    [Number.NaN, ''],
  ] as const)('%j → %j', (value, want) => expect(csvField(value)).toBe(want));

  it.each([
    ['=1+1', "'=1+1"],
    ['+84912345678', "'+84912345678"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a=b', 'a=b'],
    ["'quoted", "'quoted"],
  ])('neutralises formula-looking text %j → %j', (value, want) => expect(csvField(value)).toBe(want));
});

describe('neutraliseFormula', () => {
  it.each([
    ['=x', "'=x"],
    ['x=', 'x='],
    ['', ''],
    [' =x', ' =x'],
  ])('%j → %j', (value, want) => expect(neutraliseFormula(value)).toBe(want));
});

describe('csvRow and toCsv', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
  it('starts the document with a UTF-8 BOM', () => {
    const doc = toCsv([['Mã phiếu', 'Đơn vị'], [1, 'Sở Tư pháp']]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    expect(doc).toBe('\uFEFFMã phiếu,Đơn vị\r\n1,Sở Tư pháp\r\n');
    expect(Buffer.from(doc, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
  it('gives an empty document as the BOM alone', () => {
    expect(toCsv([])).toBe(CSV_BOM);
  });
});
