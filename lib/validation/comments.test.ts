import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/form-state';
import { commentQueryString, HandleCommentSchema, parseCommentQuery, parseReceiptCode } from './comments';

describe('parseCommentQuery', () => {
  it('reads every filter', () => {
    const { query, notes } = parseCommentQuery({ 'trang-thai': 'in_progress', 'diem-thap': '1', 'lien-he': 'on', tu: '2026-11-01', den: '2026-11-30', trang: '2' });
    expect(notes).toEqual([]);
    expect(query).toMatchObject({ status: 'in_progress', lowOnly: true, hasContact: true, fromDay: '2026-11-01', toDay: '2026-11-30', page: 2 });
    // Vietnamese days: 1 Nov starts at 17:00 UTC on 31 Oct; the range ends at the start of 1 Dec.
    expect(query.from?.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(query.to?.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(commentQueryString(query, 3)).toBe('?trang-thai=in_progress&diem-thap=1&lien-he=1&tu=2026-11-01&den=2026-11-30&trang=3');
  });

  it.each([
    [{ 'trang-thai': 'closed' }, 'Bộ lọc “trạng thái” không hợp lệ nên đã được bỏ qua.'],
    [{ 'diem-thap': 'yes' }, 'Bộ lọc “chỉ điểm thấp” không hợp lệ nên đã được bỏ qua.'],
    [{ 'lien-he': ['1', '1'] }, 'Bộ lọc “có số liên hệ” xuất hiện nhiều lần nên đã được bỏ qua.'],
    [{ tu: '2026-02-30' }, '“Từ ngày” (2026-02-30) không phải một ngày hợp lệ dạng ngày/tháng/năm (ví dụ 05/12/2026) nên đã được bỏ qua.'],
    [{ tu: '2026-11-30', den: '2026-11-01' }, '“Từ ngày” sau “Đến ngày” nên bộ lọc ngày đã được bỏ qua.'],
    [{ trang: '0' }, 'Số trang không hợp lệ nên đang hiển thị trang 1.'],
  ])('%j is ignored with a note', (params, note) => {
    const { query, notes } = parseCommentQuery(params);
    expect(notes).toEqual([note]);
    expect(query).toMatchObject({ lowOnly: false, hasContact: false, page: 1 });
    expect(query.status).toBeUndefined();
  });
});

describe('HandleCommentSchema', () => {
  const parse = (v: Record<string, string>) => HandleCommentSchema.safeParse(v);
  it('accepts a reply with "answered", trimmed', () => {
    expect(parse({ responseId: '7', status: 'answered', reply: '  Cảm ơn  ' })).toMatchObject({ success: true, data: { responseId: 7, status: 'answered', reply: 'Cảm ơn' } });
  });
  it('accepts a status change without a reply', () => {
    expect(parse({ responseId: '7', status: 'in_progress', reply: '' }).success).toBe(true);
  });
  it.each([
    [{ responseId: '7', status: 'answered', reply: ' ' }, { reply: 'Vui lòng nhập nội dung trả lời để đánh dấu “Đã trả lời”.' }],
    [{ responseId: '7', status: 'new', reply: 'Xin chào' }, { status: 'Để gửi nội dung trả lời, hãy chọn trạng thái “Đã trả lời” (hoặc xoá nội dung trả lời).' }],
    [{ responseId: 'x', status: 'done', reply: 'a'.repeat(1001) }, { responseId: 'Không tìm thấy góp ý này.', status: 'Vui lòng chọn một trạng thái trong danh sách.', reply: 'Nội dung trả lời tối đa 1000 ký tự.' }],
  ])('%j → %j', (input, errors) => {
    const r = parse(input);
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!)).toEqual(errors);
  });
  it('takes exactly 1000 characters', () => expect(parse({ responseId: '1', status: 'answered', reply: 'a'.repeat(1000) }).success).toBe(true));
});

describe('parseReceiptCode', () => {
  it.each([
    ['abcd2345', 'ABCD2345'],
    [' ABCD 2345 ', 'ABCD2345'],
    ['ABCD234', null],
    ['ABCD23450', null],
    ['ABCD2340', null],
    ['ABCDI345', null],
    [undefined, null],
  ])('%j → %j', (raw, want) => expect(parseReceiptCode(raw)).toBe(want));
});
