import { describe, expect, it } from 'vitest';
import { checkDossierCsv, dossierCsvTemplate, parseCsvRecords } from './csv';

const NOW = new Date('2026-12-05T10:00:00Z');
const HEADER = 'Mã hồ sơ,Mã đơn vị,Thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả';

describe('parseCsvRecords', () => {
  it('reads quoted fields with separators, quotes and line breaks, and keeps each record’s first line', () => {
    expect(parseCsvRecords('a,"b,1","c ""x"""\r\n\r\n"d\ne",f\n', ',')).toEqual([
      { line: 1, fields: ['a', 'b,1', 'c "x"'] },
      { line: 3, fields: ['d\ne', 'f'] },
    ]);
    expect(parseCsvRecords('a;b\nc;d', ';')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });
});

describe('checkDossierCsv', () => {
  it('takes the template (BOM, CRLF) and gives its row', () => {
    const r = checkDossierCsv(dossierCsvTemplate('TTHC22'), NOW);
    expect(r.fileProblem).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        dossier: {
          code: '000.00.12.H56-241205-0001',
          officeCode: 'TTHC22',
          procedure: 'Đăng ký khai sinh',
          receivedAt: new Date('2026-12-05T01:30:00Z'),
          dueAt: new Date('2026-12-10T16:59:59.999Z'),
          returnedAt: null,
        },
      },
    ]);
  });

  it('finds columns by name without diacritics, in any order, with semicolons', () => {
    const r = checkDossierCsv('ngay_tiep_nhan;ma_ho_so;ma don vi\n01/12/2026;A-1;tthc22\n', NOW);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.dossier.code, x.dossier.officeCode, x.dossier.procedure])).toEqual([['A-1', 'TTHC22', '']]);
  });

  it('lists every problem by line and column, duplicates included, and keeps the valid rows', () => {
    const csv = [
      HEADER,
      'A-1,TTHC22,Khai sinh,01/12/2026 08:00,03/12/2026,02/12/2026',
      'A-2,TTHC22,Khai tử,01/12/2026,30/11/2026,',
      `${'X'.repeat(65)},??,Chứng thực,hôm qua,,`,
      'a-1,TTHC22,Khai sinh lại,01/12/2026,,',
      'A-3,TTHC22,Kết hôn,01/12/2026,,01/01/2027',
      'A-4,TTHC22,Đất đai,01/12/2026,,,thừa',
      '',
      'A-5,TTHC23,,02/12/2026,,',
    ].join('\n');
    const r = checkDossierCsv(csv, NOW);
    expect(r.total).toBe(7);
    expect(r.rows.map((x) => [x.line, x.dossier.code])).toEqual([
      [2, 'A-1'],
      [9, 'A-5'],
    ]);
    expect(r.problems).toEqual([
      { line: 3, column: 'Ngày hẹn trả', message: 'Ngày hẹn trả trước ngày tiếp nhận: thứ tự thời gian không đúng.' },
      { line: 4, column: 'Mã hồ sơ', message: 'Mã hồ sơ dài 65 ký tự, quá 64 ký tự cho phép.' },
      { line: 4, column: 'Mã đơn vị', message: expect.stringMatching(/không đúng dạng/) },
      { line: 4, column: 'Ngày tiếp nhận', message: expect.stringMatching(/“hôm qua” không phải thời điểm hợp lệ/) },
      { line: 5, column: 'Mã hồ sơ', message: 'Mã hồ sơ A-1 trùng với dòng 2 của tệp.' },
      { line: 6, column: 'Ngày trả kết quả', message: 'Ngày trả kết quả ở trong tương lai.' },
      { line: 7, column: null, message: 'Dòng có 7 cột, nhiều hơn dòng tiêu đề (6 cột).' },
    ]);
  });

  it.each([
    ['', /Tệp trống/],
    ['Mã hồ sơ,Thủ tục\nA,B', /thiếu cột “Mã đơn vị”, “Ngày tiếp nhận”/],
    [HEADER, /chỉ có dòng tiêu đề/],
    [`${HEADER}\n${'A,TTHC22,,01/12/2026,,\n'.repeat(20_001)}`, /20\.001 dòng hồ sơ, quá 20\.000/],
  ])('a file it cannot take says why (%#)', (csv, message) => {
    expect(checkDossierCsv(csv, NOW).fileProblem).toMatch(message);
  });
});
