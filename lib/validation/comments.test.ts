import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/form-state';
import { commentQueryString, CommentStatusSchema, isFiltered, parseCommentQuery, parseReceiptCode, ReplyCommentSchema } from './comments';

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

  it('reads the receipt code, the text and the order, and keeps them on other pages', () => {
    const { query, notes } = parseCommentQuery({ 'trang-thai': 'unanswered', ma: ' abcd 2345 ', tim: '  chờ   lâu ', 'sap-xep': 'cu-nhat' });
    expect(notes).toEqual([]);
    expect(query).toMatchObject({ status: 'unanswered', receiptCode: 'ABCD2345', text: 'chờ lâu', order: 'oldest', page: 1 });
    expect(isFiltered(query)).toBe(true);
    const qs = commentQueryString(query, 2);
    expect(qs).toBe('?trang-thai=unanswered&ma=ABCD2345&tim=ch%E1%BB%9D+l%C3%A2u&sap-xep=cu-nhat&trang=2');
    expect(parseCommentQuery(Object.fromEntries(new URLSearchParams(qs))).query).toEqual({ ...query, page: 2 });
  });

  it('reads no filter as the whole list, newest first', () => {
    const { query, notes } = parseCommentQuery({ 'sap-xep': 'moi-nhat', tim: ' ', ma: '' });
    expect(notes).toEqual([]);
    expect(query).toEqual({ lowOnly: false, hasContact: false, order: 'newest', page: 1 });
    expect(isFiltered(query)).toBe(false);
    expect(commentQueryString(query, 1)).toBe('');
  });

  it.each([
    [{ 'trang-thai': 'closed' }, 'Bộ lọc “trạng thái” không hợp lệ nên đã được bỏ qua.'],
    [{ 'diem-thap': 'yes' }, 'Bộ lọc “chỉ điểm thấp” không hợp lệ nên đã được bỏ qua.'],
    [{ 'lien-he': ['1', '1'] }, 'Bộ lọc “có số liên hệ” xuất hiện nhiều lần nên đã được bỏ qua.'],
    [{ tu: '2026-02-30' }, '“Từ ngày” (2026-02-30) không phải một ngày hợp lệ dạng ngày/tháng/năm (ví dụ 05/12/2026) nên đã được bỏ qua.'],
    [{ tu: '2026-11-30', den: '2026-11-01' }, '“Từ ngày” sau “Đến ngày” nên bộ lọc ngày đã được bỏ qua.'],
    [{ trang: '0' }, 'Số trang không hợp lệ nên đang hiển thị trang 1.'],
    [{ ma: 'ABCD234' }, 'Mã tra cứu gồm 8 ký tự chữ và số (như in trên trang cảm ơn của người dân) nên bộ lọc mã tra cứu đã được bỏ qua.'],
    [{ ma: "x' or 1=1" }, 'Mã tra cứu gồm 8 ký tự chữ và số (như in trên trang cảm ơn của người dân) nên bộ lọc mã tra cứu đã được bỏ qua.'],
    [{ tim: 'a'.repeat(101) }, 'Nội dung cần tìm dài quá 100 ký tự nên đã được bỏ qua.'],
    [{ tim: '%%' }, 'Nội dung cần tìm không có chữ hay số nào nên đã được bỏ qua.'],
    [{ 'sap-xep': 'random' }, 'Cách sắp xếp không hợp lệ nên danh sách xếp mới nhất trước.'],
  ])('%j is ignored with a note', (params, note) => {
    const { query, notes } = parseCommentQuery(params);
    expect(notes).toEqual([note]);
    expect(query).toEqual({ lowOnly: false, hasContact: false, order: 'newest', page: 1 });
  });
});

describe('ReplyCommentSchema', () => {
  const parse = (v: Record<string, string>) => ReplyCommentSchema.safeParse(v);
  it('accepts a reply, trimmed, with no status to choose', () => {
    expect(parse({ responseId: '7', reply: '  Cảm ơn\r\nÔng/Bà  ' })).toMatchObject({ success: true, data: { responseId: 7, reply: 'Cảm ơn\nÔng/Bà' } });
  });
  it.each([
    [{ responseId: '7', reply: ' ' }, { reply: 'Vui lòng nhập nội dung trả lời.' }],
    [{ responseId: '7' }, { reply: 'Vui lòng nhập nội dung trả lời.' }],
    [{ responseId: 'x', reply: 'a'.repeat(1001) }, { responseId: 'Không tìm thấy góp ý này.', reply: 'Nội dung trả lời tối đa 1000 ký tự.' }],
  ])('%j → %j', (input, errors) => {
    const r = parse(input);
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!)).toEqual(errors);
  });
  it('takes exactly 1000 characters', () => expect(parse({ responseId: '1', reply: 'a'.repeat(1000) }).success).toBe(true));
});

describe('CommentStatusSchema', () => {
  it('accepts a status', () => expect(CommentStatusSchema.parse({ responseId: '3', status: 'in_progress' })).toEqual({ responseId: 3, status: 'in_progress' }));
  it('refuses an unknown status and a bad id with Vietnamese messages', () => {
    const r = CommentStatusSchema.safeParse({ responseId: '0', status: 'done' });
    expect(fieldErrorsOf(r.error!)).toEqual({ responseId: 'Không tìm thấy góp ý này.', status: 'Vui lòng chọn một trạng thái trong danh sách.' });
  });
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
