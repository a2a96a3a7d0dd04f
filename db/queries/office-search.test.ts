import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../testing';
import { units } from '../schema';
import { listOfficesGrouped, searchOffices } from './office-search';
import { renameUnit } from './unit-admin';
import { createUnit } from './units';

let t: TestStore;

beforeEach(async () => {
  t = await openTestStore();
  const province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh Ninh Bình', rateable: false });
  await createUnit({ parentId: province.id, kind: 'department', name: 'Sở Nội vụ', rateable: true, code: 'HWM223', sortOrder: 2 });
  await createUnit({ parentId: province.id, kind: 'department', name: 'Sở Tư pháp', rateable: true, code: 'TPH234', sortOrder: 1 });
  await createUnit({ parentId: province.id, kind: 'department', name: 'Sở 100% điện tử', rateable: true, code: 'DTX234', sortOrder: 3 });
  const hoaLu = await createUnit({ parentId: province.id, kind: 'ward', name: 'Phường Hoa Lư', rateable: false, sortOrder: 5 });
  await createUnit({ parentId: hoaLu.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true, code: 'HLX234' });
  const giaVien = await createUnit({ parentId: province.id, kind: 'commune', name: 'Xã Gia Viễn', rateable: false, sortOrder: 4 });
  await createUnit({ parentId: giaVien.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true, code: 'GVX234' });
  const off = await createUnit({ parentId: giaVien.id, kind: 'office', name: 'Điểm tiếp nhận đã đóng', rateable: true, code: 'XFF234' });
  await t.conn.db.update(units).set({ active: false }).where(eq(units.id, off.id));
});
afterEach(() => t.dispose());

const search = async (query: string) => (await searchOffices({ query, limit: 50 })).map((o) => `${o.name} / ${o.parentName}`);

