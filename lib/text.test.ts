import { describe, expect, it } from 'vitest';
import { collapseSpaces, foldForSearch } from './text';

describe('foldForSearch', () => {
  it.each([
    ['Hà Nam', 'ha nam'],
    ['ha nam', 'ha nam'],
    ['Phường Đông Kinh', 'phuong dong kinh'],
    ['ĐỒNG NAI', 'dong nai'],
    ['Sở Tư pháp – Ninh Bình', 'so tu phap ninh binh'],
    ['  Xã   Gia   Viễn ', 'xa gia vien'],
    ['Trung tâm Phục vụ hành chính công', 'trung tam phuc vu hanh chinh cong'],
    ['Hà Nam'.normalize('NFD'), 'ha nam'],
  ])('%s → %s', (input, want) => expect(foldForSearch(input)).toBe(want));
});

describe('collapseSpaces', () => {
  it.each([
    ['  a  b\n\tc ', 'a b c'],
    ['', ''],
  ])('%j → %j', (input, want) => expect(collapseSpaces(input)).toBe(want));
});
