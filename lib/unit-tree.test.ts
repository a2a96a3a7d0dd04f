import { describe, expect, it } from 'vitest';
import { sortInTreeOrder } from './unit-tree';

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
