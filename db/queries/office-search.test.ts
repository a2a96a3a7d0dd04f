import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../testing';
import { units } from '../schema';
import { listOfficesGrouped, searchOffices } from './office-search';
import { createUnit } from './units';

let db: ReturnType<typeof openTestDb>;

beforeEach(() => {
  db = openTestDb();
  const province = createUnit(db, { parentId: null, kind: 'province', name: 'Tỉnh Ninh Bình', rateable: false });
  createUnit(db, { parentId: province.id, kind: 'department', name: 'Sở Nội vụ', rateable: true, code: 'HWM223', sortOrder: 2 });
  createUnit(db, { parentId: province.id, kind: 'department', name: 'Sở Tư pháp', rateable: true, code: 'TPH234', sortOrder: 1 });
  createUnit(db, { parentId: province.id, kind: 'department', name: 'Sở 100% điện tử', rateable: true, code: 'DTX234', sortOrder: 3 });
  const hoaLu = createUnit(db, { parentId: province.id, kind: 'ward', name: 'Phường Hoa Lư', rateable: false, sortOrder: 5 });
  createUnit(db, { parentId: hoaLu.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true, code: 'HLX234' });
  const giaVien = createUnit(db, { parentId: province.id, kind: 'commune', name: 'Xã Gia Viễn', rateable: false, sortOrder: 4 });
  createUnit(db, { parentId: giaVien.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true, code: 'GVX234' });
  const off = createUnit(db, { parentId: giaVien.id, kind: 'office', name: 'Điểm tiếp nhận đã đóng', rateable: true, code: 'XFF234' });
  db.update(units).set({ active: false }).where(eq(units.id, off.id)).run();
});
afterEach(() => db.dispose());

const search = (query: string) => searchOffices(db, { query, limit: 50 }).map((o) => `${o.name} / ${o.parentName}`);

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
  ])('%j → %j', (query, want) => expect(search(query)).toEqual(want));

  it('puts offices whose own name starts with the phrase first', () => {
    expect(search('sở').slice(0, 3)).toEqual(['Sở 100% điện tử / Tỉnh Ninh Bình', 'Sở Nội vụ / Tỉnh Ninh Bình', 'Sở Tư pháp / Tỉnh Ninh Bình']);
  });

  it('respects the limit', () => {
    expect(searchOffices(db, { query: 'ninh binh', limit: 2 })).toHaveLength(2);
  });
});

describe('listOfficesGrouped', () => {
  it('groups active offices under their parents in tree order', () => {
    expect(listOfficesGrouped(db).map((g) => [g.parentName, g.offices.map((o) => o.name)])).toEqual([
      ['Tỉnh Ninh Bình', ['Sở Tư pháp', 'Sở Nội vụ', 'Sở 100% điện tử']],
      ['Xã Gia Viễn', ['Bộ phận Một cửa']],
      ['Phường Hoa Lư', ['Bộ phận Một cửa']],
    ]);
  });

  it('is empty without offices', () => {
    const empty = openTestDb();
    expect(listOfficesGrouped(empty)).toEqual([]);
    empty.dispose();
  });
});
