import { z } from 'zod';
import { pickLang, type Lang } from '@/lib/i18n';
import { MESSAGES, type Message, type MessageKey } from '@/lib/i18n/messages';
import { collapseSpaces } from '@/lib/text';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { LOW_SCORE_MAX } from '@/lib/survey/scale';

/** Form fields as posted: every name with all its values, in order. */
export type FormFields = Map<string, string[]>;

export type SubmittedAnswer = { questionKey: string; score: number | null; choice: string | null };

export type SurveySubmission = {
  clientId: string;
  channel: 'qr' | 'web';
  lang: Lang;
  answers: SubmittedAnswer[];
  comment: string | null;
  procedureFieldId: number | null;
  /** Present only with the consent box ticked (domain.md §7). */
  phone: string | null;
};

export type FieldErrors = Record<string, Message>;

export type SubmissionResult =
  | { ok: true; value: SurveySubmission }
  /** The citizen can fix these: the form is shown again with a message per field. */
  | { ok: false; kind: 'fields'; errors: FieldErrors }
  /** Not something our form sends: a tampered or broken request. */
  | { ok: false; kind: 'malformed'; error: Message };

/** Fields the survey form sends besides one per question. */
export const META_FIELDS = ['submissionId', 'formToken', 'kenh', 'lang', 'comment', 'procedure', 'wantContact', 'phone', 'consent'] as const;

/** Vietnamese mobile and landline numbers, national or +84 form, after removing spaces, dots and dashes. */
const PHONE = /^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$/;

const issue = (key: MessageKey, params?: Record<string, string | number>) => ({ code: 'custom' as const, message: key, params });

function scaleField(required: boolean) {
  return z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined || v === '') {
        if (required) ctx.addIssue(issue('required_score'));
      } else if (!/^[1-5]$/.test(v)) ctx.addIssue(issue('invalid_score'));
    })
    .transform((v) => (v ? Number(v) : null));
}

// Two values for a single-choice question never reach here: they are a malformed duplicate field.
function choiceField(options: string[]) {
  return z
    .array(z.string())
    .superRefine((vs, ctx) => {
      if (vs.some((v) => !options.includes(v))) ctx.addIssue(issue('invalid_choice'));
    })
    .transform((vs) => [...new Set(vs)]);
}

const MetaSchema = z.object({ submissionId: z.uuid(), kenh: z.enum(['qr', 'web']).default('qr') });

const commentField = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => collapseSpaces(v ?? ''))
    .superRefine((v, c) => {
      const n = [...v].length;
      if (n > max) c.addIssue(issue('comment_too_long', { max, n }));
    });

// Whether the office offers the field is checked outside the schema: the list is the office's, not the version's.
const ProcedureField = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null));

const PhoneField = z
  .string()
  .optional()
  .transform((v) => (v ?? '').replace(/[\s.\-()]/g, ''))
  .superRefine((v, c) => {
    if (v && !PHONE.test(v)) c.addIssue(issue('phone_invalid'));
  });

/** What checking a post needs from one question set version, built once per definition. */
type CompiledDefinition = {
  known: Set<string>;
  multi: Set<string>;
  choiceKeys: Set<string>;
  /** The schema's fields in form order, which is also the order of the field errors. */
  keys: string[];
  schema: z.ZodType<Record<string, unknown>>;
};

// Building zod schemas (and zod's compiled fast path) per request was a sixth of the server's CPU
// under load (bench/README.md). Definitions are immutable values, so their schema can be kept.
const compiled = new WeakMap<QuestionSetDefinition, CompiledDefinition>();

