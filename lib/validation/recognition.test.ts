import { describe, expect, it } from 'vitest';
import { CLASS_FIELD_PREFIX, NominateIndividualSchema, readRulesForm, RulesFormSchema } from './recognition';

const rulesForm = (fields: Record<string, string>) => readRulesForm(RulesFormSchema.parse({ roundId: '1', measure: 'lowerBound', ...fields }));
const excellent = `${CLASS_FIELD_PREFIX}${encodeURIComponent('Xuất sắc')}`;

describe('readRulesForm', () => {
  it('reads every rule from the fields', () => {
    expect(rulesForm({ minRatings: '30', minRate: '92,5', integrity: 'on', [excellent]: 'on' })).toEqual({
      ok: true,
      rules: {
        individual: [{ kind: 'minRatings', min: 30 }, { kind: 'minSatisfaction', min: 0.925, measure: 'lowerBound' }, { kind: 'noUpheldIntegrityReport' }],
        collective: [{ kind: 'officeClass', classes: ['Xuất sắc'] }],
      },
    });
  });

  it('leaves out empty thresholds', () => {
    expect(rulesForm({ minRatings: '', minRate: '', [excellent]: 'on' })).toMatchObject({ ok: true, rules: { individual: [] } });
  });

  it.each([
    [{ minRatings: '0', [excellent]: 'on' }, 'minRatings'],
    [{ minRatings: 'ba mươi', [excellent]: 'on' }, 'minRatings'],
    [{ minRate: '120', [excellent]: 'on' }, 'minRate'],
    [{ minRate: '90' }, 'classes'],
  ])('refuses %j on %s', (fields, key) => {
    const read = rulesForm(fields);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.fieldErrors)).toContain(key);
  });
});

describe('NominateIndividualSchema', () => {
  const base = { roundId: '1', officialId: '2', formId: '3', reasons: '  Tận tình   hướng dẫn  ' };
  it('trims reasons and reads one link a line', () => {
    expect(NominateIndividualSchema.parse({ ...base, evidence: 'https://a.vn/1\n\n http://b.vn/2 ' })).toMatchObject({ reasons: 'Tận tình hướng dẫn', evidence: ['https://a.vn/1', 'http://b.vn/2'] });
  });
  it.each([
    [{ evidence: 'javascript:alert(1)' }, 'evidence'],
    [{ evidence: Array.from({ length: 6 }, (_, i) => `https://a.vn/${i}`).join('\n') }, 'evidence'],
    [{ reasons: 'ngắn' }, 'reasons'],
    [{ officialId: 'x' }, 'officialId'],
  ])('refuses %j', (change, key) => {
    const parsed = NominateIndividualSchema.safeParse({ ...base, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0])).toContain(key);
  });
});
