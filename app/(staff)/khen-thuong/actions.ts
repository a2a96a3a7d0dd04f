'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/form-state';
import {
  AWARD_FIELD_PREFIX,
  CompileSchema,
  DecideSchema,
  FormSchema,
  NominateCollectiveSchema,
  NominateIndividualSchema,
  OpenRoundSchema,
  readRulesForm,
  ReviewSchema,
  RulesFormSchema,
} from '@/lib/validation/recognition';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import {
  addRecognitionForm,
  compileRound,
  editRecognitionForm,
  nominateCollective,
  nominateIndividual,
  openRound,
  recordDecision,
  reviewNomination,
  saveRoundRules,
  type Outcome,
} from '@/server/recognition';

function stateOf(outcome: Outcome, ok: string, values?: Record<string, unknown>): FormState {
  if (outcome.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (outcome.status === 'refused') {
    const kept = values ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : String(v ?? '')])) : undefined;
    return { status: 'error', message: outcome.message, fieldErrors: outcome.field ? { [outcome.field]: outcome.message } : undefined, values: kept };
  }
  return { status: 'ok', message: ok };
}

const roundPath = (roundId: number) => `/khen-thuong/${roundId}`;

export const openRoundAction = authorizedAction('recognition.manage', OpenRoundSchema, async ({ periodId }, viewer) => {
  const outcome = await openRound({ viewer, periodId });
  if (outcome.status !== 'ok') return stateOf(outcome, '');
  revalidatePath('/khen-thuong');
  redirect(roundPath(outcome.id!));
});

export const saveRulesAction = authorizedAction('recognition.manage', RulesFormSchema, async (values, viewer) => {
  const read = readRulesForm(values);
  if (!read.ok) return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: read.fieldErrors };
  const outcome = await saveRoundRules({ viewer, roundId: values.roundId, rules: read.rules });
  // Only a change refreshes the page: a refusal stays beside the form that sent it.
  if (outcome.status === 'ok') revalidatePath(roundPath(values.roundId));
  return stateOf(outcome, 'Đã lưu tiêu chuẩn khen thưởng.');
});

export const nominateAction = authorizedAction('recognition.nominate', NominateIndividualSchema, async (input, viewer) => {
  const outcome = await nominateIndividual({ viewer, ...input });
  if (outcome.status === 'ok') revalidatePath(roundPath(input.roundId));
  return stateOf(outcome, 'Đã gửi đề nghị khen thưởng cá nhân.', input);
});

export const nominateCollectiveAction = authorizedAction('recognition.manage', NominateCollectiveSchema, async (input, viewer) => {
  const outcome = await nominateCollective({ viewer, ...input });
  if (outcome.status === 'ok') revalidatePath(roundPath(input.roundId));
  return stateOf(outcome, 'Đã thêm đơn vị vào danh sách đề nghị khen thưởng tập thể.', input);
});

export const reviewAction = authorizedAction('recognition.manage', ReviewSchema, async (input, viewer) => {
  const outcome = await reviewNomination({ viewer, ...input });
  if (outcome.status === 'ok') revalidatePath('/khen-thuong', 'layout');
  return stateOf(outcome, input.verdict === 'accepted' ? 'Đã đồng ý đề nghị.' : 'Đã ghi không đồng ý đề nghị.', input);
});

export const compileAction = authorizedAction('recognition.manage', CompileSchema, async (input, viewer) => {
  const outcome = await compileRound({ viewer, ...input });
  if (outcome.status !== 'ok') return stateOf(outcome, '', input);
  revalidatePath(roundPath(input.roundId));
  // The compile form disappears with the open round, so the page it lands on says it.
  redirect(`${roundPath(input.roundId)}?lap-to-trinh=1`);
});

export const decideAction = authorizedAction('recognition.manage', DecideSchema, async (input, viewer) => {
  const awards = new Map<number, number>();
  for (const [k, v] of Object.entries(input)) {
    if (!k.startsWith(AWARD_FIELD_PREFIX)) continue;
    const nominationId = Number(k.slice(AWARD_FIELD_PREFIX.length));
    const formId = Number(v);
    if (!Number.isSafeInteger(nominationId) || !Number.isSafeInteger(formId) || formId <= 0) return { status: 'error', message: 'Hình thức khen thưởng không hợp lệ.' };
    awards.set(nominationId, formId);
  }
  const outcome = await recordDecision({ viewer, roundId: input.roundId, decisionNumber: input.decisionNumber, decisionDate: input.decisionDate, awards });
  if (outcome.status !== 'ok') return stateOf(outcome, '', input);
  revalidatePath(roundPath(input.roundId));
  redirect(`${roundPath(input.roundId)}?quyet-dinh=1`);
});

export const addFormAction = authorizedAction('recognition.manage', FormSchema, async ({ name, kind }, viewer) => {
  const outcome = await addRecognitionForm({ viewer, name, kind });
  if (outcome.status === 'ok') revalidatePath('/khen-thuong');
  return stateOf(outcome, `Đã thêm hình thức “${name}”.`, { name, kind });
});

export const editFormAction = authorizedAction('recognition.manage', FormSchema, async ({ formId, name, kind, active }, viewer) => {
  const id = Number(formId);
  if (!Number.isSafeInteger(id) || id <= 0) return { status: 'error', message: NOT_FOUND_MESSAGE };
  const outcome = await editRecognitionForm({ viewer, formId: id, name, kind, active: active === 'on' });
  if (outcome.status === 'ok') revalidatePath('/khen-thuong');
  return stateOf(outcome, `Đã lưu hình thức “${name}”.`);
});
