import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { getQuestionSetVersion } from '@/db/queries/question-sets';
import { createResponse } from '@/db/queries/responses';
import { getSurveyTargetAndVersionId, listProcedureFields, type SurveyTarget } from '@/db/queries/units';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { normalizeCode } from '@/lib/codes';
import { getEnv } from '@/lib/env';
import type { Lang } from '@/lib/i18n';
import type { Message } from '@/lib/i18n/messages';
import { addMonths, CONSENT_VERSION } from '@/lib/survey/consent';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { decodeUrlEncoded, MAX_FORM_BYTES } from '@/lib/validation/form-encoding';
import { parseSurveySubmission, type FieldErrors } from '@/lib/validation/survey-response';
import { clientAddressOf, networkHashOf } from './client-address';
import { ensureDeviceId, hashSignal, readBody } from './http';

export type LoadedSurvey = {
  target: SurveyTarget;
  versionId: number;
  definition: QuestionSetDefinition;
  procedureFields: { id: number; name: string }[];
};

/**
 * The survey behind a QR code, or null for an unknown or disabled code.
 * One statement per request finds the code's office or counter and the id of
 * its active question-set version; the version itself is immutable and parsed once.
 */
export function loadSurvey(rawCode: string): LoadedSurvey | null {
  const code = normalizeCode(rawCode);
  if (!code) return null;
  const db = getDb();
  const found = getSurveyTargetAndVersionId(db, { code });
  if (!found) return null;
  const { target, versionId } = found;
  const version = versionId == null ? null : getQuestionSetVersion(db, { id: versionId });
  if (!version) return null;
  let procedureFields: LoadedSurvey['procedureFields'] | undefined;
  return {
    target,
    versionId: version.id,
    definition: version.definition,
    // Read on first use only: a stored post and the thank-you page never need the list.
    get procedureFields() {
      procedureFields ??= listProcedureFields(db, { unitId: target.unit.id });
      return procedureFields;
    },
  };
}

export const newSubmissionId = () => randomUUID();

export type SubmitOutcome =
  | { kind: 'stored'; receiptCode: string | null; lang: Lang }
  | { kind: 'invalid'; status: 400 | 413 | 415 | 422 | 429; error: Message; fieldErrors: FieldErrors; values: Map<string, string[]> };

/** Handles the plain form post of the survey: parse → validate → one db call. */
export async function submitSurvey(req: IncomingMessage & { cookies?: Partial<Record<string, string>> }, res: ServerResponse, survey: LoadedSurvey): Promise<SubmitOutcome> {
  const empty = new Map<string, string[]>();
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    return { kind: 'invalid', status: 415, error: { key: 'unsupported_type' }, fieldErrors: {}, values: empty };
  }
  const body = await readBody(req, MAX_FORM_BYTES);
  if (!body.ok) return { kind: 'invalid', status: 413, error: { key: 'body_too_large' }, fieldErrors: {}, values: empty };
  const decoded = decodeUrlEncoded(body.body);
  if (!decoded.ok) return { kind: 'invalid', status: 400, error: { key: decoded.error }, fieldErrors: {}, values: empty };

  const parsed = parseSurveySubmission(decoded.fields, {
    definition: survey.definition,
    // The ids are only consulted for a non-empty `procedure` field; most posts have none.
    procedureFieldIds: decoded.fields.get('procedure')?.[0] ? survey.procedureFields.map((f) => f.id) : [],
  });
  if (!parsed.ok) {
    return parsed.kind === 'malformed'
      ? { kind: 'invalid', status: 400, error: parsed.error, fieldErrors: {}, values: empty }
      : { kind: 'invalid', status: 422, error: { key: 'fix_errors' }, fieldErrors: parsed.errors, values: decoded.fields };
  }

  const env = getEnv();
  const s = parsed.value;
  const now = new Date();
  const device = ensureDeviceId(req, res);
  const result = createResponse(getDb(), {
    clientId: s.clientId,
    unitId: survey.target.unit.id,
    counterId: survey.target.counter?.id ?? null,
    questionSetVersionId: survey.versionId,
    channel: s.channel,
    submittedAt: now,
    receivedAt: now,
    lang: s.lang,
    procedureFieldId: s.procedureFieldId,
    comment: s.comment,
    answers: s.answers,
    contact: s.phone
      ? { phone: s.phone, consentVersion: CONSENT_VERSION, purgeAfter: addMonths(now, env.CONTACT_RETENTION_MONTHS) }
      : null,
    deviceHash: device ? hashSignal(env.SIGNAL_SALT, 'device', device) : null,
    networkHash: networkHashOf(clientAddressOf(req)),
    rules: DEFAULT_ABUSE_RULES,
  });
  if (result.status === 'rejected') {
    const key = result.reason === 'device_limit' ? 'rate_limited_device' : 'rate_limited_network';
    return { kind: 'invalid', status: 429, error: { key }, fieldErrors: {}, values: decoded.fields };
  }
  return { kind: 'stored', receiptCode: result.receiptCode, lang: s.lang };
}
