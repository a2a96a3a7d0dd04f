import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { parseSurveySubmission, type FormFields } from './survey-response';

const ID = '3f1c9a52-8a43-4b7e-9a0e-6f1f2b7c9d10';
const ctx = { definition: DEFAULT_QUESTION_SET, procedureFieldIds: [7, 8] };
const form = (fields: Record<string, string | string[]>): FormFields =>
  new Map(Object.entries({ submissionId: ID, ...fields }).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
const parse = (fields: Record<string, string | string[]>) => parseSurveySubmission(form(fields), ctx);

describe('parseSurveySubmission — accepted', () => {
  it('takes the two required answers alone', () => {
    const r = parse({ q1: '5', q2: '4' });
    expect(r).toEqual({
      ok: true,
      value: {
        clientId: ID,
        channel: 'qr',
        lang: 'vi',
        answers: [
          { questionKey: 'q1', score: 5, choice: null },
          { questionKey: 'q2', score: 4, choice: null },
        ],
        comment: null,
        procedureFieldId: null,
        phone: null,
      },
    });
  });

  it('keeps optional answers, the channel, the language and a normalised comment', () => {
    const r = parse({ q1: '2', q2: '3', q6: '1', q8: 'two', q9: 'no', q10: ['waiting', 'trips'], comment: '  Chờ   lâu\nquá ', procedure: '8', kenh: 'web', lang: 'en' });
    expect(r.ok && r.value).toMatchObject({
      channel: 'web',
      lang: 'en',
      comment: 'Chờ lâu quá',
      procedureFieldId: 8,
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q2', score: 3, choice: null },
        { questionKey: 'q6', score: 1, choice: null },
        { questionKey: 'q8', score: null, choice: 'two' },
        { questionKey: 'q9', score: null, choice: 'no' },
        { questionKey: 'q10', score: null, choice: 'waiting' },
        { questionKey: 'q10', score: null, choice: 'trips' },
      ],
    });
  });

  it('treats empty optional fields as unanswered', () => {
    const r = parse({ q1: '4', q2: '4', q3: '', procedure: '', comment: '', phone: '' });
    expect(r.ok && r.value.answers).toHaveLength(2);
    expect(r.ok && r.value.procedureFieldId).toBeNull();
  });

  it.each([
    ['3', true],
    ['4', false],
  ])('reasons with q2=%s are kept: %s', (q2, kept) => {
    const r = parse({ q1: '5', q2, q10: 'attitude' });
    expect(r.ok && r.value.answers.some((a) => a.questionKey === 'q10')).toBe(kept);
  });

  it('stores a phone number only with consent, normalised', () => {
    const r = parse({ q1: '1', q2: '1', phone: '0912 345.678', consent: 'yes' });
    expect(r.ok && r.value.phone).toBe('0912345678');
  });

  it.each(['0912345678', '+84912345678', '0243 826 1234'])('accepts the phone number %s', (phone) => {
    expect(parse({ q1: '1', q2: '1', phone, consent: 'yes' }).ok).toBe(true);
  });

  it('counts a 500-character Vietnamese comment as 500', () => {
    expect(parse({ q1: '5', q2: '5', comment: 'ệ'.repeat(500) }).ok).toBe(true);
  });
});

