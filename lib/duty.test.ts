import { describe, expect, it } from 'vitest';
import {
  doubleDutyIn,
  formatMinute,
  localDayStart,
  localTimeOf,
  officialOnDutyAt,
  parseMinute,
  resolveDuty,
  validateDutyChange,
  type DutyFacts,
  type DutyShift,
  type DutyTemplate,
} from './duty';

// 2026-12-07 is a Monday.
const MON = '2026-12-07';
const at = (day: string, hhmm: string) => localDayStart(day) + parseMinute(hhmm)! * 60_000;

describe('localTimeOf', () => {
  it.each([
    ['2026-12-06T16:59:59.999Z', { day: '2026-12-06', weekday: 7, minute: 1439 }],
    ['2026-12-06T17:00:00.000Z', { day: '2026-12-07', weekday: 1, minute: 0 }],
    ['2026-12-07T00:30:00.000Z', { day: '2026-12-07', weekday: 1, minute: 450 }],
    ['2026-12-13T10:00:00.000Z', { day: '2026-12-13', weekday: 7, minute: 1020 }],
  ])('%s → %j', (iso, want) => expect(localTimeOf(Date.parse(iso))).toEqual(want));

  it('local midnight is 17:00 UTC the day before', () => expect(new Date(localDayStart(MON)).toISOString()).toBe('2026-12-06T17:00:00.000Z'));
});

describe('minutes', () => {
  it.each([
    ['07:30', 450],
    ['7:30', 450],
    ['24:00', 1440],
    ['24:01', null],
    ['12:60', null],
    ['abc', null],
  ])('%s → %s', (text, want) => expect(parseMinute(text)).toBe(want));
  it('formats', () => expect([formatMinute(0), formatMinute(450), formatMinute(1440)]).toEqual(['00:00', '07:30', '24:00']));
});

const tpl = (o: Partial<DutyTemplate>): DutyTemplate => ({
  counterId: 1,
  officialId: 10,
  weekday: 1,
  startMinute: 450,
  endMinute: 690,
  validFrom: '2026-01-01',
  validTo: null,
  ...o,
});

