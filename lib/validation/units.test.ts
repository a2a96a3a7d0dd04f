import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrorsOf } from '@/lib/form-state';
import {
  CreateCounterSchema,
  CreateProcedureFieldSchema,
  CreateUnitSchema,
  MakeUnitRateableSchema,
  MoveUnitSchema,
  RenameCounterSchema,
  RenameProcedureFieldSchema,
  RenameUnitSchema,
  SetCounterActiveSchema,
  SetUnitActiveSchema,
} from './units';

/** Every field error of a refused form, as the action returns them. */
function errorsOf(schema: z.ZodType, input: Record<string, string>) {
  const r = schema.safeParse(input);
  return r.success ? null : fieldErrorsOf(r.error);
}

const long = (n: number) => 'a'.repeat(n);

describe('CreateUnitSchema — accepted', () => {
  it.each<[string, Record<string, string>, unknown]>([
    [
      'a rateable unit, spaces normalised',
      { parentId: '4', kind: 'office', name: '  Bộ phận   Một cửa\n xã Gia Viễn ', address: ' 12  Lê Lợi ', rateable: 'on' },
      { parentId: 4, kind: 'office', name: 'Bộ phận Một cửa xã Gia Viễn', address: '12 Lê Lợi', rateable: true },
    ],
    [
      'no address, box unticked',
      { parentId: '1', kind: 'commune', name: 'Xã Gia Viễn', address: '' },
      { parentId: 1, kind: 'commune', name: 'Xã Gia Viễn', address: null, rateable: false },
    ],
    [
      'decomposed diacritics stored composed',
      { parentId: '1', kind: 'other', name: 'Hoa Lu\u0300' },
      { parentId: 1, kind: 'other', name: 'Hoa L\u00f9', address: null, rateable: false },
    ],
    ['a name of exactly 200 characters', { parentId: '1', kind: 'office', name: long(200) }, { name: long(200) }],
    ['an address of exactly 300 characters', { parentId: '1', kind: 'office', name: 'A', address: long(300) }, { address: long(300) }],
  ])('%s', (_, input, want) => {
    const r = CreateUnitSchema.safeParse(input);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject(want as object);
  });
});

describe('CreateUnitSchema — refused, every error at once', () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    [
      'an empty form',
      {},
      { parentId: 'Vui lòng chọn đơn vị cấp trên.', kind: 'Vui lòng chọn loại đơn vị.', name: 'Vui lòng nhập tên đơn vị.' },
    ],
    [
      'blank name, unknown kind, parent not chosen',
      { parentId: '', kind: 'district', name: '   ' },
      { parentId: 'Vui lòng chọn đơn vị cấp trên.', kind: 'Vui lòng chọn loại đơn vị.', name: 'Vui lòng nhập tên đơn vị.' },
    ],
    ['a name of 201 characters', { parentId: '1', kind: 'office', name: long(201) }, { name: 'Tên đơn vị tối đa 200 ký tự.' }],
    ['an address of 301 characters', { parentId: '1', kind: 'office', name: 'A', address: long(301) }, { address: 'Địa chỉ tối đa 300 ký tự.' }],
    ['a parent id that is not an id', { parentId: '0', kind: 'office', name: 'A' }, { parentId: 'Vui lòng chọn đơn vị cấp trên.' }],
    ['a parent id with letters', { parentId: '4; drop', kind: 'office', name: 'A' }, { parentId: 'Vui lòng chọn đơn vị cấp trên.' }],
  ])('%s', (_, input, want) => {
    expect(errorsOf(CreateUnitSchema, input)).toEqual(want);
  });
});

describe('RenameUnitSchema', () => {
  it.each<[Record<string, string>, unknown]>([
    [{ unitId: '9', name: ' Sở  Nội vụ ', address: '', sortOrder: '' }, { unitId: 9, name: 'Sở Nội vụ', address: null, sortOrder: 0 }],
    [{ unitId: '9', name: 'Sở Nội vụ', sortOrder: ' 9999 ' }, { unitId: 9, name: 'Sở Nội vụ', address: null, sortOrder: 9999 }],
    [{ unitId: '9', name: 'Sở Nội vụ', sortOrder: '0' }, { unitId: 9, name: 'Sở Nội vụ', address: null, sortOrder: 0 }],
  ])('%j → %j', (input, want) => {
    expect(RenameUnitSchema.parse(input)).toEqual(want);
  });

  it.each<[Record<string, string>, Record<string, string>]>([
    [{ unitId: '9', name: '', sortOrder: '10000' }, { name: 'Vui lòng nhập tên đơn vị.', sortOrder: 'Thứ tự hiển thị là số nguyên từ 0 đến 9999.' }],
    [{ unitId: '9', name: 'A', sortOrder: '-1' }, { sortOrder: 'Thứ tự hiển thị là số nguyên từ 0 đến 9999.' }],
    [{ unitId: '9', name: 'A', sortOrder: '1.5' }, { sortOrder: 'Thứ tự hiển thị là số nguyên từ 0 đến 9999.' }],
    [{ name: 'A' }, { unitId: 'Không tìm thấy đơn vị.' }],
  ])('%j → %j', (input, want) => {
    expect(errorsOf(RenameUnitSchema, input)).toEqual(want);
  });
});

