import type { ServerResponse } from 'node:http';
import {
  getDossierByToken,
  getDossierRatingForChange,
  replaceRatingAnswers,
  setRatingContact,
  type DossierForRating,
  type DossierRating,
} from '@/db/queries/dossier-ratings';
import { getQuestionSetVersion } from '@/db/queries/question-sets';
import { isDossierRatedAlready, type CreateResponseResult } from '@/db/queries/responses';
import { addRollupIncrements, removeEmptyRollupRows } from '@/db/queries/rollups';
import { listProcedureFields } from '@/db/queries/units';
import { newCode } from '@/db/ids';
import { transaction } from '@/db/store';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { isGenuineDossierToken } from '@/lib/dossier-token';
import { dossierLinkState, ratingChangeableUntil, type DossierLinkState } from '@/lib/dossier-rating';
import { getEnv } from '@/lib/env';
import { lowRatingScore } from '@/lib/indicators/alerts';
import type { Message } from '@/lib/i18n/messages';
import { maskContactDetails } from '@/lib/privacy/mask';
import { deriveKey } from '@/lib/survey/form-token';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { raiseAlerts } from './alerts';
import { storeRating } from './ratings';
import { submitSurvey, type LoadedSurvey, type RatingStore, type SubmitOutcome } from './survey';

/**
 * A dossier's rating link, /h/<token> (docs/decisions/027): the light survey
 * of the dossier's office (and counter), stored with channel 'dossier' and
 * the dossier's id; one rating per dossier, which its citizen may change
 * within 7 days of giving it (lib/dossier-rating.ts).
 */

export type DossierLink =
  /** A token edited by hand, or one no dossier carries (or of a disabled office): 404. */
  | { kind: 'unknown' }
  /** Never rated, and past the link's life: 410, pointing to the office's ordinary survey. */
  | { kind: 'expired'; office: string; officeCode: string | null }
  | {
      kind: 'open';
      state: Exclude<DossierLinkState, 'expired'>;
      dossier: DossierForRating;
      survey: LoadedSurvey;
      /** The rating given, with the version it answered (to show its questions); null while not rated. */
      rating: (DossierRating & { definition: QuestionSetDefinition }) | null;
      /** Epoch ms until which the rating may be changed; null when not rated. */
      changeableUntil: number | null;
    };

const linkKey = () => deriveKey(getEnv().AUTH_SECRET, 'dossier-link');

export async function loadDossierLink(token: string, now = Date.now()): Promise<DossierLink> {
  // The tag is checked first: a hand-edited token never costs a query.
  if (!isGenuineDossierToken(linkKey(), token)) return { kind: 'unknown' };
  const dossier = await getDossierByToken({ token });
  if (!dossier || !dossier.unit.active) return { kind: 'unknown' };
  const state = dossierLinkState({ ...dossier, ratedAt: dossier.rating?.submittedAt ?? null }, now);
  // The counter's own survey when it still takes ratings, else the office's.
  const officeCode = dossier.counter?.active && dossier.counter.code ? dossier.counter.code : dossier.unit.code;
  if (state === 'expired') return { kind: 'expired', office: dossier.unit.name, officeCode };
  const version = dossier.activeVersionId === null ? null : await getQuestionSetVersion({ id: dossier.activeVersionId });
  if (!version) return { kind: 'unknown' };
  const ratedVersion = dossier.rating ? await getQuestionSetVersion({ id: dossier.rating.questionSetVersionId }) : null;
  let procedureFields: Promise<{ id: number; name: string }[]> | undefined;
  const survey: LoadedSurvey = {
    target: {
      code: officeCode ?? '',
      unit: {
        id: dossier.unit.id,
        name: dossier.unit.name,
        path: dossier.unit.path,
        questionSetId: dossier.unit.questionSetId,
        parentName: dossier.unit.parentName,
      },
      counter: dossier.counter ? { id: dossier.counter.id, name: dossier.counter.name } : null,
    },
    versionId: version.id,
    definition: version.definition,
    procedureFields: () => (procedureFields ??= listProcedureFields({ unitId: dossier.unit.id })),
  };
  return {
    kind: 'open',
    state,
    dossier,
    survey,
    rating: dossier.rating ? { ...dossier.rating, definition: (ratedVersion ?? version).definition } : null,
    changeableUntil: dossier.rating ? ratingChangeableUntil(dossier.rating.submittedAt) : null,
  };
}

