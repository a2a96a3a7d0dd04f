import { describe, expect, it } from 'vitest';
import { CreateIntegrationSchema, IntegrationIdSchema } from './integrations';

const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('CreateIntegrationSchema', () => {
  it('parses a form, normalising the name', () => {
    expect(CreateIntegrationSchema.parse({ unitId: '4', name: '  Một   cửa  tỉnh ' })).toEqual({ unitId: 4, name: 'Một cửa tỉnh' });
  });

  it.each([
    [{ unitId: '', name: 'A' }, { unitId: 'Vui lòng chọn đơn vị của khóa.' }],
    [{ unitId: '1', name: '   ' }, { name: expect.stringMatching(/đặt tên/) }],
    [{ unitId: '1', name: 'x'.repeat(101) }, { name: 'Tên khóa tối đa 100 ký tự.' }],
    [{}, { unitId: 'Vui lòng chọn đơn vị của khóa.', name: expect.stringMatching(/đặt tên/) }],
  ])('%j → every error at once', (input, want) => {
    expect(errors(CreateIntegrationSchema.safeParse(input))).toEqual(want);
  });

  it('IntegrationIdSchema needs a positive id', () => {
    expect(IntegrationIdSchema.parse({ integrationId: '9' })).toEqual({ integrationId: 9 });
    expect(errors(IntegrationIdSchema.safeParse({ integrationId: '0' }))).toEqual({ integrationId: 'Không tìm thấy khóa này.' });
  });
});