describe('RenameUnitSchema: aliases (former names the finder searches)', () => {
  const base = { unitId: '9', name: 'Phường Phủ Lý', sortOrder: '0' };
  it.each<[string | undefined, string[] | undefined]>([
    // absent: the stored aliases are left alone
    [undefined, undefined],
    ['', []],
    [' Thành phố  Phủ Lý \r\nthanh pho phu ly\n\nPhường Phủ Lý\ntỉnh Hà Nam', ['Thành phố Phủ Lý', 'tỉnh Hà Nam']],
  ])('%j → %j', (aliases, want) => {
    expect(RenameUnitSchema.parse({ ...base, ...(aliases === undefined ? {} : { aliases }) }).aliases).toEqual(want);
  });

  it.each<[string, Record<string, string>]>([
    [Array.from({ length: 11 }, (_, i) => `Tên ${i + 1}`).join('\n'), { aliases: 'Tối đa 10 tên cũ, tên gọi khác.' }],
    [`Thành phố Phủ Lý\n${long(201)}`, { aliases: `Mỗi tên tối đa 200 ký tự (“${long(40)}…” dài quá).` }],
    [long(3000), { aliases: 'Tối đa 10 tên, mỗi tên tối đa 200 ký tự.' }],
  ])('refuses %#', (aliases, want) => {
    expect(errorsOf(RenameUnitSchema, { ...base, aliases })).toEqual(want);
  });
});

describe('MoveUnitSchema', () => {
  it.each<[Record<string, string>, Record<string, string> | null]>([
    [{ unitId: '9', parentId: '4' }, null],
    [{ unitId: '9', parentId: '9' }, { parentId: 'Không thể chuyển một đơn vị vào chính nó.' }],
    [{ unitId: '9', parentId: '' }, { parentId: 'Vui lòng chọn đơn vị cấp trên.' }],
  ])('%j → %j', (input, want) => {
    expect(errorsOf(MoveUnitSchema, input)).toEqual(want);
  });
});

describe('enable / disable and rateable', () => {
  it.each<[z.ZodType, Record<string, string>, unknown]>([
    [SetUnitActiveSchema, { unitId: '3', active: '0' }, { unitId: 3, active: false }],
    [SetUnitActiveSchema, { unitId: '3', active: '1' }, { unitId: 3, active: true }],
    [SetCounterActiveSchema, { counterId: '5', active: '0' }, { counterId: 5, active: false }],
    [MakeUnitRateableSchema, { unitId: '3' }, { unitId: 3 }],
  ])('%#: %j', (schema, input, want) => {
    expect(schema.parse(input)).toEqual(want);
  });

  it.each<[z.ZodType, Record<string, string>, Record<string, string>]>([
    [SetUnitActiveSchema, { unitId: '3', active: 'yes' }, { active: 'Trạng thái không hợp lệ.' }],
    [SetUnitActiveSchema, { unitId: '3' }, { active: 'Trạng thái không hợp lệ.' }],
    [SetCounterActiveSchema, { counterId: 'x', active: '1' }, { counterId: 'Không tìm thấy quầy.' }],
  ])('%#: %j', (schema, input, want) => {
    expect(errorsOf(schema, input)).toEqual(want);
  });
});

describe('counters and procedure fields', () => {
  it.each<[z.ZodType, Record<string, string>, unknown]>([
    [CreateCounterSchema, { unitId: '3', name: ' Quầy  1 ' }, { unitId: 3, name: 'Quầy 1' }],
    [RenameCounterSchema, { counterId: '5', name: 'Quầy 2', sortOrder: '2' }, { counterId: 5, name: 'Quầy 2', sortOrder: 2 }],
    [CreateProcedureFieldSchema, { unitId: '3', name: 'Hộ tịch' }, { unitId: 3, name: 'Hộ tịch' }],
    [RenameProcedureFieldSchema, { fieldId: '7', name: 'Chứng thực', sortOrder: '' }, { fieldId: 7, name: 'Chứng thực', sortOrder: 0 }],
  ])('%#: %j', (schema, input, want) => {
    expect(schema.parse(input)).toEqual(want);
  });

  it.each<[z.ZodType, Record<string, string>, Record<string, string>]>([
    [CreateCounterSchema, { unitId: '3', name: ' ' }, { name: 'Vui lòng nhập tên quầy.' }],
    [CreateCounterSchema, { unitId: '3', name: long(201) }, { name: 'Tên quầy tối đa 200 ký tự.' }],
    [RenameCounterSchema, { name: '', sortOrder: 'x' }, { counterId: 'Không tìm thấy quầy.', name: 'Vui lòng nhập tên quầy.', sortOrder: 'Thứ tự hiển thị là số nguyên từ 0 đến 9999.' }],
    [CreateProcedureFieldSchema, { unitId: '3' }, { name: 'Vui lòng nhập tên lĩnh vực.' }],
    [RenameProcedureFieldSchema, { fieldId: '0', name: long(201) }, { fieldId: 'Không tìm thấy lĩnh vực.', name: 'Tên lĩnh vực tối đa 200 ký tự.' }],
  ])('%#: %j', (schema, input, want) => {
    expect(errorsOf(schema, input)).toEqual(want);
  });
});
