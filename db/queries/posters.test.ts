import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../testing';
import { counters, units } from '../schema';
import { getPosterTarget, listPosterTargets } from './posters';
import { createCounter, createUnit } from './units';

let t: TestStore;
let ids: Record<string, number>;

// Tỉnh Ninh Bình
//   Sở Nội vụ (HWM223)             sortOrder 2
//   Trung tâm PVHCC (CTR234)       sortOrder 1; Quầy 2 (QHA222), Quầy 1 (QHA333), Quầy cũ (QHA444, disabled)
//   Xã Gia Viễn                    sortOrder 3, not rateable
//     Bộ phận Một cửa (GVX234)
//     Bộ phận đã tắt (XFF234, disabled)
beforeEach(async () => {
  t = await openTestStore();
  const province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh Ninh Bình', rateable: false });
  const home = await createUnit({ parentId: province.id, kind: 'department', name: 'Sở Nội vụ', rateable: true, code: 'HWM223', sortOrder: 2 });
  const centre = await createUnit({ parentId: province.id, kind: 'centre', name: 'Trung tâm Phục vụ hành chính công', rateable: true, code: 'CTR234', sortOrder: 1 });
  await createCounter({ unitId: centre.id, name: 'Quầy 2', code: 'QHA222', sortOrder: 2 });
  await createCounter({ unitId: centre.id, name: 'Quầy 1', code: 'QHA333', sortOrder: 1 });
  const old = await createCounter({ unitId: centre.id, name: 'Quầy cũ', code: 'QHA444', sortOrder: 0 });
  await t.conn.db.update(counters).set({ active: false }).where(eq(counters.id, old.id));
  const commune = await createUnit({ parentId: province.id, kind: 'commune', name: 'Xã Gia Viễn', rateable: false, sortOrder: 3 });
  const desk = await createUnit({ parentId: commune.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true, code: 'GVX234' });
  const off = await createUnit({ parentId: commune.id, kind: 'office', name: 'Bộ phận đã tắt', rateable: true, code: 'XFF234' });
  await t.conn.db.update(units).set({ active: false }).where(eq(units.id, off.id));
  ids = { province: province.id, home: home.id, centre: centre.id, commune: commune.id, desk: desk.id };
});
afterEach(() => t.dispose());

describe('getPosterTarget', () => {
  it('resolves an office code', async () => {
    expect(await getPosterTarget({ code: 'GVX234' })).toEqual({
      code: 'GVX234',
      unitId: ids.desk,
      officeName: 'Bộ phận Một cửa',
      parentName: 'Xã Gia Viễn',
      counterId: null,
      counterName: null,
    });
  });

  it('resolves a counter code to its office and counter', async () => {
    expect(await getPosterTarget({ code: 'QHA333' })).toMatchObject({
      unitId: ids.centre,
      officeName: 'Trung tâm Phục vụ hành chính công',
      parentName: 'Tỉnh Ninh Bình',
      counterName: 'Quầy 1',
    });
  });

  it.each(['NOPE22', 'XFF234', 'QHA444'])('%s (unknown or disabled) → null', async (code) => {
    expect(await getPosterTarget({ code })).toBeNull();
  });

  it('refuses the counters of a disabled office', async () => {
    await t.conn.db.update(units).set({ active: false }).where(eq(units.id, ids.centre!));
    expect(await getPosterTarget({ code: 'QHA333' })).toBeNull();
  });
});

describe('listPosterTargets', () => {
  it('lists the subtree in tree order, each office followed by its active counters', async () => {
    const result = await listPosterTargets({ unitId: ids.province! });
    expect(result?.unit).toEqual({ id: ids.province, name: 'Tỉnh Ninh Bình' });
    expect(result?.targets.map((t) => [t.code, t.counterName])).toEqual([
      ['CTR234', null],
      ['QHA333', 'Quầy 1'],
      ['QHA222', 'Quầy 2'],
      ['HWM223', null],
      ['GVX234', null],
    ]);
  });

  it('starts at the unit itself and names its parent outside the subtree', async () => {
    const result = await listPosterTargets({ unitId: ids.centre! });
    expect(result?.targets.map((t) => t.code)).toEqual(['CTR234', 'QHA333', 'QHA222']);
    expect(result?.targets[0]?.parentName).toBe('Tỉnh Ninh Bình');
  });

  it('does not leak into a sibling whose id shares a prefix', async () => {
    // A sibling whose id starts with the commune's id has a path like "/1/50/" next to "/1/5/".
    let sibling = await createUnit({ parentId: ids.province!, kind: 'commune', name: 'Xã khác', rateable: false });
    while (!String(sibling.id).startsWith(String(ids.commune))) {
      sibling = await createUnit({ parentId: ids.province!, kind: 'commune', name: 'Xã khác', rateable: false });
    }
    await createUnit({ parentId: sibling.id, kind: 'office', name: 'Một cửa xã khác', rateable: true, code: 'SBL234' });
    expect((await listPosterTargets({ unitId: ids.commune! }))?.targets.map((t) => t.code)).toEqual(['GVX234']);
  });

  it('is null for a unit that does not exist', async () => {
    expect(await listPosterTargets({ unitId: 99_999 })).toBeNull();
  });
});

