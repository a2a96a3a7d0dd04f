import { describe, expect, it } from 'vitest';
import { hasFollowUp, parseKioskConfig, parseServing } from './config';

const q1 = { key: 'q1', text: { vi: 'Thái độ…', en: 'Attitude…' }, short: { vi: 'Thái độ', en: 'Attitude' } };
const q2 = { key: 'q2', text: { vi: 'Nhìn chung…', en: 'Overall…' }, short: { vi: 'Hài lòng?', en: 'Satisfied?' } };
const good = {
  kiosk: { id: 3, name: 'Kiosk sảnh', officeName: 'Trung tâm', counterName: null, idleSeconds: 10, cooldownMs: 4000 },
  questionSetVersionId: 12,
  questions: [q1, q2],
  question: q2,
  reasons: { key: 'q10', text: { vi: 'Lý do', en: 'Reasons' }, options: [{ value: 'cho_lau', label: { vi: 'Phải chờ lâu', en: 'Long wait' } }] },
  commentMaxLength: 200,
  serving: null,
  serverTime: 1,
};

describe('parseKioskConfig', () => {
  it('accepts the protocol shape, leaving the one-question field aside', () => {
    const { question: _one, ...parsed } = good;
    expect(parseKioskConfig(good)).toEqual(parsed);
  });

  it('reads back the config it cached (which keeps only the list), unchanged', () => {
    const cached = JSON.parse(JSON.stringify(parseKioskConfig(good)));
    expect(parseKioskConfig(cached)).toEqual(cached);
  });

  it('reads a config cached by the one-question app as asking its one question, with no version', () => {
    const { questions: _q, questionSetVersionId: _v, ...old } = good;
    const { question: _one, ...parsed } = old;
    expect(parseKioskConfig(old)).toEqual({ ...parsed, questions: [q2], questionSetVersionId: null });
  });

  it.each([
    ['a version id that is not a positive integer', { ...good, questionSetVersionId: '12' }, null, ['q1', 'q2']],
    ['unusable questions in the list are left out', { ...good, questions: [q1, { key: 'q9' }, 5] }, 12, ['q1']],
    ['an empty list falls back to the one question', { ...good, questions: [] }, 12, ['q2']],
  ])('%s', (_name, raw, version, keys) => {
    const c = parseKioskConfig(raw);
    expect(c?.questionSetVersionId).toBe(version);
    expect(c?.questions.map((q) => q.key)).toEqual(keys);
  });

  it.each([
    ['null', null],
    ['no kiosk', { ...good, kiosk: undefined }],
    ['no question text', { ...good, question: { key: 'q2' }, questions: [{ key: 'q1' }] }],
    ['no question at all', { ...good, question: undefined, questions: [] }],
    ['a string', 'config'],
  ])('refuses %s', (_name, raw) => {
    expect(parseKioskConfig(raw)).toBeNull();
  });

  it.each([
    ['missing timings take the defaults', { ...good, kiosk: { id: 3, officeName: 'T' } }, { idleSeconds: 30, cooldownMs: 4000, counterName: null, name: '' }],
    ['zero timings take the defaults', { ...good, kiosk: { ...good.kiosk, idleSeconds: 0, cooldownMs: -1 } }, { idleSeconds: 30, cooldownMs: 4000 }],
  ])('%s', (_name, raw, want) => {
    expect(parseKioskConfig(raw)?.kiosk).toMatchObject(want);
  });

  it.each([
    ['no reasons', { ...good, reasons: null }, null],
    ['reasons without usable options', { ...good, reasons: { ...good.reasons, options: [{ value: 1 }] } }, null],
  ])('%s → reasons %j', (_name, raw, want) => {
    expect(parseKioskConfig(raw)?.reasons).toEqual(want);
  });
});

describe('hasFollowUp', () => {
  it.each([
    [good, true],
    [{ ...good, reasons: null }, true],
    [{ ...good, reasons: null, commentMaxLength: 0 }, false],
  ])('%#', (raw, want) => {
    expect(hasFollowUp(parseKioskConfig(raw)!)).toBe(want);
  });
});

describe('parseServing', () => {
  it.each([
    [null, null],
    [{}, null],
    [{ name: '' }, null],
    [{ name: 'Nguyễn Thị A', position: 'chuyên viên', photoUrl: '/anh-can-bo/4?v=2' }, { name: 'Nguyễn Thị A', position: 'chuyên viên', photoUrl: '/anh-can-bo/4?v=2' }],
    [{ name: 'Nguyễn Thị A' }, { name: 'Nguyễn Thị A', position: '', photoUrl: null }],
    // Only this server's photo path: a config can never make the tablet load another origin's image.
    [{ name: 'A', position: '', photoUrl: 'https://example.com/x.png' }, { name: 'A', position: '', photoUrl: null }],
  ])('%j → %j', (raw, want) => expect(parseServing(raw)).toEqual(want));
});
