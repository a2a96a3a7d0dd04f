import { describe, expect, it } from 'vitest';
import { attachmentHeader, CSV_BOM, csvField, csvRow, fileNamePart, neutraliseFormula, sheetCell, toCsv } from './csv';

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

describe('sheetCell', () => {
  it.each([
    [null, null],
    [3, 3],
    [Number.POSITIVE_INFINITY, null],
    ['=cmd', "'=cmd"],
    ['a\u0000b\u001Fc', 'abc'],
    ['dòng 1\ndòng 2\tx', 'dòng 1\ndòng 2\tx'],
  ] as const)('%j → %j', (value, want) => expect(sheetCell(value)).toBe(want));
});

describe('fileNamePart and attachmentHeader', () => {
  it.each([
    ['Trung tâm Phục vụ hành chính công phường Hoa Lư', 'Trung-tam-Phuc-vu-hanh-chinh-cong-phuong-Hoa-Lu'],
    ['Đồng Đăng', 'Dong-Dang'],
    ['TTHC22', 'TTHC22'],
    ['  ///  ', 'du-lieu'],
  ])('%j → %j', (text, want) => expect(fileNamePart(text)).toBe(want));

  it('gives an ASCII name and the UTF-8 one', () => {
    expect(attachmentHeader('hai-long-phieu.csv', 'Hài Lòng phiếu (1).csv')).toBe(
      `attachment; filename="hai-long-phieu.csv"; filename*=UTF-8''H%C3%A0i%20L%C3%B2ng%20phi%E1%BA%BFu%20%281%29.csv`,
    );
  });
});
