import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { getQuestionSetVersion } from '@/db/queries/question-sets';
import { readSurveyTargetAndFacts, type CreateResponseResult } from '@/db/queries/responses';
import { getSurveyTargetAndVersionId, listProcedureFields, type SurveyTarget } from '@/db/queries/units';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { normalizeCode } from '@/lib/codes';
import { getEnv } from '@/lib/env';
import { toAppError } from '@/lib/errors';
import { lowRatingScore } from '@/lib/indicators/alerts';
import { pickLang, type Lang } from '@/lib/i18n';
import type { Message } from '@/lib/i18n/messages';
import { addMonths, CONSENT_VERSION } from '@/lib/survey/consent';
import { FORM_TOKEN_TTL_MS, signFormToken, verifyFormToken } from '@/lib/survey/form-token';
import { isSameOriginPost } from '@/lib/survey/origin';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { decodeUrlEncoded, MAX_FORM_BYTES } from '@/lib/validation/form-encoding';
import { parseSurveySubmission, type FieldErrors } from '@/lib/validation/survey-response';
import { clientAddressOf, networkHashOf } from './client-address';
import { factsWindows, storeRating, storeRatingOf, type FoundRating, type RatingInput } from './ratings';
import { hashSignal, readBody, readDeviceId, secretFor } from './http';
import { logger } from './log';

export type LoadedSurvey = {
  target: SurveyTarget;
  versionId: number;
  definition: QuestionSetDefinition;
  /** Read on first use only: a stored post and the thank-you page never need the list. */
  procedureFields(): Promise<{ id: number; name: string }[]>;
};

/**
 * The survey behind a QR code, or null for an unknown or disabled code.
 * One statement per request finds the code's office or counter and the id of
 * its active question-set version; the version itself is immutable and parsed once.
 */
export async function loadSurvey(rawCode: string): Promise<LoadedSurvey | null> {
  const code = normalizeCode(rawCode);
  if (!code) return null;
  const found = await getSurveyTargetAndVersionId({ code });
  return found && surveyOf(found.target, found.versionId);
}

/** A target's survey, by its question-set version (cached: versions are immutable); null when it has none. */
async function surveyOf(target: SurveyTarget, versionId: number | null): Promise<LoadedSurvey | null> {
  const version = versionId == null ? null : await getQuestionSetVersion({ id: versionId });
  if (!version) return null;
  let procedureFields: Promise<{ id: number; name: string }[]> | undefined;
  return {
    target,
    versionId: version.id,
    definition: version.definition,
    procedureFields: () => (procedureFields ??= listProcedureFields({ unitId: target.unit.id })),
  };
}

export const newSubmissionId = () => randomUUID();

/** The submission id a form carries and its signed token (lib/survey/form-token.ts). */
export type IssuedForm = { submissionId: string; formToken: string };

/**
 * Signs `submissionId` for the device the request carried (null: a browser
 * without a valid device cookie), valid for FORM_TOKEN_TTL_MS.
 */
export function issueForm(submissionId: string, deviceId: string | null, now = Date.now()): IssuedForm {
  return { submissionId, formToken: signFormToken({ id: submissionId, expiresAt: now + FORM_TOKEN_TTL_MS, deviceId }, secretFor('survey-form')) };
}

export type SubmitOutcome =
  /** `low`: an answer of 1–2, the same rule as the office head's low-rating alerts (lib/indicators/alerts.ts). */
  | { kind: 'stored'; receiptCode: string | null; lang: Lang; low: boolean }
  /** The client went away before sending its whole body: nobody is left to answer. */
  | { kind: 'aborted' }
  | {
      kind: 'invalid';
      status: 400 | 403 | 409 | 413 | 415 | 422 | 429 | 503;
      error: Message;
      fieldErrors: FieldErrors;
      values: Map<string, string[]>;
      /** The posted submission id is genuine and unstored: the form shown again keeps it, so resending stores one. */
      keepId: boolean;
      retryAfterS?: number;
    };

const refuse = (
  status: Extract<SubmitOutcome, { kind: 'invalid' }>['status'],
  error: Message,
  more: Partial<Omit<Extract<SubmitOutcome, { kind: 'invalid' }>, 'kind' | 'status' | 'error'>> = {},
): SubmitOutcome => ({ kind: 'invalid', status, error, fieldErrors: {}, values: new Map(), keepId: false, ...more });

/**
 * How a checked rating is stored: storeRating, or a dossier's link
 * (server/dossier-ratings.ts), which stores the first rating of a dossier or
 * changes it, and may refuse with a message (409).
 */
