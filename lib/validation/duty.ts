import { z } from 'zod';
import { dayInput } from '@/lib/day-input';
import { parseMinute } from '@/lib/duty';

/** The duty page's forms (app/(staff)/lich-truc): zod at the boundary, Vietnamese messages; lib/duty.ts validates the schedule itself. */

const id = (label: string) => z.coerce.number({ error: `Hãy chọn ${label}.` }).int({ error: `Hãy chọn ${label}.` }).positive({ error: `Hãy chọn ${label}.` });

const time = (label: string) =>
  z.string({ error: `${label} phải có dạng giờ:phút, ví dụ 07:30.` }).transform((s, ctx) => {
    const m = parseMinute(s);
    if (m !== null) return m;
    ctx.addIssue({ code: 'custom', message: `${label} phải có dạng giờ:phút từ 00:00 đến 24:00, ví dụ 07:30.` });
    return z.NEVER;
  });

const optionalDay = (label: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s && s.trim() ? s : undefined))
    .pipe(dayInput(label).optional());

export const AddTemplateSchema = z.object({
  unitId: id('cơ quan'),
  counterId: id('quầy'),
  officialId: id('cán bộ'),
  weekday: z.coerce.number({ error: 'Hãy chọn thứ trong tuần.' }).int().min(1, { error: 'Hãy chọn thứ trong tuần.' }).max(7, { error: 'Hãy chọn thứ trong tuần.' }),
  start: time('Giờ bắt đầu'),
  end: time('Giờ kết thúc'),
  validFrom: dayInput('Ngày bắt đầu áp dụng'),
  validTo: optionalDay('Ngày kết thúc áp dụng'),
});

export const RemoveTemplateSchema = z.object({ unitId: id('cơ quan'), templateId: id('ca trực') });

export const AddShiftSchema = z.object({
  unitId: id('cơ quan'),
  counterId: id('quầy'),
  /** Empty: nobody serves at the counter then. */
  officialId: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return null;
      const n = Number(s);
      if (Number.isSafeInteger(n) && n > 0) return n;
      ctx.addIssue({ code: 'custom', message: 'Hãy chọn cán bộ, hoặc “Không ai trực”.' });
      return z.NEVER;
    }),
  start: time('Giờ bắt đầu'),
  end: time('Giờ kết thúc'),
  day: dayInput('Ngày'),
  source: z.enum(['change', 'correction'], { error: 'Loại thay đổi không hợp lệ.' }),
});

export const RemoveShiftSchema = z.object({ unitId: id('cơ quan'), shiftId: id('thay đổi') });
