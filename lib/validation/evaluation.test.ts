import { describe, expect, it } from 'vitest';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { CreatePeriodSchema, parsePointsText, parseResultsQuery, readSheetEntries, ReopenSchema, resultsQueryString, RubricFormSchema } from './evaluation';

const manual = rubricPreset('mac-dinh').groups[1]!.criteria; // quy-tac 15, co-so 15

describe('parsePointsText', () => {
  it.each([
    ['12,5', 12.5],
    ['12.25', 12.25],
    [' 7 ', 7],
    ['', null],
    ['abc', Number.NaN],
    ['1e3', Number.NaN],
  ])('%j → %s', (raw, want) => expect(parsePointsText(raw)).toBe(want));
});

describe('readSheetEntries', () => {
  it('reads points, notes and links', () => {
    expect(readSheetEntries(manual, { 'diem-quy-tac': '12,5', 'ghi-chu-quy-tac': ' Đủ ', 'lien-ket-quy-tac': 'https://a.vn/x\n\nhttps://b.vn', 'diem-co-so': '' }, { withLinks: true })).toEqual({
      ok: true,
      entries: [
        { key: 'quy-tac', pointsX100: 1250, note: 'Đủ', links: ['https://a.vn/x', 'https://b.vn'] },
        { key: 'co-so', pointsX100: null, note: null, links: [] },
      ],
    });
  });

  it('refuses every bad field at once, in Vietnamese', () => {
    expect(readSheetEntries(manual, { 'diem-quy-tac': '16', 'diem-co-so': '-1', 'lien-ket-quy-tac': 'javascript:alert(1)' }, { withLinks: true })).toEqual({
      ok: false,
      fieldErrors: {
        'diem-quy-tac': '“Thực hiện quy tắc ứng xử, trang phục, thẻ công chức”: tối đa 15 điểm; Ông/Bà đã nhập 16.',
        'lien-ket-quy-tac': '“javascript:alert(1)” không phải một đường dẫn http(s) hợp lệ (tối đa 500 ký tự), mỗi dòng một đường dẫn.',
        'diem-co-so': '“Nơi tiếp nhận: biển hiệu, chỗ ngồi, trang thiết bị”: điểm không được âm; nhập từ 0 đến 15.',
      },
    });
  });
});

describe('forms', () => {
  it('a new period needs a year, a name, a real due date and a template', () => {
    const bad = CreatePeriodSchema.safeParse({ year: '19', name: ' ', dueDate: '2026-02-30', template: 'x' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual([
      'Năm từ 2020 đến 2100.',
      'Nhập tên đợt đánh giá, ví dụ “Đánh giá năm 2026”.',
      'Hạn tự đánh giá phải là một ngày có thật, dạng ngày/tháng/năm (ví dụ 15/12/2026).',
      'Chọn một bộ tiêu chí mẫu hoặc một đợt trước để sao chép.',
    ]);
    expect(CreatePeriodSchema.parse({ year: '2026', name: 'Năm  2026', dueDate: '2026-12-15', template: 'copy:3' })).toEqual({ year: 2026, name: 'Năm 2026', dueDate: '2026-12-15', template: { kind: 'copy', periodId: 3 } });
    expect(CreatePeriodSchema.parse({ year: '2026', name: 'A', dueDate: '15/12/2026', template: 'copy:3' }).dueDate).toBe('2026-12-15');
    expect(CreatePeriodSchema.parse({ year: '2026', name: 'A', dueDate: '2026-12-15', template: 'preset:dong-nai-54-2025' }).template).toEqual({ kind: 'preset', preset: 'dong-nai-54-2025' });
  });

  it('a rubric form lists every problem of the JSON', () => {
    const r = rubricPreset('mac-dinh');
    const res = RubricFormSchema.safeParse({ periodId: '1', rubric: JSON.stringify({ ...r, total: 90, bands: [{ label: 'A', min: 0, below: 40 }, { label: 'B', min: 50, below: null }] }) });
    expect(res.success).toBe(false);
    if (!res.success) expect(res.error.issues[0]!.message.split('\n')).toHaveLength(2);
  });

  it('reopening needs a reason', () => {
    expect(ReopenSchema.safeParse({ periodId: '1', unitId: '2', reason: 'ngắn' }).success).toBe(false);
  });
});

describe('parseResultsQuery', () => {
  it('reads unit and status, and notes what it drops', () => {
    expect(parseResultsQuery({ 'don-vi': '12', 'trang-thai': 'chua-bat-dau' })).toEqual({ query: { unitId: 12, status: 'not_started' }, page: 1, notes: [] });
    expect(parseResultsQuery({ 'don-vi': 'x', 'trang-thai': 'abc' }).notes).toHaveLength(2);
    expect(parseResultsQuery({ trang: '3' })).toEqual({ query: {}, page: 3, notes: [] });
    expect(parseResultsQuery({ trang: '0' })).toEqual({ query: {}, page: 1, notes: ['Số trang không hợp lệ nên đang hiển thị trang 1.'] });
  });

  it('writes the filters and the page back into a query string', () => {
    expect(resultsQueryString({ unitId: 12, status: 'not_started' }, 2)).toBe('?don-vi=12&trang-thai=chua-bat-dau&trang=2');
    expect(resultsQueryString({}, 1)).toBe('');
  });
});
