import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Cell, ColumnFormat } from '@/lib/export/csv';
import { xlsxStream, type TableSource } from './export-streams';

async function workbookOf(source: TableSource): Promise<ExcelJS.Worksheet> {
  const chunks: Uint8Array[] = [];
  const reader = xlsxStream(source, 'Thử').getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

function table(rows: Cell[][], formats: ColumnFormat[]): TableSource {
  let sent = false;
  return { headers: ['Mã', 'Thời điểm', 'Đơn vị', 'Điểm', 'Tỷ lệ (%)'], formats, nextRows: () => (sent ? [] : ((sent = true), rows)) };
}

describe('xlsxStream', () => {
  it('writes instants as real dates in Vietnam time and numbers as numbers, each with its format', async () => {
    const sheet = await workbookOf(
      table(
        [
          [1042, new Date('2026-11-27T17:05:07Z'), 'Trung tâm', 4, 92.3],
          [1043, null, '=1+1', null, null],
        ],
        ['id', 'datetime', 'text', 'integer', 'decimal1'],
      ),
    );
    expect(sheet.getRow(1).getCell(1).value).toBe('Mã');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(1042);
    expect(row.getCell(1).numFmt).toBe('0');
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    // 00:05:07 on 28/11 in Vietnam: the spreadsheet's clock reads local time.
    expect((row.getCell(2).value as Date).toISOString()).toBe('2026-11-28T00:05:07.000Z');
    expect(row.getCell(2).numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(5).value).toBe(92.3);
    expect(row.getCell(5).numFmt).toBe('0.0');
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
    expect(sheet.getRow(3).getCell(3).value).toBe("'=1+1");
  });

  it('keeps many rows cheap: styles are shared, not made per cell', async () => {
    const rows: Cell[][] = Array.from({ length: 20_000 }, (_, i) => [i, new Date(1_764_200_000_000 + i * 60_000), 'Trung tâm', (i % 5) + 1, 80 + (i % 20)]);
    const started = performance.now();
    const sheet = await workbookOf(table(rows, ['id', 'datetime', 'text', 'integer', 'decimal1']));
    const ms = performance.now() - started;
    expect(sheet.actualRowCount).toBe(20_001);
    expect(sheet.getRow(20_001).getCell(2).type).toBe(ExcelJS.ValueType.Date);
    // Writing and reading back 20,000 rows; a per-cell style lookup would be several times slower.
    expect(ms).toBeLessThan(20_000);
  });
});