describe('searchOffices', () => {
  it.each([
    ['sở nội vụ', ['Sở Nội vụ / Tỉnh Ninh Bình']],
    ['SO NOI VU', ['Sở Nội vụ / Tỉnh Ninh Bình']],
    ['  tư   pháp ', ['Sở Tư pháp / Tỉnh Ninh Bình']],
    // words may come from the parent's name
    ['một cửa gia viễn', ['Bộ phận Một cửa / Xã Gia Viễn']],
    ['mot cua', ['Bộ phận Một cửa / Phường Hoa Lư', 'Bộ phận Một cửa / Xã Gia Viễn']],
    // a code finds its office
    ['hwm223', ['Sở Nội vụ / Tỉnh Ninh Bình']],
    // disabled offices and units without a code are never listed
    ['đã đóng', []],
    ['phường hoa lư', ['Bộ phận Một cửa / Phường Hoa Lư']],
    // wildcards are text, not patterns
    ['%', []],
    ['_', []],
    ['100%', ['Sở 100% điện tử / Tỉnh Ninh Bình']],
    ['', []],
    ['không có', []],
  ])('%j → %j', async (query, want) => expect(await search(query)).toEqual(want));

  it('puts offices whose own name starts with the phrase first', async () => {
    expect((await search('sở')).slice(0, 3)).toEqual(['Sở 100% điện tử / Tỉnh Ninh Bình', 'Sở Nội vụ / Tỉnh Ninh Bình', 'Sở Tư pháp / Tỉnh Ninh Bình']);
  });

  it('finds names whatever their case and accents, on both engines (the folded search_name is compared)', async () => {
    await createUnit({ parentId: null, kind: 'office', name: 'TRUNG TÂM HÀNH CHÍNH CÔNG', rateable: true, code: 'TTH234' });
    expect(await search('Trung Tâm')).toEqual(['TRUNG TÂM HÀNH CHÍNH CÔNG / null']);
    expect(await search('hanh chinh cong')).toEqual(['TRUNG TÂM HÀNH CHÍNH CÔNG / null']);
  });

  it('searches aliases of the office and of its parent like names, whole words first ("ha nam" is not "hành … Nam Định")', async () => {
    const province = (await t.conn.db.select().from(units).where(eq(units.name, 'Tỉnh Ninh Bình')))[0]!;
    const phuLy = await createUnit({ parentId: province.id, kind: 'ward', name: 'Phường Phủ Lý', rateable: false, aliases: ['Thành phố Phủ Lý, tỉnh Hà Nam'] });
    await createUnit({ parentId: phuLy.id, kind: 'office', name: 'Trung tâm Phục vụ hành chính công phường Phủ Lý', rateable: true, code: 'PLY234' });
    const namDinh = await createUnit({ parentId: province.id, kind: 'ward', name: 'Phường Nam Định', rateable: false });
    await createUnit({ parentId: namDinh.id, kind: 'office', name: 'Trung tâm Phục vụ hành chính công phường Nam Định', rateable: true, code: 'NDX234' });
    await createUnit({ parentId: province.id, kind: 'department', name: 'Sở Nội vụ 2', rateable: true, code: 'NVX234', aliases: ['Sở Lao động – Thương binh và Xã hội'] });

    expect(await searchOffices({ query: 'ha nam', limit: 50 })).toEqual([
      expect.objectContaining({ name: 'Trung tâm Phục vụ hành chính công phường Phủ Lý', parentName: 'Phường Phủ Lý', matchedAlias: 'Thành phố Phủ Lý, tỉnh Hà Nam' }),
    ]);
    expect(await search('nam dinh')).toEqual(['Trung tâm Phục vụ hành chính công phường Nam Định / Phường Nam Định']);
    expect(await searchOffices({ query: 'thương binh xã hội', limit: 50 })).toEqual([
      expect.objectContaining({ name: 'Sở Nội vụ 2', matchedAlias: 'Sở Lao động – Thương binh và Xã hội' }),
    ]);
    // letters inside a word only when nothing matches by words
    expect(await search('anh chinh cong phuong nam dinh')).toEqual(['Trung tâm Phục vụ hành chính công phường Nam Định / Phường Nam Định']);
  });

  it('finds a unit by the aliases an administrator saves, and no longer by those removed', async () => {
    const [giaVien] = await t.conn.db.select().from(units).where(eq(units.name, 'Xã Gia Viễn'));
    const viewer = { userId: null as unknown as number, scopePath: '/' };
    expect(await search('huyen gia vien')).toEqual([]);
    const saved = await renameUnit({ viewer, unitId: giaVien!.id, name: 'Xã Gia Viễn', address: null, sortOrder: 4, aliases: ['Huyện Gia Viễn', 'Thị trấn Me'] });
    expect(saved?.aliases).toBe('Huyện Gia Viễn\nThị trấn Me');
    expect(await search('huyen gia vien')).toEqual(['Bộ phận Một cửa / Xã Gia Viễn']);
    expect(await search('THI TRAN ME')).toEqual(['Bộ phận Một cửa / Xã Gia Viễn']);
    await renameUnit({ viewer, unitId: giaVien!.id, name: 'Xã Gia Viễn', address: null, sortOrder: 4, aliases: ['Thị trấn Me'] });
    expect(await search('huyen gia vien')).toEqual([]);
    // without the field, the aliases stay as they are
    await renameUnit({ viewer, unitId: giaVien!.id, name: 'Xã Gia Viễn', address: 'Gia Viễn', sortOrder: 4 });
    expect(await search('thi tran me')).toEqual(['Bộ phận Một cửa / Xã Gia Viễn']);
  });

  it('respects the limit', async () => {
    expect(await searchOffices({ query: 'ninh binh', limit: 2 })).toHaveLength(2);
  });
});

describe('listOfficesGrouped', () => {
  it('groups active offices under their parents in tree order', async () => {
    expect((await listOfficesGrouped()).map((g) => [g.parentName, g.offices.map((o) => o.name)])).toEqual([
      ['Tỉnh Ninh Bình', ['Sở Tư pháp', 'Sở Nội vụ', 'Sở 100% điện tử']],
      ['Xã Gia Viễn', ['Bộ phận Một cửa']],
      ['Phường Hoa Lư', ['Bộ phận Một cửa']],
    ]);
  });

  it('is empty without offices', async () => {
    await t.dispose();
    t = await openTestStore();
    expect(await listOfficesGrouped()).toEqual([]);
  });
});
