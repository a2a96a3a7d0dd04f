import { describe, expect, it } from 'vitest';
import { DAY_INPUT_PATTERN, dayInput, formatDayInput, parseDayInput } from './day-input';

describe('parseDayInput', () => {
  it.each<[string, string | null]>([
    ['05/12/2026', '2026-12-05'],
    ['5/12/2026', '2026-12-05'],
    [' 05/12/2026 ', '2026-12-05'],
    ['5-1-2026', '2026-01-05'],
    ['05.12.2026', '2026-12-05'],
    ['2026-12-05', '2026-12-05'],
    ['29/02/2028', '2028-02-29'],
    ['29/02/2026', null],
    ['31/04/2026', null],
    // Month first (what an English browser's picker shows) is not a day here: 12/31 has no 31st month.
    ['12/31/2026', null],
    ['00/12/2026', null],
    ['05/12/26', null],
    ['01/01/1999', null],
    ['2026-2-5', null],
    ['', null],
    ['hôm nay', null],
  ])('%j → %s', (text, want) => {
    expect(parseDayInput(text)).toBe(want);
  });
});

describe('formatDayInput', () => {
  it.each<[string | null | undefined, string]>([
    ['2026-12-05', '05/12/2026'],
    ['2026-01-31', '31/01/2026'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    ['31/02/2026', '31/02/2026'],
  ])('%j → %j', (value, want) => {
    expect(formatDayInput(value)).toBe(want);
  });

  it('reads back what it writes', () => {
    for (const day of ['2026-01-01', '2026-12-31', '2028-02-29']) expect(parseDayInput(formatDayInput(day))).toBe(day);
  });
});

describe('DAY_INPUT_PATTERN (the browser hint; the server decides)', () => {
  const whole = new RegExp(`^(?:${DAY_INPUT_PATTERN})$`, 'v');
  it.each<[string, boolean]>([
    ['05/12/2026', true],
    ['5/1/2026', true],
    ['2026-12-05', true],
    ['12/2026', false],
    ['05/12/26', false],
  ])('%j → %s', (text, want) => {
    expect(whole.test(text)).toBe(want);
  });
});

describe('dayInput', () => {
  it('hands on the day as YYYY-MM-DD, or a Vietnamese message', () => {
    const schema = dayInput('Hạn tự đánh giá');
    expect(schema.parse('15/12/2026')).toBe('2026-12-15');
    const bad = schema.safeParse('31/02/2026');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('Hạn tự đánh giá phải là một ngày có thật, dạng ngày/tháng/năm (ví dụ 05/12/2026).');
  });
});