export type RatingStore = (
  input: Parameters<typeof storeRating>[0],
) => Promise<CreateResponseResult | { status: 'refused'; error: Message }>;

/**
 * Handles the plain form post of a survey already loaded (a dossier's link):
 * same-origin check → parse → signed form check → validate → one db call.
 * Nothing is stored unless every check passes; a busy database answers 503
 * with the answers kept. `options.channel` and `options.store`: a dossier's
 * link (channel 'dossier').
 */
export async function submitSurvey(
  req: IncomingMessage,
  res: ServerResponse,
  survey: LoadedSurvey,
  options: { channel?: 'dossier'; store?: RatingStore } = {},
): Promise<SubmitOutcome> {
  const checked = await checkPost(req);
  if (!checked.ok) return checked.outcome;
  const { post } = checked;
  const rating = await ratingOf(survey, post, signalsOf(req, post), options.channel);
  if (!rating.ok) return rating.outcome;
  try {
    return outcomeOf(await (options.store ?? storeRating)(rating.rating), survey, post, rating.rating);
  } catch (err) {
    return unavailable(err, survey, post);
  }
}

/**
 * The post of a QR code's survey (/s/<code>/gui): submitSurvey, with the
 * code's target read in the rating's transaction, in the statement that
 * reads the rating's facts (readSurveyTargetAndFacts) — one round trip
 * fewer on every rating than loading the survey first. Null for an unknown
 * or disabled code (404), else the survey, for the form shown again.
 */
export async function submitSurveyAt(req: IncomingMessage, res: ServerResponse, rawCode: string): Promise<{ survey: LoadedSurvey; outcome: SubmitOutcome } | null> {
  const code = normalizeCode(rawCode);
  if (!code) {
    req.resume();
    return null;
  }
  const checked = await checkPost(req);
  // Refused before any read (rare): the form is shown again for the survey, loaded now.
  if (!checked.ok) return withSurvey(await loadSurvey(code), checked.outcome);
  const { post } = checked;
  const signals = signalsOf(req, post);
  // Known once the transaction has read them.
  const seen: { survey: LoadedSurvey | null; rating: RatingInput | null } = { survey: null, rating: null };
  try {
    const result = await storeRatingOf(signals, async (): Promise<FoundRating<SubmitOutcome | null>> => {
      const found = await readSurveyTargetAndFacts({
        code,
        clientId: post.submissionId,
        ...signals,
        ...factsWindows({ receivedAt: post.now, rules: DEFAULT_ABUSE_RULES }),
        at: post.now.getTime(),
      });
      const survey = (seen.survey = found && (await surveyOf(found.target, found.versionId)));
      if (!found || !survey) return { answer: null };
      const rating = await ratingOf(survey, post, signals);
      if (!rating.ok) return { answer: rating.outcome };
      seen.rating = { ...rating.rating, officialId: found.officialId };
      return { rating: seen.rating, facts: found.facts };
    });
    const { survey, rating } = seen;
    if (result === null || !survey) return null;
    if ('kind' in result) return { survey, outcome: result };
    return { survey, outcome: outcomeOf(result, survey, post, rating!) };
  } catch (err) {
    const outcome = unavailable(err, seen.survey, post);
    return withSurvey(seen.survey ?? (await loadSurvey(code)), outcome);
  }
}

const withSurvey = (survey: LoadedSurvey | null, outcome: SubmitOutcome) => (survey ? { survey, outcome } : null);

/** A post that passed the checks before any read. */
type CheckedPost = { fields: Map<string, string[]>; submissionId: string; device: string | null; now: Date };

/** The checks that need no database: same origin, form type, size, encoding, and the form we signed. */
async function checkPost(req: IncomingMessage): Promise<{ ok: true; post: CheckedPost } | { ok: false; outcome: SubmitOutcome }> {
  const env = getEnv();
  const origin = { origin: one(req.headers.origin), secFetchSite: one(req.headers['sec-fetch-site']), host: one(req.headers.host) };
  if (!isSameOriginPost(origin, env.PUBLIC_BASE_URL)) {
    req.resume();
    return { ok: false, outcome: refuse(403, { key: 'cross_site' }) };
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    return { ok: false, outcome: refuse(415, { key: 'unsupported_type' }) };
  }
  const body = await readBody(req, MAX_FORM_BYTES);
  if (!body.ok) return { ok: false, outcome: body.error === 'aborted' ? { kind: 'aborted' } : refuse(413, { key: 'body_too_large' }) };
  const decoded = decodeUrlEncoded(body.body);
  if (!decoded.ok) return { ok: false, outcome: refuse(400, { key: decoded.error }) };

  const now = new Date();
  const device = readDeviceId(req);
  const submissionId = decoded.fields.get('submissionId')?.[0];
  const form = verifyFormToken({ id: submissionId, token: decoded.fields.get('formToken')?.[0], deviceId: device }, secretFor('survey-form'), now.getTime());
  // Not a form we issued to this browser, or one left open past a day: the answers come back with a fresh form.
  if (!form.ok || !submissionId) return { ok: false, outcome: refuse(400, { key: 'form_reload' }, { values: decoded.fields }) };
  return { ok: true, post: { fields: decoded.fields, submissionId, device, now } };
}

