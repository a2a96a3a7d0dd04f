import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/form-state';
import { DEFAULT_OPENING_HOURS, WEEKDAYS } from '@/lib/opening-hours';
import { openingHoursFormValues, SetOpeningHoursSchema } from './units';

/** A week closed every day but the given fields. */
function form(fields: Record<string, string>, mode = 'own') {
  const closed = Object.fromEntries(WEEKDAYS.map((d) => [`${d}Closed`, 'on']));
  return { unitId: '7', mode, ...closed, ...fields };
}
const open = (day: string) => ({ [`${day}Closed`]: '' });

describe('SetOpeningHoursSchema', () => {
  it('"inherit" stores null whatever the day fields say', () => {
    expect(SetOpeningHoursSchema.parse(form({ monAmFrom: 'x' }, 'inherit'))).toEqual({ unitId: 7, openingHours: null });
  });

  it('the default hours round-trip through the form', () => {
    expect(SetOpeningHoursSchema.parse({ unitId: '7', mode: 'own', ...openingHoursFormValues(DEFAULT_OPENING_HOURS) })).toEqual({
      unitId: 7,
      openingHours: DEFAULT_OPENING_HOURS,
    });
  });

  it.each([
    ['morning and afternoon', { ...open('mon'), monAmFrom: '07:00', monAmTo: '11:30', monPmFrom: '13:00', monPmTo: '17:00' }, ['07:00-11:30', '13:00-17:00']],
    ['afternoon only', { ...open('mon'), monPmFrom: '13:30', monPmTo: '16:00' }, ['13:30-16:00']],
    ['"closed" wins over times left in the fields', { monClosed: 'on', monAmFrom: '07:00', monAmTo: '11:00' }, []],
  ])('%s', (_name, fields, mon) => {
    const r = SetOpeningHoursSchema.parse(form(fields));
    expect(r.openingHours?.mon).toEqual(mon);
    expect(r.openingHours?.sun).toEqual([]);
  });

  it.each([
    ['a missing end', { ...open('mon'), monAmFrom: '07:00' }, { monAmTo: 'Thứ Hai, buổi sáng: nhập cả giờ bắt đầu và giờ kết thúc (hoặc để trống cả hai).' }],
    ['not a time', { ...open('tue'), tueAmFrom: '7h', tueAmTo: '11:00' }, { tueAmFrom: 'Thứ Ba, buổi sáng: giờ phải có dạng 07:30.' }],
    ['end before start', { ...open('wed'), wedAmFrom: '11:00', wedAmTo: '07:00' }, { wedAmTo: 'Thứ Tư, buổi sáng: giờ kết thúc phải sau giờ bắt đầu.' }],
    [
      'afternoon before the morning ends',
      { ...open('thu'), thuAmFrom: '07:00', thuAmTo: '12:00', thuPmFrom: '11:00', thuPmTo: '17:00' },
      { thuPmFrom: 'Thứ Năm, buổi chiều: phải bắt đầu sau khi buổi sáng kết thúc.' },
    ],
    ['open with no times', { ...open('fri') }, { friAmFrom: 'Thứ Sáu: nhập giờ buổi sáng hoặc buổi chiều, hoặc chọn “Nghỉ”.' }],
    [
      'every problem at once',
      { ...open('mon'), monAmFrom: '07:00', ...open('sat'), satPmFrom: '14:00', satPmTo: '13:00' },
      { monAmTo: expect.stringMatching(/^Thứ Hai/), satPmTo: expect.stringMatching(/^Thứ Bảy/) },
    ],
  ])('refuses %s with a Vietnamese message on the field', (_name, fields, errors) => {
    const r = SetOpeningHoursSchema.safeParse(form(fields));
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)).toEqual(errors);
  });

  it('refuses an unknown mode', () => {
    const r = SetOpeningHoursSchema.safeParse(form({}, 'sometimes'));
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)).toEqual({ mode: 'Vui lòng chọn theo đơn vị cấp trên hoặc giờ riêng.' });
  });
});