describe('parseSurveySubmission — field errors the citizen can fix', () => {
  it('reports every missing required answer at once', () => {
    const r = parse({});
    expect(r).toEqual({ ok: false, kind: 'fields', errors: { q1: { key: 'required_score' }, q2: { key: 'required_score' } } });
  });

  it.each([['0'], ['6'], ['4.5'], ['abc'], ['-1'], ['5 ']])('refuses the score %j', (score) => {
    const r = parse({ q1: score, q2: '5' });
    expect(!r.ok && r.kind === 'fields' && r.errors.q1).toEqual({ key: 'invalid_score' });
  });

  it('refuses unknown options', () => {
    const r = parse({ q1: '5', q2: '5', q8: 'four', q9: 'maybe', q10: ['waiting', 'bribe'] });
    expect(!r.ok && r.kind === 'fields' && r.errors).toEqual({ q8: { key: 'invalid_choice' }, q9: { key: 'invalid_choice' }, q10: { key: 'invalid_choice' } });
  });

  it('refuses a comment one character too long, saying how long it is', () => {
    const r = parse({ q1: '5', q2: '5', comment: 'a'.repeat(501) });
    expect(!r.ok && r.kind === 'fields' && r.errors.comment).toEqual({ key: 'comment_too_long', params: { max: 500, n: 501 } });
  });

  it('refuses a phone number without consent', () => {
    const r = parse({ q1: '5', q2: '5', phone: '0912345678' });
    expect(!r.ok && r.kind === 'fields' && r.errors).toEqual({ consent: { key: 'consent_missing' } });
  });

  it('refuses consent without a phone number', () => {
    const r = parse({ q1: '5', q2: '5', consent: 'yes' });
    expect(!r.ok && r.kind === 'fields' && r.errors).toEqual({ phone: { key: 'phone_missing' } });
  });

  it.each(['12345', '0112345678', '09123456789012', 'abc'])('refuses the phone number %s', (phone) => {
    const r = parse({ q1: '5', q2: '5', phone, consent: 'yes' });
    expect(!r.ok && r.kind === 'fields' && r.errors.phone).toEqual({ key: 'phone_invalid' });
  });

  it('refuses a procedure field the office does not offer', () => {
    const r = parse({ q1: '5', q2: '5', procedure: '99' });
    expect(!r.ok && r.kind === 'fields' && r.errors.procedure).toEqual({ key: 'invalid_procedure' });
  });
});

describe('parseSurveySubmission — malformed requests', () => {
  it.each([
    [{ q1: '5', q2: '5', q99: '5' }, 'unknown_field'],
    [{ q1: ['5', '4'], q2: '5' }, 'duplicate_field'],
    [{ q1: '5', q2: '5', q8: ['one', 'two'] }, 'duplicate_field'],
    [{ q1: '5', q2: '5', submissionId: 'not-a-uuid' }, 'invalid_form'],
    [{ q1: '5', q2: '5', kenh: 'kiosk' }, 'invalid_form'],
  ])('%j → %s', (fields, key) => {
    const r = parse(fields as Record<string, string | string[]>);
    expect(!r.ok && r.kind === 'malformed' && r.error.key).toBe(key);
  });

  it('refuses a form without a submission id', () => {
    const r = parseSurveySubmission(new Map([['q1', ['5']], ['q2', ['5']]]), ctx);
    expect(!r.ok && r.kind).toBe('malformed');
  });
});

describe('parseSurveySubmission — one schema per definition, the office\'s own procedure list', () => {
  it('checks the procedure field against the list given with each post', () => {
    const post = form({ q1: '5', q2: '5', procedure: '8' });
    expect(parseSurveySubmission(post, ctx).ok).toBe(true);
    const r = parseSurveySubmission(post, { ...ctx, procedureFieldIds: [9] });
    expect(!r.ok && r.kind === 'fields' && r.errors).toEqual({ procedure: { key: 'invalid_procedure' } });
    expect(parseSurveySubmission(post, ctx).ok).toBe(true);
  });

  it('lists the errors in the order of the form, the procedure field included', () => {
    const r = parse({ q2: '5', q8: 'four', comment: 'a'.repeat(501), procedure: '99', phone: '123', consent: 'yes' });
    expect(!r.ok && r.kind === 'fields' && Object.keys(r.errors)).toEqual(['q1', 'q8', 'comment', 'procedure', 'phone']);
  });

  it('asks for consent for a raw phone entry when only the procedure field is wrong', () => {
    const r = parse({ q1: '5', q2: '5', procedure: '99', phone: '-' });
    expect(!r.ok && r.kind === 'fields' && r.errors).toEqual({ procedure: { key: 'invalid_procedure' }, consent: { key: 'consent_missing' } });
  });

  it('applies each definition its own rules', () => {
    const short = { ...DEFAULT_QUESTION_SET, commentMaxLength: 10 };
    const post = form({ q1: '5', q2: '5', comment: 'a'.repeat(11) });
    expect(parseSurveySubmission(post, ctx).ok).toBe(true);
    const r = parseSurveySubmission(post, { definition: short, procedureFieldIds: [] });
    expect(!r.ok && r.kind === 'fields' && r.errors.comment).toEqual({ key: 'comment_too_long', params: { max: 10, n: 11 } });
    expect(parseSurveySubmission(post, ctx).ok).toBe(true);
  });
});
