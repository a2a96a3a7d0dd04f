import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, kioskScaleQuestions, type QuestionSetDefinition } from '@/lib/survey/question-set';
import {
  AssignQuestionSetSchema,
  CopyQuestionSetSchema,
  editableQuestions,
  editFormValues,
  parseQuestionSetEdit,
  QuestionSetEditSchema,
  KIOSK_FIELD,
  sameDefinition,
} from './question-sets';

const D = DEFAULT_QUESTION_SET;
const without = (def: QuestionSetDefinition, ...keys: string[]) => ({ ...def, questions: def.questions.filter((q) => !keys.includes(q.key)) });
const keysOf = (list: { question: { key: string } }[]) => list.map((e) => e.question.key);

describe('editableQuestions', () => {
  it.each([
    ['no versions', [], []],
    ['one version: its questions, all shown', [D], D.questions.map((q) => q.key)],
    ['a question removed in v2 comes back in its old place', [D, without(D, 'q5')], D.questions.map((q) => q.key)],
    ['a first question removed goes back to the top', [{ ...D, questions: [D.questions[2]!, ...D.questions.slice(0, 2)] }, without(D, 'q3')], ['q3', ...without(D, 'q3').questions.map((q) => q.key)]],
  ])('%s', (_name, versions, want) => {
    expect(keysOf(editableQuestions(versions))).toEqual(want);
  });

  it('marks removed questions as not in the latest version, with their most recent wording', () => {
    const v2 = { ...D, questions: D.questions.map((q) => (q.key === 'q6' ? { ...q, text: { vi: 'Chờ ít', en: 'Short wait' } } : q)) };
    const list = editableQuestions([D, v2, without(v2, 'q6')]);
    const q6 = list.find((e) => e.question.key === 'q6')!;
    expect(q6.inLatest).toBe(false);
    expect(q6.question.text.vi).toBe('Chờ ít');
    expect(list.filter((e) => !e.inLatest)).toHaveLength(1);
  });
});

describe('parseQuestionSetEdit', () => {
  const catalog = editableQuestions([D]);
  const start = editFormValues(catalog, D.commentMaxLength);

  it('unchanged form → the same definition', () => {
    const r = parseQuestionSetEdit(start, catalog);
    expect(r.ok && sameDefinition(r.definition, D)).toBe(true);
  });

  it.each([
    ['new wording, trimmed', { 'q3.vi': '  Công chức   lịch sự. ' }, (d: QuestionSetDefinition) => d.questions.find((q) => q.key === 'q3')!.text.vi === 'Công chức lịch sự.'],
    ['an optional question unticked is left out', { 'q7.show': undefined }, (d: QuestionSetDefinition) => !d.questions.some((q) => q.key === 'q7')],
    ['q1 and q2 stay even when unticked', { 'q1.show': undefined, 'q2.show': undefined }, (d: QuestionSetDefinition) => d.questions.filter((q) => q.required).length === 2],
    ['a hidden question with empty texts is fine', { 'q9.show': undefined, 'q9.vi': '' }, (d: QuestionSetDefinition) => !d.questions.some((q) => q.key === 'q9')],
    ['comment length 0 (no comment box)', { commentMaxLength: '0' }, (d: QuestionSetDefinition) => d.commentMaxLength === 0],
    ['comment length 2000', { commentMaxLength: '2000' }, (d: QuestionSetDefinition) => d.commentMaxLength === 2000],
  ])('accepts %s', (_name, over, check) => {
    const r = parseQuestionSetEdit({ ...start, ...over }, catalog);
    expect(r.ok).toBe(true);
    if (r.ok) expect(check(r.definition)).toBe(true);
  });

  it.each([
    ['comment length 2001', { commentMaxLength: '2001' }, ['commentMaxLength']],
    ['comment length negative', { commentMaxLength: '-1' }, ['commentMaxLength']],
    ['comment length not a whole number', { commentMaxLength: '12.5' }, ['commentMaxLength']],
    ['comment length empty', { commentMaxLength: '' }, ['commentMaxLength']],
    ['empty Vietnamese text of a shown question', { 'q3.vi': '   ' }, ['q3.vi']],
    ['English text too long', { 'q1.en': 'x'.repeat(301) }, ['q1.en']],
    ['short name too long', { 'q2.short_vi': 'x'.repeat(61) }, ['q2.short_vi']],
    ['a missing field', { 'q4.en': undefined }, ['q4.en']],
    ['several at once', { 'q1.vi': '', 'q8.en': '', commentMaxLength: 'nhiều' }, ['q1.vi', 'q8.en', 'commentMaxLength']],
  ])('refuses %s, with every error', (_name, over, fields) => {
    const r = parseQuestionSetEdit({ ...start, ...over }, catalog);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.fieldErrors).sort()).toEqual([...fields].sort());
      for (const m of Object.values(r.fieldErrors)) expect(m).not.toMatch(/invalid|expected|too (small|big)/i);
    }
  });

  it('brings back a question removed earlier when ticked', () => {
    const cat = editableQuestions([D, without(D, 'q5')]);
    const values = { ...editFormValues(cat, 500), 'q5.show': 'on' };
    const r = parseQuestionSetEdit(values, cat);
    expect(r.ok && r.definition.questions.map((q) => q.key)).toEqual(D.questions.map((q) => q.key));
    const r2 = parseQuestionSetEdit(editFormValues(cat, 500), cat);
    expect(r2.ok && r2.definition.questions.some((q) => q.key === 'q5')).toBe(false);
  });
});

