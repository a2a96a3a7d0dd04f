import { describe, expect, it } from 'vitest';
import { planMove, sortInTreeOrder, unitTreeRows } from './unit-tree';

describe('sortInTreeOrder', () => {
  const node = (id: number, parentId: number | null, sortOrder: number, searchName: string) => ({ id, parentId, sortOrder, searchName });
  it.each([
    [[], []],
    [[node(2, 1, 0, 'b'), node(1, null, 0, 'a'), node(3, 1, 0, 'a')], [1, 3, 2]],
    [[node(2, 1, 5, 'a'), node(1, null, 0, 'z'), node(3, 1, 1, 'z'), node(4, 3, 0, 'x')], [1, 3, 4, 2]],
    // a parent outside the set makes a root
    [[node(7, 99, 0, 'b'), node(8, 98, 0, 'a')], [8, 7]],
  ])('%j → %j', (rows, want) => expect(sortInTreeOrder(rows).map((r) => r.id)).toEqual(want));
});

describe('planMove', () => {
  const u = (id: number, parentId: number | null, path: string) => ({ id, parentId, path });
  it.each([
    // under itself, under its child, under a grandchild: loops
    [u(4, 1, '/1/4/'), u(4, 1, '/1/4/'), { kind: 'into_own_subtree' }],
    [u(4, 1, '/1/4/'), u(9, 4, '/1/4/9/'), { kind: 'into_own_subtree' }],
    [u(4, 1, '/1/4/'), u(12, 9, '/1/4/9/12/'), { kind: 'into_own_subtree' }],
    // "/1/40/" is not below "/1/4/"
    [u(4, 1, '/1/4/'), u(40, 1, '/1/40/'), { kind: 'move', oldPath: '/1/4/', newPath: '/1/40/4/' }],
    [u(4, 1, '/1/4/'), u(1, null, '/1/'), { kind: 'unchanged' }],
    [u(9, 4, '/1/4/9/'), u(1, null, '/1/'), { kind: 'move', oldPath: '/1/4/9/', newPath: '/1/9/' }],
    // a root under another root's unit
    [u(2, null, '/2/'), u(5, 1, '/1/5/'), { kind: 'move', oldPath: '/2/', newPath: '/1/5/2/' }],
  ])('%j under %j → %j', (unit, parent, want) => expect(planMove(unit, parent)).toEqual(want));
});

describe('unitTreeRows', () => {
  // The demo province: departments that take ratings, and wards that do not, each with a centre that does.
  // Ids as a real database hands them out: the wards' centres have ids that sort among the departments' by path text.
  const u = (id: number, parentId: number | null, name: string, sortOrder: number, code: boolean, active = true) => ({
    id,
    parentId,
    name,
    searchName: name.toLowerCase(),
    sortOrder,
    active,
    code: code ? `C${id}` : null,
  });
  const province = [
    u(1, null, 'Tỉnh Ninh Bình', 0, false),
    u(2, 1, 'Sở Tư pháp', 1, true),
    u(3, 1, 'Sở Nội vụ', 2, true),
    u(20, 1, 'Phường Hoa Lư', 3, false),
    u(21, 20, 'Trung tâm PVHCC phường Hoa Lư', 0, true),
    u(30, 1, 'Xã Yên Khánh', 4, false),
    u(31, 30, 'Trung tâm PVHCC xã Yên Khánh', 0, true),
    u(40, 1, 'Xã không có trung tâm', 5, false),
  ];
  const takesRatings = (r: { code: string | null; active: boolean }) => r.code !== null && r.active;
  const line = (r: { name: string; depth: number; pickable: boolean }) => `${'  '.repeat(r.depth)}${r.name}${r.pickable ? '' : ' (nhóm)'}`;

  it('shows a ward centre under its ward, with the ward as a heading, and leaves out what leads to nothing pickable', () => {
    expect(unitTreeRows(province, takesRatings).map(line)).toEqual([
      'Tỉnh Ninh Bình (nhóm)',
      '  Sở Tư pháp',
      '  Sở Nội vụ',
      '  Phường Hoa Lư (nhóm)',
      '    Trung tâm PVHCC phường Hoa Lư',
      '  Xã Yên Khánh (nhóm)',
      '    Trung tâm PVHCC xã Yên Khánh',
    ]);
  });

  it('names the parent shown above each line', () => {
    const rows = unitTreeRows(province, takesRatings);
    expect(rows.find((r) => r.id === 31)!.parentName).toBe('Xã Yên Khánh');
    expect(rows[0]!.parentName).toBeNull();
  });

  it.each([
    ['everything pickable by default', undefined, 8],
    ['nothing pickable: nothing shown', () => false, 0],
    ['only the groups (the province view filter)', (r: { code: string | null }) => r.code === null, 4],
  ])('%s', (_name, pickable, n) => expect(unitTreeRows(province, pickable)).toHaveLength(n));

  it('counts depth along the parents in the set, from the topmost unit shown (a ward administrator\'s subtree)', () => {
    const ward = province.filter((r) => r.id === 20 || r.id === 21);
    expect(unitTreeRows(ward).map((r) => [r.name, r.depth])).toEqual([
      ['Phường Hoa Lư', 0],
      ['Trung tâm PVHCC phường Hoa Lư', 1],
    ]);
  });

  it('an office whose ward is disabled keeps its place under it', () => {
    const rows = unitTreeRows(
      province.map((r) => (r.id === 30 ? { ...r, active: false } : r)),
      takesRatings,
    );
    expect(rows.filter((r) => r.id === 30 || r.id === 31).map((r) => [r.depth, r.active, r.pickable])).toEqual([
      [1, false, false],
      [2, true, true],
    ]);
  });
});
