import { describe, expect, it } from 'vitest';
import { bandProblems, parseRubricJson, RUBRIC_PRESETS, rubricPreset, RubricSchema, toX100, type Band } from './rubric';

describe('presets', () => {
  it.each(RUBRIC_PRESETS)('%s is a valid rubric', (p) => expect(RubricSchema.safeParse(rubricPreset(p)).success).toBe(true));

  it('the default has 100 points with a 20-point automatic satisfaction criterion and five bands', () => {
    const r = rubricPreset('mac-dinh');
    expect(r.total).toBe(100);
    const auto = r.groups.flatMap((g) => g.criteria).filter((c) => c.kind === 'automatic');
    expect(auto).toMatchObject([{ key: 'hai-long', max: 20, source: 'headline', rule: 'steps', notEnoughData: 'zero' }]);
    expect(r.bands.map((b) => [b.label, b.min, b.below])).toEqual([
      ['Xuất sắc', 90, null],
      ['Tốt', 80, 90],
      ['Khá', 70, 80],
      ['Đạt', 50, 70],
      ['Chưa đạt', 0, 50],
    ]);
  });

  it('Đồng Nai 54/2025: groups 15/15/20/50 and a bonus group, star bands', () => {
    const r = rubricPreset('dong-nai-54-2025');
    expect(r.groups.map((g) => [g.max, g.bonus])).toEqual([
      [15, false],
      [15, false],
      [20, false],
      [50, false],
      [5, true],
    ]);
    expect(r.bands.map((b) => b.label)).toEqual(['4 sao', '3 sao', '2 sao', '1 sao']);
  });

  it('returns a fresh copy each time', () => {
    const a = rubricPreset('mac-dinh');
    a.groups[0]!.title = 'x';
    expect(rubricPreset('mac-dinh').groups[0]!.title).not.toBe('x');
  });
});

const band = (label: string, min: number, below: number | null): Band => ({ label, min, below });

describe('bandProblems', () => {
  it('accepts contiguous bands in any order', () => {
    expect(bandProblems([band('A', 0, 50), band('C', 80, null), band('B', 50, 80)])).toEqual([]);
  });
  it.each([
    ['a gap', [band('Thấp', 0, 50), band('Cao', 60, null)], 'Khoảng trống giữa mức “Thấp” (0–< 50) và mức “Cao” (60–): tổng từ 50 đến dưới 60 không thuộc mức nào; đặt “điểm dưới” của “Thấp” (0–< 50) bằng 60.'],
    ['an overlap', [band('Thấp', 0, 70), band('Cao', 60, null)], 'Mức “Thấp” (0–< 70) chồng lên mức “Cao” (60–): tổng từ 60 đến dưới 70 thuộc cả hai; đặt “điểm dưới” của “Thấp” (0–< 70) bằng 60.'],
    ['not starting at 0', [band('Thấp', 10, 50), band('Cao', 50, null)], 'Mức thấp nhất “Thấp” (10–< 50) phải bắt đầu từ 0 điểm, nếu không tổng dưới 10 sẽ không được xếp loại.'],
    ['a closed top band', [band('Thấp', 0, 50), band('Cao', 50, 100)], 'Mức cao nhất “Cao” (50–< 100) không được có “điểm dưới” (để trống, null): tổng điểm từ 50 trở lên đều thuộc mức này.'],
    ['an open band below the top', [band('Thấp', 0, null), band('Cao', 50, null)], 'Chỉ mức cao nhất được để trống “điểm dưới”; mức “Thấp” (0–) cần “điểm dưới” bằng “điểm từ” của mức “Cao” (50–).'],
  ])('refuses %s', (_what, bands, message) => expect(bandProblems(bands).map((p) => p.message)).toContain(message));
});

describe('RubricSchema', () => {
  const base = () => structuredClone(rubricPreset('mac-dinh'));

  it('refuses maxima that do not add up to the stated total', () => {
    const r = { ...base(), total: 90 };
    const res = parseRubricJson(JSON.stringify(r));
    expect(res).toEqual({
      ok: false,
      errors: ['total: Điểm tối đa của các nhóm (không kể điểm thưởng) cộng lại là 100, khác tổng điểm đã khai (90); sửa điểm các nhóm hoặc tổng điểm.'],
    });
  });

  it('refuses a group whose criteria do not add up to its maximum, saying where', () => {
    const r = base();
    r.groups[1]!.criteria[0]!.max = 10;
    const res = parseRubricJson(JSON.stringify(r));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors).toContain('Nhóm 2 › max: Nhóm “Văn hoá công sở, quy tắc ứng xử”: điểm tối đa của các tiêu chí cộng lại là 25, khác điểm tối đa của nhóm (30); sửa cho khớp.');
  });

  it('refuses duplicate criterion keys, negative maxima and an unknown kind', () => {
    const r = base() as unknown as { groups: { criteria: Record<string, unknown>[] }[] };
    r.groups[0]!.criteria[1]!.key = 'ke-hoach';
    r.groups[1]!.criteria[0]!.max = -5;
    r.groups[3]!.criteria[0]!.kind = 'magic';
    const res = parseRubricJson(JSON.stringify(r));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.errors).toContain('Nhóm 2 › tiêu chí 1 › max: Điểm tối đa của tiêu chí: phải lớn hơn 0.');
      expect(res.errors.some((e) => e.startsWith('Nhóm 4 › tiêu chí 1') && e.includes('“manual”'))).toBe(true);
    }
    const dup = base();
    dup.groups[0]!.criteria[1]!.key = 'ke-hoach';
    const res2 = parseRubricJson(JSON.stringify(dup));
    expect(res2.ok ? [] : res2.errors).toContain('Nhóm 1 › tiêu chí 2 › key: Mã tiêu chí “ke-hoach” bị trùng (đã dùng ở “Ban hành kế hoạch, quy chế thực hiện mô hình”); đổi một trong hai mã.');
  });

  it('reports JSON syntax errors in Vietnamese', () => {
    const res = parseRubricJson('{"total": 100,');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors[0]).toMatch(/^Không đọc được JSON: .*Kiểm tra dấu phẩy, ngoặc và dấu nháy kép\.$/);
  });

  it('refuses more than two decimals', () => {
    const r = base();
    r.groups[0]!.criteria[0]!.max = 9.995;
    r.groups[0]!.criteria[1]!.max = 10.005;
    const res = parseRubricJson(JSON.stringify(r));
    expect(res.ok ? [] : res.errors).toContain('Nhóm 1 › tiêu chí 1 › max: Điểm tối đa của tiêu chí: tối đa hai chữ số thập phân.');
  });
});

describe('toX100', () => {
  it.each([
    [16.25, 1625],
    [0.1 + 0.2, 30],
    [89.99, 8999],
  ])('%f → %i', (p, want) => expect(toX100(p)).toBe(want));
});