/** The device and network a post came from, as the abuse rules count them (hashed). */
function signalsOf(req: IncomingMessage, post: CheckedPost) {
  return {
    deviceHash: post.device ? hashSignal(getEnv().SIGNAL_SALT, 'device', post.device) : null,
    networkHash: networkHashOf(clientAddressOf(req)),
  };
}

/** The answers checked against the survey's question set: the rating to store, or the form's refusal. */
async function ratingOf(
  survey: LoadedSurvey,
  post: CheckedPost,
  signals: ReturnType<typeof signalsOf>,
  channel?: 'dossier',
): Promise<{ ok: true; rating: RatingInput } | { ok: false; outcome: SubmitOutcome }> {
  const { fields, now } = post;
  const parsed = parseSurveySubmission(fields, {
    definition: survey.definition,
    // The ids are only consulted for a non-empty `procedure` field; most posts have none.
    procedureFieldIds: fields.get('procedure')?.[0] ? (await survey.procedureFields()).map((f) => f.id) : [],
  });
  if (!parsed.ok) {
    return {
      ok: false,
      outcome:
        parsed.kind === 'malformed' ? refuse(400, parsed.error) : refuse(422, { key: 'fix_errors' }, { fieldErrors: parsed.errors, values: fields, keepId: true }),
    };
  }
  const s = parsed.value;
  return {
    ok: true,
    rating: {
      clientId: s.clientId,
      unitId: survey.target.unit.id,
      counterId: survey.target.counter?.id ?? null,
      questionSetVersionId: survey.versionId,
      channel: channel ?? s.channel,
      submittedAt: now,
      receivedAt: now,
      lang: s.lang,
      procedureFieldId: s.procedureFieldId,
      comment: s.comment,
      answers: s.answers,
      contact: s.phone ? { phone: s.phone, consentVersion: CONSENT_VERSION, purgeAfter: addMonths(now, getEnv().CONTACT_RETENTION_MONTHS) } : null,
      ...signals,
      rules: DEFAULT_ABUSE_RULES,
    },
  };
}

/** What storing answered, as the form's outcome; logged. */
function outcomeOf(result: Awaited<ReturnType<RatingStore>>, survey: LoadedSurvey, post: CheckedPost, rating: RatingInput): SubmitOutcome {
  logger().info(
    {
      unitId: survey.target.unit.id,
      counterId: survey.target.counter?.id ?? null,
      channel: rating.channel,
      outcome: result.status,
      reason: result.status === 'rejected' ? result.reason : undefined,
      flags: 'flags' in result ? result.flags : undefined,
      withComment: rating.comment !== null,
      withContact: rating.contact !== null,
    },
    'survey: rating',
  );
  const { fields } = post;
  if (result.status === 'refused') return refuse(409, result.error);
  if (result.status === 'rejected') {
    if (result.reason === 'used_elsewhere') return refuse(400, { key: 'form_reload' }, { values: fields });
    const key = result.reason === 'device_limit' ? 'rate_limited_device' : 'rate_limited_network';
    return refuse(429, { key }, { values: fields, keepId: true });
  }
  return { kind: 'stored', receiptCode: result.receiptCode, lang: pickLang(rating.lang), low: lowRatingScore(rating.answers, false) !== null };
}

/** The database busy past its timeout or unreachable: nothing was stored (one transaction), so the citizen can simply send again. */
function unavailable(err: unknown, survey: LoadedSurvey | null, post: CheckedPost): SubmitOutcome {
  const appError = toAppError(err);
  if (appError.code === 'internal') throw err;
  logger().error({ err, code: appError.code, unitId: survey?.target.unit.id }, 'survey: rating not stored, database unavailable');
  return refuse(503, { key: 'server_error' }, { values: post.fields, keepId: true, retryAfterS: appError.retryAfterS });
}

function one(v: string | string[] | undefined): string | null {
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

