'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/form-state';
import { AnswerRecommendationSchema, RecordVisitSchema } from '@/lib/validation/supervision';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { answer, recordVisit, type Outcome } from '@/server/supervision';

function stateOf(outcome: Outcome, ok: string, values: Record<string, string>): FormState {
  if (outcome.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (outcome.status === 'refused') return { status: 'error', message: outcome.message, fieldErrors: outcome.field ? { [outcome.field]: outcome.message } : undefined, values };
  return { status: 'ok', message: ok };
}

const asValues = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : typeof v === 'boolean' ? (v ? 'on' : '') : String(v ?? '')]));

export const recordVisitAction = authorizedAction('supervision.record', RecordVisitSchema, async (input, viewer) => {
  const outcome = await recordVisit(viewer, input);
  if (outcome.status === 'ok') revalidatePath('/giam-sat');
  return stateOf(outcome, `Đã ghi kết quả giám sát${input.recommendations.length ? ` và ${input.recommendations.length} kiến nghị` : ''}.`, asValues(input));
});

export const answerRecommendationAction = authorizedAction('recommendations.answer', AnswerRecommendationSchema, async (input, viewer) => {
  const outcome = await answer(viewer, input);
  if (outcome.status === 'ok') revalidatePath('/giam-sat');
  return stateOf(outcome, input.done ? 'Đã trả lời và đánh dấu kiến nghị đã thực hiện xong.' : 'Đã gửi trả lời kiến nghị.', asValues(input));
});
