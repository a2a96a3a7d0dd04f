import { describe, expect, it } from 'vitest';
import { COLUMN_DEFINITIONS, OPEN_DATA_COLUMNS, openDataCsv, openDataJson, openDataRows, type OpenDataInput } from './open-data';
import { quarterPeriod, yearPeriodKey, type PublishedFigure } from './publication';

const fig = (over: Partial<PublishedFigure>): PublishedFigure => ({
  unitId: 1,
  name: 'Tỉnh Ninh Bình',
  code: null,
  respondents: 0,
  satisfied: 0,
  lowX10000: null,
  highX10000: null,
  rank: null,
  totalX100: null,
  finalClass: null,
  ...over,
});

const input: OpenDataInput = {
  period: quarterPeriod(2026, 3),
  publicationId: 7,
  publishedAt: new Date('2026-10-05T03:00:00Z'),
  provinceName: 'Tỉnh Ninh Bình',
  province: fig({ respondents: 52, satisfied: 44, lowX10000: 7300, highX10000: 9200 }),
  offices: [
    fig({ unitId: 2, name: 'Trung tâm "A", số 1', code: 'TTHC22', respondents: 40, satisfied: 36, lowX10000: 7700, highX10000: 9600, rank: 1 }),
    fig({ unitId: 3, name: '=HYPERLINK("x")', code: 'XA0003', respondents: 12, satisfied: 8 }),
  ],
};

describe('open data', () => {
  it('rows: the province, then the offices; under the minimum sample only n', () => {
    expect(openDataRows(input)).toEqual([
      { period: '2026-Q3', level: 'province', office_code: null, office_name: 'Tỉnh Ninh Bình', respondents: 52, satisfied: 44, satisfaction_rate: 0.8462, ci95_low: 0.73, ci95_high: 0.92, enough_data: 1, rank: null, evaluation_total: null, classification: null },
      { period: '2026-Q3', level: 'office', office_code: 'TTHC22', office_name: 'Trung tâm "A", số 1', respondents: 40, satisfied: 36, satisfaction_rate: 0.9, ci95_low: 0.77, ci95_high: 0.96, enough_data: 1, rank: 1, evaluation_total: null, classification: null },
      { period: '2026-Q3', level: 'office', office_code: 'XA0003', office_name: '=HYPERLINK("x")', respondents: 12, satisfied: null, satisfaction_rate: null, ci95_low: null, ci95_high: null, enough_data: 0, rank: null, evaluation_total: null, classification: null },
    ]);
  });

  it('CSV: BOM, a header, quoted text guarded against formulas, CRLF', () => {
    const csv = openDataCsv(input);
    expect(csv.startsWith('\uFEFF"period","level","office_code"')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe('"2026-Q3","office","TTHC22","Trung tâm ""A"", số 1",40,36,0.9,0.77,0.96,1,1,,');
    expect(lines[3]).toBe('"2026-Q3","office","XA0003","\'=HYPERLINK(""x"")",12,,,,,0,,,');
    expect(lines[4]).toBe('');
  });

  it('JSON: the same rows, the period and every column defined in both languages', () => {
    const doc = JSON.parse(openDataJson(input, 'https://hailong.example.vn/'));
    expect(doc.rows).toEqual(openDataRows(input));
    expect(doc.period).toEqual({ key: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-09-30', label: { vi: 'Quý III/2026', en: 'Q3 2026' } });
    expect(doc.csv).toBe('https://hailong.example.vn/cong-khai/2026-Q3/du-lieu.csv');
    expect(doc.publishedAt).toBe('2026-10-05T03:00:00.000Z');
    expect(Object.keys(doc.definitions.columns)).toEqual([...OPEN_DATA_COLUMNS]);
    for (const c of OPEN_DATA_COLUMNS) expect(COLUMN_DEFINITIONS[c].vi && COLUMN_DEFINITIONS[c].en).toBeTruthy();
  });

  it('a year carries the finalised total and class', () => {
    const year = { ...input, period: yearPeriodKey(2025), offices: [fig({ unitId: 2, code: 'TTHC22', name: 'A', respondents: 300, satisfied: 290, lowX10000: 9400, highX10000: 9800, rank: 1, totalX100: 9250, finalClass: 'Xuất sắc' })] };
    expect(openDataRows(year)[1]).toMatchObject({ period: '2025', evaluation_total: 92.5, classification: 'Xuất sắc' });
  });
});
