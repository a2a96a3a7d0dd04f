import { describe, expect, it } from 'vitest';
import { checkApiDossier, checkDossierCode, checkOfficeCode, dossierTimeProblems, parseApiTime, parseCsvTime, parseDossierCodeParam } from './dossier';

const NOW = new Date('2026-12-05T03:00:00Z'); // 10:00 in Việt Nam
const body = (over: Record<string, unknown> = {}) => ({
  code: '000.00.12.H56-241205-0001',
  officeCode: 'tthc22',
  procedure: '  Đăng ký   khai sinh ',
  receivedAt: '2026-12-05T08:30:00+07:00',
  dueAt: '2026-12-10T17:00:00+07:00',
  returnedAt: null,
  ...over,
});

describe('checkDossierCode', () => {
  it.each([
    ['000.00.12.H56-241205-0001', '000.00.12.H56-241205-0001'],
    [' h56-0001 ', 'H56-0001'],
    ['A', 'A'],
    ['X'.repeat(64), 'X'.repeat(64)],
  ])('%j → %j', (raw, want) => expect(checkDossierCode(raw)).toEqual({ ok: true, code: want }));

  it.each([
    ['', /Thiếu mã hồ sơ/],
    [null, /Thiếu mã hồ sơ/],
    ['X'.repeat(65), /dài 65 ký tự, quá 64/],
    ['H56/0001', /chỉ gồm chữ cái/],
    ['-H56', /chỉ gồm chữ cái/],
    ['HỒ-SƠ-1', /chỉ gồm chữ cái/],
    ['H56 0001', /chỉ gồm chữ cái/],
  ])('%j is refused', (raw, message) => {
    const r = checkDossierCode(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

it('checkOfficeCode takes a survey code in any case, nothing else', () => {
  expect(checkOfficeCode(' tthc22 ')).toEqual({ ok: true, code: 'TTHC22' });
  expect(checkOfficeCode('TTHC-22').ok).toBe(false);
  expect(checkOfficeCode(undefined).ok).toBe(false);
});

describe('parseApiTime', () => {
  it.each([
    ['2026-12-05T08:30:00+07:00', '2026-12-05T01:30:00.000Z'],
    ['2026-12-05T01:30:00Z', '2026-12-05T01:30:00.000Z'],
    ['2026-12-05T01:30Z', '2026-12-05T01:30:00.000Z'],
    ['2026-12-05T01:30:00.123Z', '2026-12-05T01:30:00.123Z'],
  ])('%s → %s', (raw, want) => expect(parseApiTime(raw)?.toISOString()).toBe(want));

  it.each(['2026-12-05', '2026-12-05T08:30:00', '05/12/2026', '2026-02-30T08:00:00+07:00', '2026-12-05T24:00:00Z', '1999-12-31T23:00:00Z', 'hôm nay'])('%s → null', (raw) =>
    expect(parseApiTime(raw)).toBeNull(),
  );
});

describe('parseCsvTime (Việt Nam time)', () => {
  it.each([
    ['05/12/2026', {}, '2026-12-04T17:00:00.000Z'],
    ['5/12/2026 08:30', {}, '2026-12-05T01:30:00.000Z'],
    ['05-12-2026 8:05:09', {}, '2026-12-05T01:05:09.000Z'],
    ['10/12/2026', { endOfDay: true }, '2026-12-10T16:59:59.999Z'],
    ['2026-12-05', {}, '2026-12-04T17:00:00.000Z'],
    ['2026-12-05T08:30:00+07:00', {}, '2026-12-05T01:30:00.000Z'],
  ])('%s %j → %s', (raw, opts, want) => expect(parseCsvTime(raw, opts)?.toISOString()).toBe(want));

  it.each(['31/02/2026', '05/12/2026 25:00', '12/2026', 'x'])('%s → null', (raw) => expect(parseCsvTime(raw)).toBeNull());
});

describe('dossierTimeProblems', () => {
  const t = (iso: string) => new Date(iso);
  it.each([
    [{ receivedAt: t('2026-12-05T01:00:00Z'), dueAt: null, returnedAt: null }, []],
    [{ receivedAt: t('2026-12-05T01:00:00Z'), dueAt: t('2026-12-05T01:00:00Z'), returnedAt: t('2026-12-05T01:00:00Z') }, []],
    [{ receivedAt: t('2026-12-05T01:00:00Z'), dueAt: t('2026-12-04T01:00:00Z'), returnedAt: null }, ['dueAt']],
    [{ receivedAt: t('2026-12-05T01:00:00Z'), dueAt: null, returnedAt: t('2026-12-04T23:00:00Z') }, ['returnedAt']],
    // A clock a few minutes ahead is tolerated; an hour is not.
    [{ receivedAt: t('2026-12-05T03:04:00Z'), dueAt: null, returnedAt: null }, []],
    [{ receivedAt: t('2026-12-05T04:00:00Z'), dueAt: null, returnedAt: null }, ['receivedAt']],
    [{ receivedAt: t('2026-12-05T01:00:00Z'), dueAt: null, returnedAt: t('2026-12-06T01:00:00Z') }, ['returnedAt']],
  ])('%j → %j', (times, fields) => expect(dossierTimeProblems(times, NOW).map((p) => p.field)).toEqual(fields));
});

describe('checkApiDossier', () => {
  it('normalises a good dossier', () => {
    expect(checkApiDossier(body(), NOW)).toEqual({
      ok: true,
      dossier: {
        code: '000.00.12.H56-241205-0001',
        officeCode: 'TTHC22',
        procedure: 'Đăng ký khai sinh',
        receivedAt: new Date('2026-12-05T01:30:00Z'),
        dueAt: new Date('2026-12-10T10:00:00Z'),
        returnedAt: null,
      },
    });
  });

  it('reports every problem at once, by field', () => {
    const r = checkApiDossier(body({ code: 'X'.repeat(65), officeCode: '', receivedAt: '2026-12-05T08:30:00+07:00', dueAt: '2026-12-01T08:00:00+07:00', procedure: 12 }), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(['code', 'officeCode', 'procedure', 'dueAt']);
  });

  it.each([
    [[], null],
    ['text', null],
    [{ code: 'A', officeCode: 'TTHC22', receivedAt: 1733363400000 }, 'receivedAt'],
    [{ code: 'A', officeCode: 'TTHC22' }, 'receivedAt'],
  ])('%j is refused (%s)', (input, field) => {
    const r = checkApiDossier(input, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.field).toBe(field);
  });
});

it('parseDossierCodeParam decodes a path segment and checks it', () => {
  expect(parseDossierCodeParam('000.00.12.h56-241205-0001')).toBe('000.00.12.H56-241205-0001');
  expect(parseDossierCodeParam('%E0%A4%A')).toBeNull();
  expect(parseDossierCodeParam('a%2Fb')).toBeNull();
});
