import { describe, expect, it } from 'vitest';
import { rubricPreset } from './rubric';
import { checkRubricDraft, draftOfFields, draftOfRubric, fieldName, freshKey, parseTypedNumber, type RubricDraft } from './rubric-form';

/** A draft as the browser posts it: every field by name. */
function fieldsOf(d: RubricDraft): Record<string, string> {
  const out: Record<string, string> = { total: d.total, bonusCap: d.bonusCap };
  d.groups.forEach((g, gi) => {
    out[fieldName.group(gi, 'key')] = g.key;
    out[fieldName.group(gi, 'title')] = g.title;
    out[fieldName.group(gi, 'max')] = g.max;
    if (g.bonus) out[fieldName.group(gi, 'bonus')] = '1';
    g.criteria.forEach((c, ci) => {
      for (const f of ['key', 'title', 'guidance', 'max', 'kind', 'source', 'rule', 'notEnoughData'] as const) out[fieldName.criterion(gi, ci, f)] = c[f];
      c.steps.forEach((s, si) => {
        out[fieldName.step(gi, ci, si, 'min')] = s.min;
        out[fieldName.step(gi, ci, si, 'share')] = s.share;
      });
    });
  });
  d.bands.forEach((b, bi) => {
    out[fieldName.band(bi, 'label')] = b.label;
    out[fieldName.band(bi, 'min')] = b.min;
    out[fieldName.band(bi, 'below')] = b.below;
  });
  return out;
}

describe('the rubric form', () => {
  it.each(['mac-dinh', 'dong-nai-54-2025', 'trong'] as const)('gives back preset %s unchanged through the form', (preset) => {
    const rubric = rubricPreset(preset);
    const draft = draftOfFields(fieldsOf(draftOfRubric(rubric)));
    expect(draft).toEqual(draftOfRubric(rubric));
    expect(checkRubricDraft(draft)).toEqual({ ok: true, rubric });
  });

  it('shows steps in percent and reads decimals typed with a comma', () => {
    const draft = draftOfRubric(rubricPreset('mac-dinh'));
    expect(draft.groups[2]!.criteria[0]!.steps[0]).toEqual({ min: '95', share: '100' });
    draft.groups[0]!.max = '20,5';
    draft.groups[0]!.criteria[0]!.max = '10,5';
    draft.total = '100,5';
    const checked = checkRubricDraft(draft);
    expect(checked.ok && checked.rubric.groups[0]!.criteria[0]!.max).toBe(10.5);
  });

  it('puts each problem on its field, in Vietnamese, and lists them all', () => {
    const draft = draftOfRubric(rubricPreset('mac-dinh'));
    draft.groups[0]!.criteria[1]!.max = 'mười';
    draft.bands[1]!.below = '85';
    const checked = checkRubricDraft(draft);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.fieldErrors[fieldName.criterion(0, 1, 'max')]).toBe('Điểm tối đa của “Tuyên truyền, phổ biến mô hình tới cán bộ và người dân”: “mười” không phải một số; nhập bằng chữ số, ví dụ 12,5.');
    // Numbers first: the sums are checked once every number reads.
    draft.groups[0]!.criteria[1]!.max = '15';
    const again = checkRubricDraft(draft);
    if (again.ok) throw new Error('expected problems');
    expect(again.fieldErrors[fieldName.group(0, 'max')]).toMatch(/^Nhóm “Tuyên truyền, triển khai mô hình”: điểm tối đa của các tiêu chí cộng lại là 25, khác điểm tối đa của nhóm \(20\)/);
    expect(again.fieldErrors[fieldName.band(1, 'row')]).toMatch(/^Khoảng trống giữa mức “Tốt” \(80–< 85\) và mức “Xuất sắc” \(90–\)/);
    expect(again.problems).toHaveLength(2);
  });

  it('refuses an empty group, a missing maximum and an empty band list, saying what to do', () => {
    const draft = draftOfRubric(rubricPreset('trong'));
    draft.groups[1]!.criteria = [];
    draft.groups[0]!.criteria[0]!.max = '';
    draft.bands = [];
    const checked = checkRubricDraft(draft);
    if (checked.ok) throw new Error('expected problems');
    expect(checked.problems).toEqual([
      'Cần ít nhất một mức xếp loại: bấm “Thêm mức xếp loại”.',
      'Điểm tối đa của “Mức độ hài lòng của người dân, doanh nghiệp”: chưa nhập.',
      'Nhóm “Nhóm tiêu chí khác (đổi tên, chia thành các tiêu chí)” chưa có tiêu chí nào: thêm một tiêu chí hoặc xoá nhóm.',
    ]);
  });

  it('refuses a step above 100 %', () => {
    const draft = draftOfRubric(rubricPreset('mac-dinh'));
    draft.groups[2]!.criteria[0]!.steps[0]!.min = '120';
    const checked = checkRubricDraft(draft);
    expect(!checked.ok && checked.fieldErrors[fieldName.step(2, 0, 0, 'min')]).toBe('“Mức độ hài lòng của người dân, doanh nghiệp”, bậc 1: tỷ lệ từ 0 đến 100 %.');
  });

  it.each([
    ['12,5', 12.5],
    ['12.5', 12.5],
    [' 20 ', 20],
    ['', Number.NaN],
    ['-1', Number.NaN],
    ['1e3', Number.NaN],
  ])('parseTypedNumber(%j) → %s', (text, want) => expect(parseTypedNumber(text)).toBe(want));

  it('makes keys that are not taken', () => {
    expect(freshKey('tieu-chi', ['tieu-chi-1', 'tieu-chi-2'])).toBe('tieu-chi-3');
    expect(freshKey('nhom', [])).toBe('nhom-1');
  });
});
