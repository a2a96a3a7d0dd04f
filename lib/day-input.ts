import { z } from 'zod';
import { parseDayInput, type DayKey } from '@/lib/indicators/periods';

export { parseDayInput };

/**
 * Days as Vietnamese officials type and read them: day/month/year
 * ("05/12/2026"). A browser's own date input shows month first when the
 * browser is set to English, so every date field is a text field in this
 * format (components/ui/date-input.tsx) and every parser of a typed day goes
 * through parseDayInput. "YYYY-MM-DD" is accepted too: links, bookmarks and
 * the URLs the app builds keep that form.
 */

/** What a date field's `pattern` allows (the server checks that the day exists). */
export const DAY_INPUT_PATTERN = String.raw`\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2})\s*`;

/** The format as the hint says it. */
export const DAY_INPUT_FORMAT = 'ngày/tháng/năm';

/** "2026-12-05" → "05/12/2026"; anything else is returned as it is (a refused value shown back to be fixed). */
export function formatDayInput(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** The message for a day that does not parse: what was typed, the format, an example. */
export function dayInputProblem(label: string, example: DayKey = '2026-12-05'): string {
  return `${label} phải là một ngày có thật, dạng ${DAY_INPUT_FORMAT} (ví dụ ${formatDayInput(example)}).`;
}

/** A form or URL field holding a typed day: trimmed, parsed, handed on as "YYYY-MM-DD". */
export const dayInput = (label: string, example?: DayKey) =>
  z
    .string({ error: dayInputProblem(label, example) })
    .transform((s, ctx): DayKey => {
      const day = parseDayInput(s);
      if (day) return day;
      ctx.addIssue({ code: 'custom', message: dayInputProblem(label, example) });
      return z.NEVER;
    });
