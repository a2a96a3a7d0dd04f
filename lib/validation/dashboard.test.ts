import { describe, expect, it } from 'vitest';
import { dashboardQueryString, parseDashboardQuery } from './dashboard';

// 2026-08-20 in Việt Nam.
const NOW = Date.UTC(2026, 7, 20, 3);

describe('parseDashboardQuery', () => {
  it('defaults: the last 30 days, ranked, first page, no notes', () => {
    const { query, notes } = parseDashboardQuery({}, NOW);
    expect(query).toMatchObject({ bucket: null, unitId: null, kind: null, sort: 'hang', order: 'tang', page: 1 });
    expect(query.period).toMatchObject({ preset: '30-ngay', from: '2026-07-22', to: '2026-08-20' });
    expect(notes).toEqual([]);
  });

  it('reads every parameter', () => {
    const { query, notes } = parseDashboardQuery({ tu: '2026-01-01', den: '2026-03-31', nhom: 'tuan', 'don-vi': '12', loai: 'commune', 'sap-xep': 'ty-le', chieu: 'tang', trang: '3' }, NOW);
    expect(query).toMatchObject({ bucket: 'week', unitId: 12, kind: 'commune', sort: 'ty-le', order: 'tang', page: 3 });
    expect(query.period).toMatchObject({ preset: null, from: '2026-01-01', to: '2026-03-31' });
    expect(notes).toEqual([]);
  });

  it.each([
    [{ nhom: 'gio' }, /Không có cách nhóm “gio”/, { bucket: null }],
    [{ 'don-vi': '-1' }, /Mã đơn vị “-1” không hợp lệ/, { unitId: null }],
    [{ 'don-vi': '1e3' }, /Mã đơn vị “1e3” không hợp lệ/, { unitId: null }],
    [{ loai: 'planet' }, /Không có loại đơn vị “planet”/, { kind: null }],
    [{ 'sap-xep': '<script>' }, /Không sắp xếp được theo “<script>”/, { sort: 'hang' }],
    [{ chieu: 'ngang' }, /Chiều sắp xếp “ngang” không hợp lệ/, { order: 'tang' }],
    [{ trang: '0' }, /Số trang không hợp lệ/, { page: 1 }],
    [{ ky: 'mai-mai' }, /Không có kỳ báo cáo “mai-mai”/, {}],
    [{ 'don-vi': ['1', '2'] }, /xuất hiện nhiều lần/, { unitId: null }],
    [{ 'xac-thuc': 'co' }, /bộ lọc đánh giá xác thực không hợp lệ/, { verified: false }],
  ] as const)('%j gets a note and a sane default', (params, note, want) => {
    const { query, notes } = parseDashboardQuery(params as Record<string, string | string[]>, NOW);
    expect(notes.join(' ')).toMatch(note);
    expect(query).toMatchObject(want);
  });

  it('sorts numbers from the largest unless told otherwise', () => {
    expect(parseDashboardQuery({ 'sap-xep': 'so-phieu' }, NOW).query.order).toBe('giam');
    expect(parseDashboardQuery({ 'sap-xep': 'ten' }, NOW).query.order).toBe('tang');
  });
});

describe('dashboardQueryString', () => {
  const { query } = parseDashboardQuery({ ky: 'quy-nay', 'don-vi': '4', 'sap-xep': 'ty-le', trang: '2' }, NOW);

  it('gives the state back, leaving defaults out', () => {
    expect(dashboardQueryString(query, { page: 2 })).toBe('ky=quy-nay&don-vi=4&sap-xep=ty-le&trang=2');
    expect(parseDashboardQuery(Object.fromEntries(new URLSearchParams(dashboardQueryString(query, { page: 2 }))), NOW).query).toEqual(query);
  });

  it('keeps the verified-only filter (?xac-thuc=1) in the URL, and leaves it out when off', () => {
    const verified = parseDashboardQuery({ ky: 'quy-nay', 'xac-thuc': '1' }, NOW).query;
    expect(verified.verified).toBe(true);
    expect(dashboardQueryString(verified)).toBe('ky=quy-nay&xac-thuc=1');
    expect(dashboardQueryString(verified, { verified: false })).toBe('ky=quy-nay');
    expect(query.verified).toBe(false);
  });

  it('starts again at the first page when anything else changes', () => {
    expect(dashboardQueryString(query, { sort: 'ten', order: 'tang' })).toBe('ky=quy-nay&don-vi=4&sap-xep=ten');
    expect(dashboardQueryString(query)).not.toContain('trang');
  });
});
