import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/form-state';
import { AcknowledgeAlertSchema, alertQueryString, AlertRuleSchema, describeRule, MarkAlertsSeenSchema, parseAlertQuery, REVIEW_MAX, ReviewLowRatingsSchema } from './alerts';

describe('AlertRuleSchema', () => {
  const parse = (v: Record<string, string>) => AlertRuleSchema.safeParse(v);

  it.each([
    [{ unitId: '4', count: '3', windowMinutes: '60', active: 'on' }, { unitId: 4, count: 3, windowMinutes: 60, active: true }],
    [{ unitId: '4', count: ' 2 ', windowMinutes: '5' }, { unitId: 4, count: 2, windowMinutes: 5, active: false }],
    [{ unitId: '4', count: '20', windowMinutes: '1440', active: 'on' }, { unitId: 4, count: 20, windowMinutes: 1440, active: true }],
  ])('%j → %j', (input, want) => expect(parse(input)).toMatchObject({ success: true, data: want }));

  it.each([
    [{ unitId: '4', count: '1', windowMinutes: '4' }, { count: 'Số đánh giá thấp ít nhất là 2.', windowMinutes: 'Khoảng thời gian ít nhất là 5 phút.' }],
    [{ unitId: '4', count: '21', windowMinutes: '1441' }, { count: 'Số đánh giá thấp nhiều nhất là 20.', windowMinutes: 'Khoảng thời gian nhiều nhất là 1440 phút.' }],
    [
      { unitId: '0', count: '2.5', windowMinutes: 'một giờ' },
      {
        unitId: 'Không tìm thấy đơn vị này.',
        count: 'Số đánh giá thấp phải là một số nguyên từ 2 đến 20.',
        windowMinutes: 'Khoảng thời gian phải là một số nguyên từ 5 đến 1440 phút.',
      },
    ],
  ])('%j → every error at once', (input, errors) => {
    const r = parse(input);
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!)).toEqual(errors);
  });
});

describe('AcknowledgeAlertSchema', () => {
  const parse = (v: Record<string, string>) => AcknowledgeAlertSchema.safeParse(v);

  it('trims the note and normalises line ends', () => {
    expect(parse({ id: '12', note: '  Đã kiểm tra quầy 2.\r\nĐã nhắc nhở.  ' })).toMatchObject({ success: true, data: { id: 12, note: 'Đã kiểm tra quầy 2.\nĐã nhắc nhở.' } });
  });
  it('takes exactly 500 characters', () => expect(parse({ id: '1', note: 'a'.repeat(500) }).success).toBe(true));
  it.each([
    [{ id: '1', note: '   ' }, { note: 'Vui lòng ghi chú việc đơn vị đã làm (ví dụ: đã kiểm tra quầy, đã nhắc nhở cán bộ).' }],
    [{ id: '-1', note: 'a'.repeat(501) }, { id: 'Không tìm thấy cảnh báo này.', note: 'Ghi chú tối đa 500 ký tự.' }],
    [{ id: 'abc' }, { id: 'Không tìm thấy cảnh báo này.', note: 'Vui lòng ghi chú việc đơn vị đã làm.' }],
  ])('%j → %j', (input, errors) => {
    const r = parse(input);
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!)).toEqual(errors);
  });
});

describe('MarkAlertsSeenSchema', () => {
  it.each([
    ['1795000000000', true],
    ['-1', false],
    ['1e12', false],
    ['', false],
  ])('%j → %s', (at, ok) => expect(MarkAlertsSeenSchema.safeParse({ at }).success).toBe(ok));
});

describe('parseAlertQuery', () => {
  it('reads the office and the page', () => {
    const { query, notes } = parseAlertQuery({ 'don-vi': '7', trang: '3', 'xac-nhan': '12' });
    expect(notes).toEqual([]);
    expect(query).toEqual({ unitId: 7, page: 3, acknowledgedId: 12 });
    expect(alertQueryString(query, 2)).toBe('?don-vi=7&trang=2');
    expect(alertQueryString({ page: 1 }, 1)).toBe('');
  });

  it.each([
    [{ 'don-vi': 'abc' }, ['Bộ lọc “đơn vị” không hợp lệ nên đã được bỏ qua.']],
    [{ 'don-vi': ['1', '2'] }, ['Bộ lọc “đơn vị” xuất hiện nhiều lần nên đã được bỏ qua.']],
    [{ 'xac-nhan': 'x' }, []],
    [{ trang: '-2', 'don-vi': '0' }, ['Số trang không hợp lệ nên đang hiển thị trang 1.', 'Bộ lọc “đơn vị” không hợp lệ nên đã được bỏ qua.']],
  ])('%j falls back to the defaults with a note', (params, want) => {
    const { query, notes } = parseAlertQuery(params);
    expect(query).toEqual({ page: 1 });
    expect(notes).toEqual(want);
  });
});

it('describeRule', () => expect(describeRule({ count: 3, windowMinutes: 60 })).toBe('3 đánh giá mức 1–2 trong vòng 60 phút'));

describe('ReviewLowRatingsSchema', () => {
  const parse = (v: Record<string, string>) => ReviewLowRatingsSchema.safeParse(v);
  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1)).join(',');

  it.each([
    // The row's button: its id, whatever the list holds.
    [{ id: '42', ids: '1,2,42' }, [42]],
    // The "all" button: every id listed.
    [{ all: '1', ids: '1, 2,42' }, [1, 2, 42]],
    [{ all: '1', ids: ids(REVIEW_MAX) }, Array.from({ length: REVIEW_MAX }, (_, i) => i + 1)],
  ])('%j → %j', (input, want) => expect(parse(input)).toMatchObject({ success: true, data: { responseIds: want } }));

  it.each([[{}], [{ id: '' }], [{ id: '0' }], [{ id: '1;2' }], [{ all: '1' }], [{ all: '1', ids: '1,x' }], [{ all: '1', ids: ids(REVIEW_MAX + 1) }]])(
    '%j is refused with a message',
    (input) => {
      const r = parse(input);
      expect(r.success).toBe(false);
      if (!r.success) expect(fieldErrorsOf(r.error)).toEqual({ id: 'Không tìm thấy đánh giá này; vui lòng tải lại trang.' });
    },
  );
});
