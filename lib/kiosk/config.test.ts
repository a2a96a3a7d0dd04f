import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { kioskQuestions } from './config';

const scale = (key: string, aspect: 'attitude' | 'overall', required = true) => ({
  key,
  kind: 'scale5' as const,
  required,
  aspect,
  text: { vi: `Câu ${key}`, en: `Question ${key}` },
  short: { vi: key, en: key },
});

describe('kioskQuestions', () => {
  it('asks Q2 of the default set, with the Q10 reasons', () => {
    const k = kioskQuestions(DEFAULT_QUESTION_SET);
    expect(k.question.key).toBe('q2');
    expect(k.question.text.vi).toMatch(/^Nhìn chung/);
    expect(k.question.short).toEqual({ vi: 'Hài lòng chung', en: 'Overall' });
    expect(k.reasons?.key).toBe('q10');
    expect(k.reasons?.options.map((o) => o.value)).toEqual(['attitude', 'guidance', 'waiting', 'trips', 'extra_papers', 'late', 'other']);
    expect(k.commentMaxLength).toBe(500);
  });

  it.each([
    ['the required overall question, wherever it is', [scale('a', 'attitude'), scale('b', 'overall')], 'b'],
    ['an optional overall question does not count', [scale('a', 'attitude'), scale('b', 'overall', false)], 'a'],
    ['else the first required scale question', [scale('x', 'attitude', false), scale('a', 'attitude'), scale('c', 'attitude')], 'a'],
  ])('%s', (_name, questions, key) => {
    const def: QuestionSetDefinition = { commentMaxLength: 0, questions };
    const k = kioskQuestions(def);
    expect(k.question.key).toBe(key);
    expect(k.reasons).toBeNull();
    expect(k.commentMaxLength).toBe(0);
  });
});
