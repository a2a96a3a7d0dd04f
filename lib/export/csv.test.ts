import { describe, expect, it } from 'vitest';
import { attachmentHeader, CSV_BOM, csvField, csvRow, fileNamePart, neutraliseFormula, sheetCell, toCsv } from './csv';

describe('csvField', () => {
  it.each([
    ['plain', '"plain"'],
    ['Hài lòng', '"Hài lòng"'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['0912345678', '"0912345678"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['', '""'],
    [null, ''],
    [undefined, ''],
    [5, '5'],
    [-3, '-3'],
    [0.5, '0.5'],
    [Number.NaN, ''],
  ] as const)('%j → %j', (value, want) => expect(csvField(value)).toBe(want));

  it.each([
    ['=1+1', `"'=1+1"`],
    ['+84912345678', `"'+84912345678"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
    ['a=b', '"a=b"'],
    ["'quoted", `"'quoted"`],
    // The quotes keep `a;=1+1` one cell for a spreadsheet that splits on `;`.
    ['a;=1+1', '"a;=1+1"'],
    ['x;@SUM(A1)', '"x;@SUM(A1)"'],
    ['a;b;+1', '"a;b;+1"'],
  ])('neutralises formula-looking text %j → %j', (value, want) => expect(csvField(value)).toBe(want));

  it.each(['plain', '', 'a;=1+1', '=1', 'Sở Tư pháp', '0912345678', 'a\tb'])('quotes every text field: %j', (value) => {
    const field = csvField(value);
    expect(field.length >= 2 && field.startsWith('"') && field.endsWith('"')).toBe(true);
  });
});

/** How a spreadsheet that splits on `;` (a locale whose list separator is `;`) reads one record: quoted text is never split. */
function splitOnSemicolons(record: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (quoted && c === '"' && record[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

describe('a spreadsheet splitting on semicolons', () => {
  it.each([
    [['a;=1+1', 'b']],
    [['x', 'y;@SUM(A1)']],
    [["z;=cmd|' /C calc'!A0"]],
    [['a;b;+1;-2', 3, null]],
  ] as const)('sees no cell of %j starting with = + - @', (cells) => {
    const seen = splitOnSemicolons(csvRow(cells).replace(/\r\n$/, ''));
    expect(seen).toHaveLength(1);
    expect(seen.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
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
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('"a",1,,"b,c"\r\n');
  });
  it('starts the document with a UTF-8 BOM', () => {
    const doc = toCsv([['Mã phiếu', 'Đơn vị'], [1, 'Sở Tư pháp']]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    expect(doc).toBe('\uFEFF"Mã phiếu","Đơn vị"\r\n1,"Sở Tư pháp"\r\n');
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

  it('moves an instant by +7 hours, so the spreadsheet date reads Vietnam time', () => {
    const cell = sheetCell(new Date('2026-11-27T17:05:07Z'));
    expect(cell).toBeInstanceOf(Date);
    expect((cell as Date).toISOString()).toBe('2026-11-28T00:05:07.000Z');
    expect(sheetCell(new Date(Number.NaN))).toBeNull();
  });
});

describe('csvField of an instant', () => {
  it.each([
    ['2026-11-27T02:05:07Z', '"27/11/2026 09:05:07"'],
    ['2026-12-31T17:00:00Z', '"01/01/2027 00:00:00"'],
  ])('%s → %s', (iso, want) => expect(csvField(new Date(iso))).toBe(want));
  it('leaves an invalid date empty', () => expect(csvField(new Date(Number.NaN))).toBe(''));
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
