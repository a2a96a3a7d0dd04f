'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/form-state';
import { GoodExamplePublishSchema, GoodExampleRefSchema, GoodExampleSchema, PublicationRefSchema, PublishQuarterSchema, PublishYearSchema } from '@/lib/validation/publishing';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { publishGoodExample, publishQuarter, publishYear, removeGoodExample, saveGoodExample, withdrawPublication, type Outcome } from '@/server/publishing';

function stateOf(outcome: Outcome, values?: Record<string, unknown>): FormState {
  if (outcome.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (outcome.status === 'refused') {
    const kept = values ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'on' : '') : String(v ?? '')])) : undefined;
    return { status: 'error', message: outcome.message, fieldErrors: outcome.field ? { [outcome.field]: outcome.message } : undefined, values: kept };
  }
  revalidatePath('/cong-bo');
  return { status: 'ok', message: outcome.message };
}

export const publishQuarterAction = authorizedAction('publishing.manage', PublishQuarterSchema, async ({ year, quarter }, viewer) =>
  stateOf(await publishQuarter({ viewer, year, quarter }), { year, quarter }),
);

export const publishYearAction = authorizedAction('publishing.manage', PublishYearSchema, async ({ periodId }, viewer) => stateOf(await publishYear({ viewer, periodId }), { periodId }));

/** The withdrawn row loses its form, and the outcome with it: it travels in the URL instead (the page says it). */
export const withdrawPublicationAction = authorizedAction('publishing.manage', PublicationRefSchema, async ({ publicationId }, viewer) => {
  const state = stateOf(await withdrawPublication({ viewer, publicationId }));
  if (state.status === 'ok') redirect('/cong-bo?da-thu-hoi=1#da-cong-bo');
  return state;
});

export const createGoodExampleAction = authorizedAction('publishing.manage', GoodExampleSchema, async (input, viewer) => stateOf(await saveGoodExample({ viewer, input }), input));

export const updateGoodExampleAction = authorizedAction('publishing.manage', GoodExampleSchema.extend(GoodExampleRefSchema.shape), async ({ exampleId, ...input }, viewer) =>
  stateOf(await saveGoodExample({ viewer, input, exampleId }), input),
);

export const publishGoodExampleAction = authorizedAction('publishing.manage', GoodExamplePublishSchema, async ({ exampleId, published }, viewer) =>
  stateOf(await publishGoodExample({ viewer, exampleId, published })),
);

export const deleteGoodExampleAction = authorizedAction('publishing.manage', GoodExampleRefSchema, async ({ exampleId }, viewer) => {
  const state = stateOf(await removeGoodExample({ viewer, exampleId }));
  if (state.status === 'ok') redirect('/cong-bo?da-xoa-vi-du=1#guong-dien-hinh');
  return state;
});
