import { describe, expect, it } from 'vitest';
import { parseExportQuery } from './exports';

const NOW = Date.parse('2026-11-27T05:00:00Z'); // 27/11/2026 12:00 in UTC+7
const parse = (q: string) => parseExportQuery(new URLSearchParams(q), NOW);

describe('parseExportQuery', () => {
  it('defaults to CSV, the last 30 days, the viewer scope, flagged left out', () => {
    const r = parse('');
    expect(r.ok && r.query).toMatchObject({ format: 'csv', unitId: undefined, includeFlagged: false, period: { from: '2026-10-29', to: '2026-11-27' } });
  });

  it.each([
    ['dinh-dang=xlsx&ky=7-ngay&don-vi=12&bi-loai=1', { format: 'xlsx', unitId: 12, includeFlagged: true, period: { from: '2026-11-21', to: '2026-11-27' } }],
    ['tu=2026-06-01&den=2026-06-30', { period: { from: '2026-06-01', to: '2026-06-30', preset: null } }],
    ['tu=2026-06-30&den=2026-06-01', { period: { from: '2026-06-01', to: '2026-06-30' } }],
    ['tu=2026-11-01&den=2027-01-01', { period: { from: '2026-11-01', to: '2026-11-27' } }],
    ['ky=nam-nay&foo=bar', { period: { from: '2026-01-01', to: '2026-11-27' } }],
    ['don-vi=&ky=', { unitId: undefined }],
    ['xac-thuc=1', { verifiedOnly: true, includeFlagged: false }],
    ['xac-thuc=0', { verifiedOnly: false }],
  ])('%s', (q, want) => {
    const r = parse(q);
    expect(r.ok).toBe(true);
    expect(r.ok && r.query).toMatchObject(want);
  });

  it.each([
    ['dinh-dang=pdf', 'Định dạng (dinh-dang) phải là csv hoặc xlsx.'],
    ['xac-thuc=yes', 'Tham số xac-thuc chỉ nhận 0 hoặc 1.'],
    ['don-vi=abc', 'Mã đơn vị (don-vi) phải là một số nguyên dương.'],
    ['don-vi=-1', 'Mã đơn vị (don-vi) phải là một số nguyên dương.'],
    ['ky=mai-mai', 'Kỳ báo cáo (ky) phải là một trong: 7-ngay, 30-ngay, thang-nay, quy-nay, nam-nay.'],
    ['tu=2026-02-30', 'Ngày bắt đầu (tu) phải là một ngày có thật dạng ngày/tháng/năm (ví dụ 27/11/2026) hoặc năm-tháng-ngày (2026-11-27), từ năm 2000.'],
    ['den=11/27/2026', 'Ngày kết thúc (den) phải là một ngày có thật dạng ngày/tháng/năm (ví dụ 27/11/2026) hoặc năm-tháng-ngày (2026-11-27), từ năm 2000.'],
    ['bi-loai=yes', 'Tham số bi-loai chỉ nhận 0 hoặc 1.'],
    ['don-vi=1&don-vi=2', 'Tham số don-vi xuất hiện nhiều lần.'],
    ['tu=2026-12-01', 'Kỳ xuất dữ liệu còn ở tương lai: chưa có đánh giá nào.'],
    ['tu=2026-12-01&den=2026-12-31', 'Kỳ xuất dữ liệu còn ở tương lai: chưa có đánh giá nào.'],
  ])('refuses %s', (q, message) => {
    const r = parse(q);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([message]);
  });

  it('reports every problem at once', () => {
    const r = parse('dinh-dang=pdf&don-vi=x&ky=y');
    expect(!r.ok && r.errors).toHaveLength(3);
  });
});
