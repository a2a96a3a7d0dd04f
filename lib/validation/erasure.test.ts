import { describe, expect, it } from 'vitest';
import { CitizenErasureSchema, phoneVariants, RECEIPT_CODE_MESSAGE, StaffErasureSchema } from './erasure';

const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('phoneVariants', () => {
  it.each([
    ['0912345678', ['0912345678', '+84912345678']],
    ['0912 345 678', ['0912345678', '+84912345678']],
    ['+84 912.345.678', ['0912345678', '+84912345678']],
    ['(024) 3825 1234', ['02438251234', '+842438251234']],
    ['091234567', null],
    ['0112345678', null],
    ['abc', null],
  ])('%j → %j', (raw, want) => expect(phoneVariants(raw)).toEqual(want));
});

describe('CitizenErasureSchema', () => {
  it('takes a receipt code typed loosely, with the box ticked', () => {
    expect(CitizenErasureSchema.parse({ ma: ' abcd 2345 ', dongY: 'on' })).toEqual({ ma: 'ABCD2345', dongY: 'on' });
  });
  it('says every problem in Vietnamese at once', () => {
    const r = CitizenErasureSchema.safeParse({ ma: 'x1', dongY: undefined });
    expect(errors(r)).toEqual({ ma: RECEIPT_CODE_MESSAGE, dongY: 'Ông/Bà vui lòng đánh dấu ô xác nhận trước khi gửi yêu cầu.' });
  });
});

describe('StaffErasureSchema', () => {
  const note = 'Người dân gọi điện lúc 9 giờ';
  it.each([
    [{ receiptCode: 'abcd2345', note }, { by: 'receipt', receiptCode: 'ABCD2345', note }],
    [{ phone: '0912 345 678', note: `  ${note}  ` }, { by: 'phone', phones: ['0912345678', '+84912345678'], note }],
  ])('%j → %j', (input, want) => expect(StaffErasureSchema.parse(input)).toEqual(want));

  it.each([
    [{ note }, { receiptCode: 'Nhập mã tra cứu hoặc số điện thoại người dân yêu cầu xoá.' }],
    [{ receiptCode: 'ABCD2345', phone: '0912345678', note }, { phone: 'Chỉ nhập một trong hai: mã tra cứu hoặc số điện thoại.' }],
    [{ receiptCode: 'ABC', note: '' }, { receiptCode: RECEIPT_CODE_MESSAGE, note: expect.stringMatching(/^Vui lòng ghi cách nhận yêu cầu/) }],
    [{ phone: '12345', note }, { phone: expect.stringMatching(/^Số điện thoại không hợp lệ/) }],
    [{ phone: '0912345678', note: 'x'.repeat(301) }, { note: 'Ghi chú tối đa 300 ký tự.' }],
  ])('%j is refused', (input, want) => expect(errors(StaffErasureSchema.safeParse(input))).toEqual(want));
});
