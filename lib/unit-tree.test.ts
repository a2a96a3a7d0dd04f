import { describe, expect, it } from 'vitest';
import { planMove, sortInTreeOrder } from './unit-tree';

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
