import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/form-state';
import { AnswerRecommendationSchema, CloseIntegritySchema, MAX_RECOMMENDATIONS, OrganisationSchema, RecordVisitSchema } from './supervision';

const visit = {
  unitId: '12',
  periodId: '3',
  visitedOn: '05/12/2026',
  findings: 'Bộ phận một cửa niêm yết đủ thủ tục, còn thiếu ghế chờ.',
  evidence: 'https://example.gov.vn/bien-ban-1\n\n https://example.gov.vn/anh-2 ',
  recommendations: ' Bổ sung 10 ghế chờ \n\nNiêm yết số điện thoại đường dây nóng\n',
};

const errorsOf = (r: { success: boolean; error?: unknown }) => (r.success ? {} : fieldErrorsOf(r.error as never));

describe('RecordVisitSchema', () => {
  it('reads a visit: the day as a key, links and recommendations one a line, blanks dropped', () => {
    expect(RecordVisitSchema.parse(visit)).toEqual({
      unitId: 12,
      periodId: 3,
      visitedOn: '2026-12-05',
      findings: 'Bộ phận một cửa niêm yết đủ thủ tục, còn thiếu ghế chờ.',
      evidence: ['https://example.gov.vn/bien-ban-1', 'https://example.gov.vn/anh-2'],
      recommendations: ['Bổ sung 10 ghế chờ', 'Niêm yết số điện thoại đường dây nóng'],
    });
  });

  it('a visit without recommendations or evidence is a visit', () => {
    expect(RecordVisitSchema.parse({ ...visit, evidence: '', recommendations: '' })).toMatchObject({ evidence: [], recommendations: [] });
  });

  it.each([
    ['empty findings', { findings: '   ' }, ['findings']],
    ['no office', { unitId: '' }, ['unitId']],
    ['a day that does not exist', { visitedOn: '31/02/2026' }, ['visitedOn']],
    ['a link that is not http(s)', { evidence: 'javascript:alert(1)' }, ['evidence']],
    ['too many recommendations', { recommendations: Array.from({ length: MAX_RECOMMENDATIONS + 1 }, (_, i) => `Kiến nghị số ${i}`).join('\n') }, ['recommendations']],
    ['a recommendation too long', { recommendations: 'x'.repeat(1001) }, ['recommendations']],
    ['everything at once', { unitId: 'a', periodId: '0', visitedOn: 'hôm qua', findings: '' }, ['unitId', 'periodId', 'visitedOn', 'findings']],
  ])('refuses %s, naming every field, in Vietnamese', (_name, over, fields) => {
    const errors = errorsOf(RecordVisitSchema.safeParse({ ...visit, ...over }));
    expect(Object.keys(errors).sort()).toEqual([...fields].sort());
    for (const m of Object.values(errors)) expect(m).not.toMatch(/invalid|expected|too (small|big)/i);
  });
});

describe('AnswerRecommendationSchema', () => {
  it('reads the answer and the done box', () => {
    expect(AnswerRecommendationSchema.parse({ recommendationId: '4', answer: ' Đã mua 10 ghế ', done: 'on' })).toEqual({ recommendationId: 4, answer: 'Đã mua 10 ghế', done: true });
    expect(AnswerRecommendationSchema.parse({ recommendationId: '4', answer: 'Đang mua sắm' }).done).toBe(false);
  });
  it('refuses an empty answer', () => {
    expect(Object.keys(errorsOf(AnswerRecommendationSchema.safeParse({ recommendationId: '4', answer: '  ' })))).toEqual(['answer']);
  });
});

describe('CloseIntegritySchema', () => {
  it.each([
    ['no finding', { finding: '' }, ['finding']],
    ['an unknown finding', { finding: 'maybe' }, ['finding']],
    ['an empty note', { note: ' ' }, ['note']],
  ])('refuses %s', (_name, over, fields) => {
    const errors = errorsOf(CloseIntegritySchema.safeParse({ reportId: '9', finding: 'upheld', note: 'Đã xác minh với công dân và cán bộ.', ...over }));
    expect(Object.keys(errors)).toEqual(fields);
  });
  it('reads a finding and its note', () => {
    expect(CloseIntegritySchema.parse({ reportId: '9', finding: 'not_upheld', note: ' Không có căn cứ xác minh. ' })).toEqual({ reportId: 9, finding: 'not_upheld', note: 'Không có căn cứ xác minh.' });
  });
});

describe('OrganisationSchema', () => {
  it('a new organisation (no id), an edit with the active box unticked', () => {
    expect(OrganisationSchema.parse({ name: ' Hội  Nông dân tỉnh ', kind: 'other', active: 'on' })).toEqual({ organisationId: null, name: 'Hội Nông dân tỉnh', kind: 'other', active: true });
    expect(OrganisationSchema.parse({ organisationId: '2', name: 'Thanh tra tỉnh', kind: 'inspectorate' })).toEqual({ organisationId: 2, name: 'Thanh tra tỉnh', kind: 'inspectorate', active: false });
  });
  it('refuses a short name and an unknown kind', () => {
    expect(Object.keys(errorsOf(OrganisationSchema.safeParse({ name: 'ab', kind: 'party' }))).sort()).toEqual(['kind', 'name']);
  });
});
