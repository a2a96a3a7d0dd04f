import { describe, expect, it } from 'vitest';
import { diffRubrics } from './rubric-diff';
import { rubricPreset, type RubricInput } from './rubric';

const base = () => structuredClone(rubricPreset('mac-dinh')) as RubricInput;

describe('diffRubrics', () => {
  it('finds nothing between a rubric and itself', () => {
    expect(diffRubrics(base(), base())).toEqual([]);
  });

  it('names a changed maximum, a band and a step by their titles', () => {
    const after = base();
    after.groups[0]!.max = 25;
    after.groups[0]!.criteria[0]!.max = 15;
    after.groups[1]!.max = 25;
    after.groups[1]!.criteria[0]!.max = 10;
    after.bands = after.bands.map((b) => (b.label === 'Tốt' ? { ...b, min: 85 } : b.label === 'Khá' ? { ...b, below: 85 } : b));
    expect(diffRubrics(base(), after)).toEqual([
      { label: 'Nhóm “Tuyên truyền, triển khai mô hình”: điểm tối đa', before: '20', after: '25' },
      { label: 'Nhóm “Văn hoá công sở, quy tắc ứng xử”: điểm tối đa', before: '30', after: '25' },
      { label: 'Tiêu chí “Ban hành kế hoạch, quy chế thực hiện mô hình”: điểm tối đa', before: '10', after: '15' },
      { label: 'Tiêu chí “Thực hiện quy tắc ứng xử, trang phục, thẻ công chức”: điểm tối đa', before: '15', after: '10' },
      { label: 'Mức xếp loại “Tốt”', before: 'từ 80 đến dưới 90', after: 'từ 85 đến dưới 90' },
      { label: 'Mức xếp loại “Khá”', before: 'từ 70 đến dưới 80', after: 'từ 70 đến dưới 85' },
    ]);
  });

  it('lists a criterion added and one removed, and a new rule of the satisfaction criterion', () => {
    const after = base();
    after.groups[0]!.criteria = [after.groups[0]!.criteria[0]!, { key: 'moi', title: 'Tiêu chí mới', max: 10, kind: 'manual', guidance: '' }];
    const sat = after.groups[2]!.criteria[0]!;
    if (sat.kind === 'automatic') Object.assign(sat, { rule: 'proportional', steps: undefined });
    const changes = diffRubrics(base(), after);
    expect(changes).toContainEqual({ label: 'Tiêu chí “Tiêu chí mới” (nhóm “Tuyên truyền, triển khai mô hình”)', before: '—', after: 'thêm, 10 điểm, chấm tay' });
    expect(changes).toContainEqual({ label: 'Tiêu chí “Tuyên truyền, phổ biến mô hình tới cán bộ và người dân” (nhóm “Tuyên truyền, triển khai mô hình”)', before: '10 điểm, chấm tay', after: 'bỏ' });
    expect(changes).toContainEqual({ label: 'Tiêu chí “Mức độ hài lòng của người dân, doanh nghiệp”: công thức', before: 'Bậc thang', after: 'Tỷ lệ thuận (điểm tối đa × tỷ lệ, làm tròn 0,5)' });
  });

  it('says only that the rubric changed when one side is not a rubric', () => {
    expect(diffRubrics({ groups: 'x' }, base())).toEqual([{ label: 'Bộ tiêu chí', before: 'bộ tiêu chí cũ', after: 'bộ tiêu chí mới' }]);
  });
});
