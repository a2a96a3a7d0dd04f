import { describe, expect, it } from 'vitest';
import { CreateOfficialSchema, LinkCommentOfficialSchema, parseOfficialFilters, SetPinSchema, UpdateOfficialSchema } from './officials';

const errorOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error!.issues[0]!.message);

describe('officials forms', () => {
  it.each([
    [{ unitId: '4', fullName: '  Nguyễn   Thị  Hoa ', position: ' chuyên viên ' }, null],
    [{ unitId: '4', fullName: '   ', position: '' }, 'Vui lòng nhập họ và tên cán bộ.'],
    [{ unitId: '4', fullName: 'A'.repeat(101), position: '' }, 'Họ và tên tối đa 100 ký tự.'],
    [{ unitId: '4', fullName: 'Lan', position: 'x'.repeat(81) }, 'Chức danh tối đa 80 ký tự.'],
    [{ unitId: '', fullName: 'Lan', position: '' }, 'Vui lòng chọn đơn vị.'],
    [{ unitId: '0', fullName: 'Lan', position: '' }, 'Vui lòng chọn đơn vị.'],
  ])('create %j → %s', (input, message) => {
    expect(errorOf(CreateOfficialSchema.safeParse(input))).toBe(message);
  });

  it('normalises the name and reads the active box', () => {
    expect(CreateOfficialSchema.parse({ unitId: '4', fullName: '  Nguyễn   Thị  Hoa ', position: ' chuyên  viên ' })).toEqual({ unitId: 4, fullName: 'Nguyễn Thị Hoa', position: 'chuyên viên' });
    expect(UpdateOfficialSchema.parse({ officialId: '3', fullName: 'Lan', position: '' }).active).toBe(false);
    expect(UpdateOfficialSchema.parse({ officialId: '3', fullName: 'Lan', position: '', active: 'on' }).active).toBe(true);
  });

  it.each([
    ['1234', null],
    ['123456', null],
    [' 4821 ', null],
    ['123', 'Mã PIN gồm 4 đến 6 chữ số.'],
    ['1234567', 'Mã PIN gồm 4 đến 6 chữ số.'],
    ['12a4', 'Mã PIN gồm 4 đến 6 chữ số.'],
    ['１２３４', 'Mã PIN gồm 4 đến 6 chữ số.'],
    ['0000', 'Mã PIN không được gồm một chữ số lặp lại (ví dụ 1111).'],
  ])('PIN %j → %s', (pin, message) => {
    expect(errorOf(SetPinSchema.safeParse({ officialId: '1', pin }))).toBe(message);
  });

  it('links a comment to an official or to nobody', () => {
    expect(LinkCommentOfficialSchema.parse({ responseId: '9', officialId: '' })).toEqual({ responseId: 9, officialId: null });
    expect(LinkCommentOfficialSchema.parse({ responseId: '9', officialId: '12' })).toEqual({ responseId: 9, officialId: 12 });
    expect(errorOf(LinkCommentOfficialSchema.safeParse({ responseId: '9', officialId: 'x' }))).toBe('Vui lòng chọn một cán bộ trong danh sách.');
  });

  it('drops bad list filters instead of failing', () => {
    expect(parseOfficialFilters({ 'don-vi': '7', q: '  nguyen  thi ' })).toEqual({ unitId: 7, search: 'nguyen thi' });
    expect(parseOfficialFilters({ 'don-vi': 'abc', q: ['a', 'b'] })).toEqual({ unitId: null, search: 'a' });
    expect(parseOfficialFilters({})).toEqual({ unitId: null, search: '' });
  });
});