type OpenLink = Extract<DossierLink, { kind: 'open' }>;

/**
 * The post of a dossier's form: the survey's checks (server/survey.ts), then
 * the first rating of the dossier, or the change of the rating given.
 */
export async function submitDossierRating(req: Parameters<typeof submitSurvey>[0], res: ServerResponse, link: OpenLink): Promise<SubmitOutcome> {
  const dossierId = link.dossier.id;
  const store: RatingStore = async (checked) => {
    // No device rule: one rating per dossier is the constraint, and a citizen with several dossiers
    // at one office may rate each from the same phone (docs/decisions/027). The network limits stay.
    const input = { ...checked, deviceHash: null };
    if (link.rating) return changeDossierRating({ ...input, dossierId });
    try {
      return await storeRating({ ...input, dossierId });
    } catch (error) {
      // Another post of the same link stored its first rating a moment ago: this one becomes its change.
      if (!isDossierRatedAlready(error)) throw error;
      return changeDossierRating({ ...input, dossierId });
    }
  };
  return submitSurvey(req, res, link.survey, { channel: 'dossier', store });
}

const CLOSED: { status: 'refused'; error: Message } = { status: 'refused', error: { key: 'dossier_change_closed' } };

/**
 * Changes a dossier's rating within 7 days of its first giving, in one
 * transaction: the old answers are taken off the rollups, replaced, and the
 * new ones added (the rating keeps its time, office, counter, official and
 * flags, so it stays in the same rows of every rollup); rows left at zero
 * are removed, so the rollups stay equal to a rebuild. A phone number left
 * with the change (with consent) replaces the one kept.
 */
export async function changeDossierRating(
  input: Parameters<typeof storeRating>[0] & { dossierId: number },
): Promise<CreateResponseResult | { status: 'refused'; error: Message }> {
  const now = input.receivedAt.getTime();
  return transaction(async (c) => {
    await c.lock(`dossier:${input.dossierId}`);
    const old = await getDossierRatingForChange({ dossierId: input.dossierId });
    if (!old || now >= ratingChangeableUntil(old.submittedAt)) return CLOSED;
    const comment = input.comment && maskContactDetails(input.comment);
    const lowScore = lowRatingScore(input.answers, old.excluded);
    const receiptCode = comment ? (old.receiptCode ?? newCode(RECEIPT_CODE_LENGTH)) : old.receiptCode;
    const common = {
      unitId: old.unitId,
      counterId: old.counterId,
      channel: 'dossier' as const,
      submittedAt: old.submittedAt,
      excluded: old.excluded,
      flags: old.flags,
      officialId: old.officialId,
    };
    await addRollupIncrements({ ...common, commented: old.comment !== null, answers: old.answers, sign: -1 });
    await replaceRatingAnswers({
      responseId: old.id,
      unitId: old.unitId,
      counterId: old.counterId,
      submittedAt: old.submittedAt,
      questionSetVersionId: input.questionSetVersionId,
      lang: input.lang,
      comment,
      receiptCode,
      procedureFieldId: input.procedureFieldId,
      answers: input.answers,
      lowScore,
    });
    if (input.contact) {
      await setRatingContact({
        responseId: old.id,
        phone: input.contact.phone,
        consentVersion: input.contact.consentVersion,
        consentedAt: now,
        purgeAfter: input.contact.purgeAfter.getTime(),
      });
    }
    await addRollupIncrements({ ...common, commented: comment !== null, answers: input.answers, sign: 1 });
    await removeEmptyRollupRows(common);
    // A rating changed to a low one counts for the office's alerts as if it had arrived so (at its
    // own time, as a kiosk's late batch does): it may start a burst or extend one.
    if (lowScore !== null) await raiseAlerts(old.unitId, old.submittedAt);
    return { status: 'created' as const, responseId: old.id, receiptCode, flags: old.flags };
  });
}
