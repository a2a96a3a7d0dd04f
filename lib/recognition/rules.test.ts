import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, EligibilityRulesSchema, evaluateCollective, evaluateIndividual, parseRules, type OfficialFigures } from './rules';

const figures = (n: number, rate: number | null, low: number | null): OfficialFigures => ({ n, rate, low, high: rate, enoughData: n >= 30, minSample: 30, year: 2025 });

describe('evaluateIndividual (default rules: n ≥ 30, Wilson lower bound ≥ 90 %, integrity not checkable)', () => {
  it.each([
    ['enough ratings and a high lower bound', figures(200, 0.97, 0.94), true, null],
    ['29 ratings: the sample rule fails first', figures(29, null, null), false, 'Chưa đủ số lượt đánh giá: có 29, cần ít nhất 30.'],
    ['exactly 30 ratings and bound exactly 90 %', figures(30, 0.97, 0.9), true, null],
    ['a high rate but a low bound fails', figures(40, 0.95, 0.83), false, 'Cận dưới khoảng tin cậy của tỷ lệ hài lòng là 83,0 %, thấp hơn mức tối thiểu 90,0 %.'],
  ])('%s', (_name, f, eligible, failure) => {
    const result = evaluateIndividual(DEFAULT_RULES, f);
    expect(result.eligible).toBe(eligible);
    expect(result.firstFailure).toBe(failure);
    expect(result.checks.at(-1)).toMatchObject({ status: 'unchecked' });
  });

  it('compares the plain rate when the round says so', () => {
    const rules = parseRules(JSON.stringify({ individual: [{ kind: 'minSatisfaction', min: 0.9, measure: 'rate' }], collective: [] }));
    expect(evaluateIndividual(rules, figures(40, 0.95, 0.83)).eligible).toBe(true);
    expect(evaluateIndividual(rules, figures(40, 0.89, 0.75)).firstFailure).toBe('Tỷ lệ hài lòng là 89,0 %, thấp hơn mức tối thiểu 90,0 %.');
  });

  it('without data the satisfaction rule fails, naming the minimum sample', () => {
    const rules = parseRules(JSON.stringify({ individual: [{ kind: 'minSatisfaction', min: 0.5 }], collective: [] }));
    expect(evaluateIndividual(rules, figures(3, null, null)).firstFailure).toBe('Chưa đủ dữ liệu để tính tỷ lệ hài lòng (cần ít nhất 30 lượt).');
  });

  it('the integrity rule alone never blocks', () => {
    const rules = parseRules(JSON.stringify({ individual: [{ kind: 'noUpheldIntegrityReport' }], collective: [] }));
    const result = evaluateIndividual(rules, figures(0, null, null));
    expect(result).toMatchObject({ eligible: true, firstFailure: null });
    expect(result.checks[0]!.message).toMatch(/Chưa kiểm tra được/);
  });
});

describe('the integrity rule with the upheld reports known (docs/decisions/028)', () => {
  const rules = parseRules(JSON.stringify({ individual: [{ kind: 'noUpheldIntegrityReport' }], collective: [] }));
  it.each([
    [null, 'unchecked', true],
    [0, 'pass', true],
    [1, 'fail', false],
    [3, 'fail', false],
  ] as const)('%s upheld → %s', (upheld, status, eligible) => {
    const result = evaluateIndividual(rules, figures(100, 0.95, 0.9), upheld);
    expect(result.checks[0]!.status).toBe(status);
    expect(result.eligible).toBe(eligible);
    if (upheld) expect(result.firstFailure).toBe(`Có ${upheld} phản ánh liêm chính được Thanh tra kết luận đúng về các lượt đánh giá gắn với cán bộ trong năm 2025.`);
  });
});

describe('evaluateCollective', () => {
  it.each([
    ['Xuất sắc', true, null],
    ['Tốt', false, 'Đơn vị được xếp loại “Tốt”, chưa đạt mức “Xuất sắc”.'],
    [null, false, 'Đơn vị chưa được chốt kết quả đánh giá.'],
  ])('%s', (cls, eligible, failure) => {
    expect(evaluateCollective(DEFAULT_RULES, cls)).toMatchObject({ eligible, firstFailure: failure });
  });
});

describe('the rules as data', () => {
  it.each([
    [{ individual: [{ kind: 'minRatings', min: 0 }], collective: [] }, 'Số lượt tối thiểu ít nhất là 1.'],
    [{ individual: [{ kind: 'minSatisfaction', min: 1.5 }], collective: [] }, 'Tỷ lệ tối thiểu từ 0 đến 100 %.'],
    [{ individual: [], collective: [{ kind: 'officeClass', classes: [] }] }, 'Chọn ít nhất một mức xếp loại.'],
  ])('refuses %j', (rules, message) => {
    const parsed = EligibilityRulesSchema.safeParse(rules);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe(message);
  });

  it('unreadable stored rules fall back to the defaults', () => {
    expect(parseRules('not json')).toEqual(DEFAULT_RULES);
    expect(parseRules('{"individual": 3}')).toEqual(DEFAULT_RULES);
  });
});
