import { describe, expect, it } from 'vitest';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { evaluationCells, evaluationFormats, evaluationHeaders, type EvaluationExportLine } from './evaluation';

const rubric = rubricPreset('mac-dinh');

const line = (over: Partial<EvaluationExportLine> = {}): EvaluationExportLine => ({
  rank: 1,
  name: 'Trung tâm',
  parentName: 'Tỉnh',
  status: 'finalised',
  stage: 'final',
  totalX100: 8650,
  classification: 'Tốt',
  missing: 0,
  figure: { rate: 0.9234, low: 0.88, high: 0.95, n: 412, enoughData: true },
  automaticX100: 1800,
  finalisedAt: new Date('2027-01-05T02:00:00Z'),
  points: new Map([
    ['ke-hoach', 1000],
    ['tuyen-truyen', 950],
    ['quy-tac', 1450],
    ['co-so', 1500],
    ['hai-long', 1800],
    ['dung-han', 1300],
    ['pakn', 1000],
  ]),
  ...over,
});

describe('the evaluation export', () => {
  it('has one column per criterion after the fixed ones, in rubric order, with its group and maximum', () => {
    const headers = evaluationHeaders(rubric);
    expect(headers.slice(0, 2)).toEqual(['Hạng', 'Đơn vị']);
    expect(headers.slice(-7)).toEqual([
      'Tuyên truyền, triển khai mô hình › Ban hành kế hoạch, quy chế thực hiện mô hình (tối đa 10)',
      'Tuyên truyền, triển khai mô hình › Tuyên truyền, phổ biến mô hình tới cán bộ và người dân (tối đa 10)',
      'Văn hoá công sở, quy tắc ứng xử › Thực hiện quy tắc ứng xử, trang phục, thẻ công chức (tối đa 15)',
      'Văn hoá công sở, quy tắc ứng xử › Nơi tiếp nhận: biển hiệu, chỗ ngồi, trang thiết bị (tối đa 15)',
      'Sự hài lòng của người dân, doanh nghiệp › Mức độ hài lòng của người dân, doanh nghiệp (tối đa 20)',
      'Giải quyết thủ tục hành chính › Hồ sơ giải quyết đúng hạn (tối đa 15)',
      'Giải quyết thủ tục hành chính › Tiếp nhận, xử lý phản ánh, kiến nghị (tối đa 15)',
    ]);
    expect(evaluationFormats(rubric)).toHaveLength(headers.length);
    expect(evaluationFormats(rubric)[headers.indexOf('Thời điểm chốt (giờ Việt Nam)')]).toBe('datetime');
  });

  it('fills a finalised office: numbers as numbers, the time as a Date, points per criterion', () => {
    const cells = evaluationCells(line(), rubric);
    expect(cells).toHaveLength(evaluationHeaders(rubric).length);
    expect(cells).toEqual([1, 'Trung tâm', 'Tỉnh', 'Đã chốt', 86.5, 'Đã chốt', null, 'Tốt', new Date('2027-01-05T02:00:00Z'), 92.3, 88, 95, 412, 18, 10, 9.5, 14.5, 15, 18, 13, 10]);
  });

  it('leaves unscored criteria empty and says when there is not enough data', () => {
    const cells = evaluationCells(
      line({ status: 'self_assessed', stage: 'self', rank: null, totalX100: null, classification: null, missing: 2, finalisedAt: null, figure: { rate: null, low: null, high: null, n: 12, enoughData: false }, automaticX100: 0, points: new Map([['ke-hoach', 500]]) }),
      rubric,
    );
    expect(cells.slice(0, 14)).toEqual([null, 'Trung tâm', 'Tỉnh', 'Đã tự đánh giá', null, 'Tự chấm (chưa thẩm định)', 2, null, null, 'Chưa đủ dữ liệu', null, null, 12, 0]);
    expect(cells.slice(14)).toEqual([5, null, null, null, null, null, null]);
  });
});
