'use server';

import { revalidatePath } from 'next/cache';
import { formatMinute, localDayStart } from '@/lib/duty';
import { AddShiftSchema, AddTemplateSchema, RemoveShiftSchema, RemoveTemplateSchema } from '@/lib/validation/duty';
import { authorizedAction } from '@/server/actions';
import { addDutyShift, addDutyTemplate, removeDutyShift, removeDutyTemplate, type DutyResult } from '@/server/duty';

/**
 * The duty page's changes. No permission is named here: office heads hold
 * `duty.manage`, and an official's account may hold the head's delegation
 * for its office (server/duty.ts mayManageDuty checks both, per office).
 */

const moved = (n: number) => (n > 0 ? ` ${n.toLocaleString('vi-VN')} đánh giá đã được ghi nhận lại cho đúng cán bộ trực.` : '');

function outcome(result: DutyResult, ok: string) {
  if (!result.ok) return { status: 'error' as const, message: result.problems.join(' ') };
  revalidatePath('/lich-truc');
  return { status: 'ok' as const, message: ok + moved(result.reattributed) };
}

export const addTemplate = authorizedAction(null, AddTemplateSchema, async (input, viewer) => {
  const result = await addDutyTemplate({
    viewer,
    unitId: input.unitId,
    template: {
      counterId: input.counterId,
      officialId: input.officialId,
      weekday: input.weekday,
      startMinute: input.start,
      endMinute: input.end,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
    },
  });
  const state = outcome(result, 'Đã thêm ca trực vào lịch hằng tuần.');
  // A refused slot keeps what was typed, so it can be fixed.
  const values = { ...stringsOf(input), start: formatMinute(input.start), end: formatMinute(input.end), validTo: input.validTo ?? '' };
  return state.status === 'error' ? { ...state, values } : state;
});

export const removeTemplate = authorizedAction(null, RemoveTemplateSchema, async ({ unitId, templateId }, viewer) =>
  outcome(await removeDutyTemplate({ viewer, unitId, templateId }), 'Đã bỏ ca trực khỏi lịch hằng tuần từ ngày mai.'),
);

export const addShift = authorizedAction(null, AddShiftSchema, async (input, viewer) => {
  const dayStart = localDayStart(input.day);
  const result = await addDutyShift({
    viewer,
    unitId: input.unitId,
    shift: { counterId: input.counterId, officialId: input.officialId, startAt: dayStart + input.start * 60_000, endAt: dayStart + input.end * 60_000 },
    source: input.source,
  });
  const state = outcome(result, input.source === 'change' ? 'Đã ghi thay đổi trong ngày.' : 'Đã ghi điều chỉnh.');
  const values = { ...stringsOf(input), start: formatMinute(input.start), end: formatMinute(input.end) };
  return state.status === 'error' ? { ...state, values } : state;
});

export const removeShift = authorizedAction(null, RemoveShiftSchema, async ({ unitId, shiftId }, viewer) =>
  outcome(await removeDutyShift({ viewer, unitId, shiftId }), 'Đã xoá thay đổi.'),
);

function stringsOf(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v == null ? '' : String(v)]));
}
