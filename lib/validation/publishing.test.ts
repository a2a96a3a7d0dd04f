import { describe, expect, it } from 'vitest';
import { GoodExampleSchema, PublishQuarterSchema } from './publishing';

const ok = { unitId: '7', title: '  Một cửa   không chờ ', body: '  Dòng một  \r\n\r\n\r\n\r\n  Dòng   hai ', periodLabel: ' Quý III/2026 ', published: 'on' };

describe('good example form', () => {
  it('normalises what was typed', () =>
    expect(GoodExampleSchema.parse(ok)).toEqual({ unitId: 7, title: 'Một cửa không chờ', body: 'Dòng một\n\nDòng hai', periodLabel: 'Quý III/2026', published: true }));

  it('an unticked box is not published', () => expect(GoodExampleSchema.parse({ ...ok, published: undefined }).published).toBe(false));

  it.each([
    ['body', { body: '   \n  ' }, 'Nhập nội dung giới thiệu gương điển hình: việc làm tốt, kết quả, cách làm.'],
    ['body', { body: undefined }, 'Nhập nội dung giới thiệu gương điển hình: việc làm tốt, kết quả, cách làm.'],
    ['title', { title: '' }, 'Nhập tiêu đề của gương điển hình.'],
    ['periodLabel', { periodLabel: ' ' }, 'Nhập kỳ của gương điển hình, ví dụ "Quý III/2026" hoặc "Năm 2026".'],
    ['unitId', { unitId: 'abc' }, 'Đơn vị không hợp lệ.'],
    ['body', { body: 'x'.repeat(3001) }, 'Nội dung dài quá 3000 ký tự.'],
    ['title', { title: 'x'.repeat(151) }, 'Tiêu đề dài quá 150 ký tự.'],
  ])('%s: %j → %s', (field, change, message) => {
    const result = GoodExampleSchema.safeParse({ ...ok, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

describe('quarter form', () => {
  it.each([
    [{ year: '2026', quarter: '3' }, { year: 2026, quarter: 3 }],
    [{ year: '2026', quarter: '5' }, null],
    [{ year: '1999', quarter: '1' }, null],
    [{ year: 'x', quarter: '1' }, null],
  ])('%j → %j', (input, want) => {
    const result = PublishQuarterSchema.safeParse(input);
    expect(result.success ? result.data : null).toEqual(want);
  });
});