describe('officialOnDutyAt', () => {
  const templates = [tpl({ id: 1 }), tpl({ id: 2, startMinute: 780, endMinute: 1020, officialId: 11 }), tpl({ id: 3, counterId: 2, officialId: 12 })];
  it.each([
    ['before the morning slot', at(MON, '07:29'), null],
    ['its first minute', at(MON, '07:30'), 10],
    ['its end is excluded', at(MON, '11:30'), null],
    ['the afternoon slot', at(MON, '13:00'), 11],
    ['another weekday', at('2026-12-08', '08:00'), null],
  ])('%s', (_, t, want) => expect(officialOnDutyAt(1, t, templates, [])).toBe(want));

  it('a shift wins over the template, even one with nobody', () => {
    const shifts: DutyShift[] = [
      { counterId: 1, officialId: 13, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') },
      { counterId: 1, officialId: null, startAt: at(MON, '09:00'), endAt: at(MON, '10:00') },
    ];
    expect(officialOnDutyAt(1, at(MON, '07:59'), templates, shifts)).toBe(10);
    expect(officialOnDutyAt(1, at(MON, '08:00'), templates, shifts)).toBe(13);
    expect(officialOnDutyAt(1, at(MON, '09:30'), templates, shifts)).toBe(null);
    expect(officialOnDutyAt(1, at(MON, '10:00'), templates, shifts)).toBe(10);
    expect(officialOnDutyAt(2, at(MON, '08:30'), templates, shifts)).toBe(12);
  });

  it('respects the validity days, inclusive', () => {
    const t = [tpl({ validFrom: MON, validTo: MON })];
    expect(officialOnDutyAt(1, at(MON, '08:00'), t, [])).toBe(10);
    expect(officialOnDutyAt(1, at('2026-11-30', '08:00'), t, [])).toBe(null);
    expect(officialOnDutyAt(1, at('2026-12-14', '08:00'), t, [])).toBe(null);
  });
});

describe('resolveDuty', () => {
  it('lays shifts over templates', () => {
    const shifts: DutyShift[] = [{ counterId: 1, officialId: 13, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') }];
    expect(resolveDuty(1, localDayStart(MON), localDayStart('2026-12-08'), [tpl({})], shifts)).toEqual([
      { counterId: 1, officialId: 10, startAt: at(MON, '07:30'), endAt: at(MON, '08:00') },
      { counterId: 1, officialId: 13, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') },
      { counterId: 1, officialId: 10, startAt: at(MON, '09:00'), endAt: at(MON, '11:30') },
    ]);
  });
});

describe('validateDutyChange', () => {
  const facts = (o: Partial<DutyFacts> = {}): DutyFacts => ({
    unitId: 5,
    officials: new Map([
      [10, { unitId: 5, active: true, fullName: 'Nguyễn Văn B' }],
      [11, { unitId: 5, active: true, fullName: 'Trần Thị C' }],
      [12, { unitId: 5, active: false, fullName: 'Lê Văn D' }],
      [20, { unitId: 6, active: true, fullName: 'Phạm E' }],
    ]),
    counters: new Map([
      [1, { unitId: 5, name: 'Quầy 1' }],
      [2, { unitId: 5, name: 'Quầy 2' }],
      [9, { unitId: 6, name: 'Quầy khác' }],
    ]),
    templates: [tpl({ id: 1 })],
    shifts: [],
    ...o,
  });
  const T = (o: Partial<DutyTemplate>) => ({ kind: 'template' as const, template: tpl(o) });
  const S = (o: Partial<DutyShift>) => ({ kind: 'shift' as const, shift: { counterId: 2, officialId: 11, startAt: at(MON, '08:00'), endAt: at(MON, '09:00'), ...o } });

  it.each([
    ['a free slot', T({ startMinute: 690, endMinute: 1020 }), null],
    ['another weekday', T({ weekday: 2 }), null],
    ['touching slots', T({ startMinute: 690, endMinute: 700, officialId: 11 }), null],
    ['overlapping slots of one counter', T({ startMinute: 600, endMinute: 800, officialId: 11 }), 'trùng giờ'],
    ['overlap, but validity ends before', T({ officialId: 11, validFrom: '2025-01-01', validTo: '2025-12-31' }), null],
    ['an official on two counters', T({ counterId: 2, startMinute: 600, endMinute: 800 }), 'hai quầy'],
    ['an inactive official', T({ counterId: 2, officialId: 12 }), 'ngừng hoạt động'],
    ['an official of another office', T({ counterId: 2, officialId: 20 }), 'không thuộc cơ quan'],
    ['a counter of another office', T({ counterId: 9, officialId: 11 }), 'không thuộc cơ quan'],
    ['start after end', T({ counterId: 2, startMinute: 800, endMinute: 700 }), 'trước giờ kết thúc'],
    ['start equals end', T({ counterId: 2, startMinute: 800, endMinute: 800 }), 'trước giờ kết thúc'],
    ['minutes past the day', T({ counterId: 2, startMinute: 800, endMinute: 1441 }), 'trong ngày'],
    ['negative minutes', T({ counterId: 2, startMinute: -1, endMinute: 100 }), 'trong ngày'],
    ['validity reversed', T({ counterId: 2, validFrom: '2026-12-10', validTo: '2026-12-01' }), 'ngày kết thúc'],
    ['a shift for a free official', S({}), null],
    ['a shift with nobody', S({ officialId: null }), null],
    ['a shift putting the templated official on another counter', S({ officialId: 10 }), 'hai quầy'],
    ['a shift outside the official’s template', S({ officialId: 10, startAt: at(MON, '12:00'), endAt: at(MON, '13:00') }), null],
    ['a shift with an inactive official', S({ officialId: 12 }), 'ngừng hoạt động'],
    ['a shift start after end', S({ startAt: at(MON, '09:00'), endAt: at(MON, '08:00') }), 'trước giờ kết thúc'],
  ])('%s', (_, change, want) => {
    const problems = validateDutyChange(change, facts());
    if (want === null) expect(problems).toEqual([]);
    else expect(problems.join(' ')).toContain(want);
  });

  it('an official moved away from their template counter by a shift may serve elsewhere then', () => {
    const f = facts({ shifts: [{ id: 1, counterId: 1, officialId: null, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') }] });
    expect(validateDutyChange(S({ officialId: 10 }), f)).toEqual([]);
  });

  it('two shifts of one counter may not overlap', () => {
    const f = facts({ shifts: [{ id: 1, counterId: 2, officialId: 11, startAt: at(MON, '08:30'), endAt: at(MON, '10:00') }] });
    expect(validateDutyChange(S({ officialId: null }), f).join(' ')).toContain('trùng giờ');
  });

  it('a template that would clash with a shift elsewhere is refused', () => {
    const f = facts({ templates: [], shifts: [{ id: 1, counterId: 2, officialId: 11, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') }] });
    expect(validateDutyChange(T({ officialId: 11, validFrom: MON }), f).join(' ')).toContain('hai quầy');
  });
});

describe('doubleDutyIn', () => {
  const counters = new Map([
    [1, { unitId: 5, name: 'Quầy 1' }],
    [2, { unitId: 5, name: 'Quầy 2' }],
  ]);
  const officials = new Map([[10, { unitId: 5, active: true, fullName: 'Nguyễn Văn B' }]]);
  const moved: DutyShift[] = [
    { counterId: 1, officialId: null, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') },
    { counterId: 2, officialId: 10, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') },
  ];
  it('finds none while the shifts move the official cleanly', () =>
    expect(doubleDutyIn(at(MON, '08:00'), at(MON, '09:00'), { templates: [tpl({})], shifts: moved, counters, officials })).toBeNull());
  it('finds the official back at their template counter while still at the other one', () =>
    expect(doubleDutyIn(at(MON, '08:00'), at(MON, '09:00'), { templates: [tpl({})], shifts: [moved[1]!], counters, officials })).toContain('Nguyễn Văn B sẽ trực cùng lúc ở'));
});