describe('parseQuestionSetEdit: the kiosk questions', () => {
  const catalog = editableQuestions([D]);
  const start = editFormValues(catalog, D.commentMaxLength);
  const kioskKeys = (d: QuestionSetDefinition) => kioskScaleQuestions(d).map((q) => q.key);

  it('starts with what the kiosk asks now: attitude (Q1) and overall (Q2)', () => {
    expect(Object.keys(start).filter((k) => k.endsWith('.kiosk'))).toEqual(['q1.kiosk', 'q2.kiosk']);
  });

  it.each([
    ['only the waiting time', { 'q1.kiosk': undefined, 'q2.kiosk': undefined, 'q6.kiosk': 'on' }, ['q6']],
    ['three questions, in set order', { 'q6.kiosk': 'on' }, ['q1', 'q2', 'q6']],
    ['a ticked question that is not asked any more is not asked on the kiosk', { 'q7.show': undefined, 'q7.kiosk': 'on' }, ['q1', 'q2']],
  ])('%s', (_name, over, want) => {
    const r = parseQuestionSetEdit({ ...start, ...over }, catalog);
    expect(r.ok && kioskKeys(r.definition)).toEqual(want);
  });

  it.each([
    ['none', { 'q1.kiosk': undefined, 'q2.kiosk': undefined }, /ít nhất một/],
    ['four', { 'q3.kiosk': 'on', 'q6.kiosk': 'on' }, /tối đa 3/],
  ])('refuses %s', (_name, over, message) => {
    const r = parseQuestionSetEdit({ ...start, ...over }, catalog);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors[KIOSK_FIELD]).toMatch(message);
  });

  it('a set saved before kiosk flags existed reads as asking its required questions: saving it unchanged is no new version', () => {
    const old: QuestionSetDefinition = { ...D, questions: D.questions.map((q) => (q.kind === 'scale5' ? { ...q, kiosk: undefined } : q)) };
    expect(kioskKeys(old)).toEqual(['q1', 'q2']);
    const cat = editableQuestions([old]);
    const r = parseQuestionSetEdit(editFormValues(cat, 500), cat);
    expect(r.ok && sameDefinition(r.definition, old)).toBe(true);
    expect(r.ok && sameDefinition({ ...r.definition, questions: r.definition.questions.map((q) => (q.key === 'q2' ? { ...q, kiosk: false } : q)) }, old)).toBe(false);
  });
});

describe('sameDefinition', () => {
  it('ignores key order, not content', () => {
    const reordered = JSON.parse(JSON.stringify({ questions: D.questions, commentMaxLength: D.commentMaxLength }));
    expect(sameDefinition(D, { commentMaxLength: reordered.commentMaxLength, questions: reordered.questions })).toBe(true);
    expect(sameDefinition(D, { ...D, commentMaxLength: 501 })).toBe(false);
    expect(sameDefinition(D, without(D, 'q9'))).toBe(false);
  });
});

describe('QuestionSetEditSchema and CopyQuestionSetSchema', () => {
  it.each([
    [{ questionSetId: '1', baseVersion: '3', 'q1.vi': 'x' }, true],
    [{ questionSetId: 'a', baseVersion: '3' }, false],
    [{ questionSetId: '1', baseVersion: '0' }, false],
    [{ questionSetId: '1' }, false],
  ])('edit envelope %j → %s', (input, ok) => {
    expect(QuestionSetEditSchema.safeParse(input).success).toBe(ok);
  });

  it('keeps the per-question fields for the second check', () => {
    expect(QuestionSetEditSchema.parse({ questionSetId: '1', baseVersion: '3', 'q1.vi': 'x' })).toEqual({ questionSetId: 1, baseVersion: 3, 'q1.vi': 'x' });
  });

  it.each([
    [{ sourceId: '1', name: '  Bộ câu hỏi   phường ' }, { sourceId: 1, name: 'Bộ câu hỏi phường' }],
    [{ sourceId: '1', name: ' ' }, null],
    [{ sourceId: '', name: 'Bộ mới' }, null],
    [{ sourceId: '1', name: 'x'.repeat(101) }, null],
    [{ sourceId: '1', name: 'Bộ mới', ownerUnitId: '9' }, { sourceId: 1, name: 'Bộ mới', ownerUnitId: 9 }],
    [{ sourceId: '1', name: 'Bộ mới', ownerUnitId: '' }, { sourceId: 1, name: 'Bộ mới', ownerUnitId: null }],
    [{ sourceId: '1', name: 'Bộ mới', ownerUnitId: 'tỉnh' }, null],
  ])('copy %j → %j', (input, want) => {
    const r = CopyQuestionSetSchema.safeParse(input);
    expect(r.success ? r.data : null).toEqual(want);
  });
});

describe('AssignQuestionSetSchema', () => {
  it.each([
    [{ unitId: '7', questionSetId: '3' }, { unitId: 7, questionSetId: 3 }],
    [{ unitId: '7', questionSetId: '' }, { unitId: 7, questionSetId: null }],
  ])('%j → %j', (input, want) => expect(AssignQuestionSetSchema.parse(input)).toEqual(want));

  it.each([
    [{ unitId: '7', questionSetId: 'abc' }, 'questionSetId', 'Vui lòng chọn một bộ câu hỏi trong danh sách.'],
    [{ unitId: '7', questionSetId: '-1' }, 'questionSetId', 'Vui lòng chọn một bộ câu hỏi trong danh sách.'],
    [{ unitId: '0', questionSetId: '' }, 'unitId', 'Không tìm thấy đơn vị.'],
  ])('%j is refused on %s', (input, field, message) => {
    const r = AssignQuestionSetSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});