function compile(definition: QuestionSetDefinition): CompiledDefinition {
  let c = compiled.get(definition);
  if (c) return c;
  const shape: Record<string, z.ZodType> = {};
  for (const q of definition.questions) {
    shape[q.key] = q.kind === 'scale5' ? scaleField(q.required) : choiceField(q.options.map((o) => o.value));
  }
  shape.comment = commentField(definition.commentMaxLength);
  shape.procedure = ProcedureField;
  shape.phone = PhoneField;
  c = {
    known: new Set<string>([...META_FIELDS, ...definition.questions.map((q) => q.key)]),
    multi: new Set(definition.questions.filter((q) => q.kind === 'choice' && q.multiple).map((q) => q.key)),
    choiceKeys: new Set(definition.questions.filter((q) => q.kind === 'choice').map((q) => q.key)),
    keys: Object.keys(shape),
    schema: z.object(shape) as unknown as z.ZodType<Record<string, unknown>>,
  };
  compiled.set(definition, c);
  return c;
}

/**
 * Checks a posted survey against the question set version it answers.
 * Returns every field error at once, never only the first.
 */
export function parseSurveySubmission(
  fields: FormFields,
  ctx: { definition: QuestionSetDefinition; procedureFieldIds: readonly number[] },
): SubmissionResult {
  const { definition } = ctx;
  const { known, multi, choiceKeys, keys, schema } = compile(definition);

  for (const [name, values] of fields) {
    if (!known.has(name)) return { ok: false, kind: 'malformed', error: { key: 'unknown_field', params: { name: name.slice(0, 40) } } };
    if (values.length > 1 && !multi.has(name)) return { ok: false, kind: 'malformed', error: { key: 'duplicate_field', params: { name } } };
  }
  const one = (name: string) => fields.get(name)?.[0];

  const meta = MetaSchema.safeParse({ submissionId: one('submissionId'), kenh: one('kenh') || undefined });
  if (!meta.success) return { ok: false, kind: 'malformed', error: { key: 'invalid_form' } };

  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    raw[key] = choiceKeys.has(key) ? (fields.get(key) ?? []).filter(Boolean) : one(key);
  }
  const parsed = schema.safeParse(raw);
  const procedure = one('procedure');
  const procedureRefused = Boolean(procedure) && !ctx.procedureFieldIds.includes(Number(procedure));
  const valid = parsed.success && !procedureRefused;

  const found: FieldErrors = {};
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0]);
      const params = 'params' in i ? (i.params as Record<string, string | number> | undefined) : undefined;
      const key = (i.message in MESSAGES ? i.message : 'invalid_form') as MessageKey;
      found[field] ??= { key, params };
    }
  }
  if (procedureRefused) found.procedure = { key: 'invalid_procedure' };
  const errors: FieldErrors = {};
  for (const key of keys) if (found[key]) errors[key] = found[key];

  const consent = one('consent') === 'yes';
  const phone = valid ? (parsed.data.phone as string) : (one('phone') ?? '').trim();
  if (phone && !consent && !errors.phone) errors.consent = { key: 'consent_missing' };
  if (!phone && consent) errors.phone = { key: 'phone_missing' };

  if (!valid || Object.keys(errors).length) return { ok: false, kind: 'fields', errors };
  const data = parsed.data;

  const low = definition.questions.some((q) => q.kind === 'scale5' && q.required && (data[q.key] as number | null) !== null && (data[q.key] as number) <= LOW_SCORE_MAX);
  const answers: SubmittedAnswer[] = [];
  for (const q of definition.questions) {
    if (q.kind === 'scale5') {
      const score = data[q.key] as number | null;
      if (score !== null) answers.push({ questionKey: q.key, score, choice: null });
    } else if (!q.onlyWhenLow || low) {
      // Reasons picked before the citizen raised the score again are dropped, not refused.
      for (const choice of data[q.key] as string[]) answers.push({ questionKey: q.key, score: null, choice });
    }
  }

  return {
    ok: true,
    value: {
      clientId: meta.data.submissionId,
      channel: meta.data.kenh,
      lang: pickLang(one('lang')),
      answers,
      comment: (data.comment as string) || null,
      procedureFieldId: data.procedure as number | null,
      phone: phone || null,
    },
  };
}
