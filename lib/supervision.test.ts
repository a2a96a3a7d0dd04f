import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, integritySignals, QuestionSetDefinitionSchema, withoutIntegrityMarks } from '@/lib/survey/question-set';
import { mayCloseIntegrity, mayReadIntegrity, vietnamYearBounds } from './supervision';

const choice = (questionKey: string, choice: string | null) => ({ questionKey, choice });

describe('integritySignals (the default set marks Q9 "Có")', () => {
  it.each([
    ['no answers', [], []],
    ['scores only', [choice('q1', null), choice('q2', null)], []],
    ['Q9 "Không"', [choice('q9', 'no')], []],
    ['Q9 "Có"', [choice('q9', 'yes')], ['q9=yes']],
    ['Q9 "Có" among other choices', [choice('q8', 'three_plus'), choice('q10', 'extra_papers'), choice('q9', 'yes')], ['q9=yes']],
    ['a choice the set does not know', [choice('q9', 'maybe'), choice('q99', 'yes')], []],
  ])('%s → %j', (_name, answers, want) => {
    expect(integritySignals(DEFAULT_QUESTION_SET, answers)).toEqual(want);
  });

  it('a set without marks raises nothing, whatever is chosen', () => {
    expect(integritySignals(withoutIntegrityMarks(DEFAULT_QUESTION_SET), [choice('q9', 'yes')])).toEqual([]);
  });

  it('any marked option of any choice question counts, once, in set order', () => {
    const def = QuestionSetDefinitionSchema.parse({
      ...DEFAULT_QUESTION_SET,
      questions: DEFAULT_QUESTION_SET.questions.map((q) =>
        q.kind === 'choice' && q.key === 'q10' ? { ...q, options: q.options.map((o) => (o.value === 'extra_papers' ? { ...o, integrity: true } : o)) } : q,
      ),
    });
    expect(integritySignals(def, [choice('q10', 'extra_papers'), choice('q9', 'yes'), choice('q9', 'yes')])).toEqual(['q9=yes', 'q10=extra_papers']);
  });

  it('the mark survives the schema (a stored version keeps it) and withoutIntegrityMarks removes only it', () => {
    const parsed = QuestionSetDefinitionSchema.parse(JSON.parse(JSON.stringify(DEFAULT_QUESTION_SET)));
    const q9 = parsed.questions.find((q) => q.key === 'q9');
    expect(q9?.kind === 'choice' && q9.options.map((o) => o.integrity ?? false)).toEqual([false, true]);
    const old = withoutIntegrityMarks(parsed);
    expect(JSON.stringify(old)).not.toContain('integrity');
    expect(old.questions.map((q) => q.key)).toEqual(parsed.questions.map((q) => q.key));
  });
});

describe('who reads and who closes integrity reports', () => {
  it.each([
    ['office_head', null, true, false],
    ['supervisor', 'inspectorate', true, true],
    ['supervisor', 'front', false, false],
    ['supervisor', null, false, false],
    ['assessor', 'inspectorate', false, false],
    ['admin', null, false, false],
    ['official', null, false, false],
  ] as const)('%s of %s: reads %s, closes %s', (role, kind, reads, closes) => {
    expect(mayReadIntegrity(role, kind)).toBe(reads);
    expect(mayCloseIntegrity(role, kind)).toBe(closes);
  });
});

describe('vietnamYearBounds', () => {
  it('a year runs from midnight 1 January to midnight 1 January in UTC+7', () => {
    const { from, to } = vietnamYearBounds(2026);
    expect(new Date(from).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });
});
