import { describe, expect, it } from 'vitest';
import { CreateKioskSchema, KioskIdSchema, UpdateKioskSchema } from './kiosks';

const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('CreateKioskSchema', () => {
  it('parses a form, normalising the name; an empty counter is none', () => {
    expect(CreateKioskSchema.parse({ unitId: '12', counterId: '', name: '  Kiosk   sảnh ', idleSeconds: '30' })).toEqual({
      unitId: 12,
      counterId: null,
      name: 'Kiosk sảnh',
      idleSeconds: 30,
    });
    expect(CreateKioskSchema.parse({ unitId: '12', counterId: '7', name: 'K', idleSeconds: '300' }).counterId).toBe(7);
    expect(CreateKioskSchema.parse({ unitId: '12', name: 'K', idleSeconds: '10' }).counterId).toBeNull();
  });

  it.each([
    [{ unitId: '', counterId: '', name: 'K', idleSeconds: '30' }, { unitId: 'Vui lòng chọn đơn vị đặt kiosk.' }],
    [{ unitId: '1', counterId: 'x', name: 'K', idleSeconds: '30' }, { counterId: 'Quầy đã chọn không hợp lệ.' }],
    [{ unitId: '1', counterId: '', name: '   ', idleSeconds: '30' }, { name: expect.stringMatching(/đặt tên/) }],
    [{ unitId: '1', counterId: '', name: 'x'.repeat(81), idleSeconds: '30' }, { name: 'Tên kiosk tối đa 80 ký tự.' }],
    [{ unitId: '1', counterId: '', name: 'K', idleSeconds: '9' }, { idleSeconds: 'Thời gian chờ phải là số giây từ 10 đến 300.' }],
    [{ unitId: '1', counterId: '', name: 'K', idleSeconds: '301' }, { idleSeconds: 'Thời gian chờ phải là số giây từ 10 đến 300.' }],
    [{ unitId: '1', counterId: '', name: 'K', idleSeconds: '3.5' }, { idleSeconds: 'Thời gian chờ phải là số giây từ 10 đến 300.' }],
    [{}, { unitId: 'Vui lòng chọn đơn vị đặt kiosk.', name: expect.stringMatching(/đặt tên/), idleSeconds: expect.stringMatching(/10 đến 300/) }],
  ])('%j → every error at once', (input, want) => {
    expect(errors(CreateKioskSchema.safeParse(input))).toEqual(want);
  });
});

it('UpdateKioskSchema and KioskIdSchema need a kiosk id', () => {
  expect(UpdateKioskSchema.parse({ kioskId: '3', name: 'Kiosk 2', idleSeconds: '45' })).toEqual({ kioskId: 3, name: 'Kiosk 2', idleSeconds: 45 });
  expect(errors(KioskIdSchema.safeParse({ kioskId: '0' }))).toEqual({ kioskId: 'Không tìm thấy kiosk này.' });
});
