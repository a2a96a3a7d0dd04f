import { z } from 'zod';
import { KIOSK_QUESTIONS_MAX, kioskScaleQuestions, QuestionSetDefinitionSchema, withKioskFlags, type Question, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { collapseSpaces } from '@/lib/text';

/**
 * The question-set editor (domain.md §4): texts in Vietnamese and English,
 * which optional questions the next version shows, and the comment length.
 * Saving always makes a new version; nothing here edits an old one.
 */

export const COMMENT_MAX_LIMIT = 2000;
export const TEXT_MAX = 300;
export const SHORT_MAX = 60;
export const SET_NAME_MAX = 100;

const Id = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number);

/** The form's fixed part; the per-question fields depend on the set and are checked by `parseQuestionSetEdit`. */
export const QuestionSetEditSchema = z
  .object({
    questionSetId: Id('Không tìm thấy bộ câu hỏi.'),
    baseVersion: Id('Không rõ phiên bản đang sửa; vui lòng tải lại trang.'),
  })
  .catchall(z.string());

export const CopyQuestionSetSchema = z.object({
  sourceId: Id('Vui lòng chọn bộ câu hỏi để sao chép.'),
  /** The unit that will own the copy, inside the administrator's subtree; absent or "" is their scope unit. */
  ownerUnitId: z
    .string()
    .trim()
    .regex(/^(?:|[1-9]\d{0,9})$/, 'Vui lòng chọn đơn vị trong danh sách.')
    .transform((v) => (v === '' ? null : Number(v)))
    .optional(),
  name: z
    .string()
    .transform(collapseSpaces)
    .pipe(z.string().min(1, 'Vui lòng đặt tên cho bộ câu hỏi mới.').max(SET_NAME_MAX, `Tên tối đa ${SET_NAME_MAX} ký tự.`)),
});

export const SetDefaultQuestionSetSchema = z.object({ questionSetId: Id('Không tìm thấy bộ câu hỏi.') });

/**
 * Which set a unit uses: one of the offered sets, or "" to inherit the set of
 * the unit above (then the default). Whether the set may be used there is the
 * server's check (lib/auth/question-set-scope.ts).
 */
export const AssignQuestionSetSchema = z.object({
  unitId: Id('Không tìm thấy đơn vị.'),
  questionSetId: z
    .string()
    .trim()
    .regex(/^(?:|[1-9]\d{0,9})$/, 'Vui lòng chọn một bộ câu hỏi trong danh sách.')
    .transform((v) => (v === '' ? null : Number(v))),
});

/** From a set's page: give the set to a unit picked in the tree (the unit's own choice; those below inherit it). */
export const AssignSetToUnitSchema = z.object({
  questionSetId: Id('Không tìm thấy bộ câu hỏi.'),
  unitId: z
    .string({ error: 'Vui lòng chọn đơn vị trong danh sách.' })
    .trim()
    .regex(/^[1-9]\d{0,9}$/, 'Vui lòng chọn đơn vị trong danh sách.')
    .transform(Number),
});

/** A question the editor lists, and whether the latest version shows it. */
export type EditableQuestion = { question: Question; inLatest: boolean };

/**
 * The latest version's questions, then those removed in earlier versions (in
 * their most recent wording), each placed after the question it followed,
 * so an administrator can bring a removed question back. `versions` is
 * oldest first.
 */
export function editableQuestions(versions: QuestionSetDefinition[]): EditableQuestion[] {
  const latest = versions.at(-1);
  if (!latest) return [];
  const list: EditableQuestion[] = latest.questions.map((question) => ({ question, inLatest: true }));
  for (const def of versions.slice(0, -1).reverse()) {
    def.questions.forEach((q, i) => {
      if (list.some((e) => e.question.key === q.key)) return;
      const before = def.questions
        .slice(0, i)
        .reverse()
        .map((p) => list.findIndex((e) => e.question.key === p.key))
        .find((at) => at >= 0);
      list.splice(before === undefined ? 0 : before + 1, 0, { question: q, inLatest: false });
    });
  }
  return list;
}

/** Required questions (Q1, Q2) are always in the set; the editor cannot hide them. */
export const canHide = (q: Question) => !q.required;

/** Form field names for one question. */
export const fieldName = {
  show: (key: string) => `${key}.show`,
  textVi: (key: string) => `${key}.vi`,
  textEn: (key: string) => `${key}.en`,
  shortVi: (key: string) => `${key}.short_vi`,
  shortEn: (key: string) => `${key}.short_en`,
  kiosk: (key: string) => `${key}.kiosk`,
  /** A choice option that signals an integrity problem (docs/decisions/028). */
  integrity: (key: string, value: string) => `${key}.integrity.${value}`,
};

/** The field error key of the kiosk questions as a whole (how many are ticked). */
export const KIOSK_FIELD = 'kioskQuestions';

/** The keys of the questions the latest version asks on the kiosk (its ticked "kiosk" boxes). */
export function defaultKioskKeys(catalog: EditableQuestion[]): string[] {
  const latest = catalog.filter((e) => e.inLatest).map((e) => e.question);
  return latest.length ? kioskScaleQuestions({ questions: latest, commentMaxLength: 0 }).map((q) => q.key) : [];
}

/** "q3" → "Q3", as the question is called in messages. */
export const questionLabel = (key: string) => key.toUpperCase();

function textField(label: string, lang: string, max: number) {
  return z
    .string({ error: `${label}: vui lòng nhập nội dung ${lang}.` })
    .transform(collapseSpaces)
    .pipe(z.string().min(1, `${label}: vui lòng nhập nội dung ${lang}.`).max(max, `${label}: nội dung ${lang} tối đa ${max} ký tự.`));
}

const CommentMax = z
  .string({ error: 'Vui lòng nhập độ dài tối đa của góp ý.' })
  .trim()
  .regex(/^\d{1,4}$/, `Độ dài tối đa của góp ý là một số nguyên từ 0 đến ${COMMENT_MAX_LIMIT}.`)
  .transform(Number)
  .pipe(z.number().max(COMMENT_MAX_LIMIT, `Độ dài tối đa của góp ý là một số nguyên từ 0 đến ${COMMENT_MAX_LIMIT}.`));

export type EditResult =
  | { ok: true; definition: QuestionSetDefinition }
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * Builds the next version's definition from the submitted form, reporting
 * every field error at once. Hidden questions keep their stored texts (they
 * are not in the new version anyway), so only shown ones are checked.
 */
export function parseQuestionSetEdit(values: Record<string, string | undefined>, catalog: EditableQuestion[]): EditResult {
  const shown = catalog.filter(({ question }) => !canHide(question) || values[fieldName.show(question.key)] === 'on');
  const shape: Record<string, z.ZodType<string>> = {};
  for (const { question: q } of shown) {
    const label = questionLabel(q.key);
    shape[fieldName.textVi(q.key)] = textField(label, 'tiếng Việt', TEXT_MAX);
    shape[fieldName.textEn(q.key)] = textField(label, 'tiếng Anh', TEXT_MAX);
    if (q.kind === 'scale5') {
      shape[fieldName.shortVi(q.key)] = textField(`${label} (tên ngắn)`, 'tiếng Việt', SHORT_MAX);
      shape[fieldName.shortEn(q.key)] = textField(`${label} (tên ngắn)`, 'tiếng Anh', SHORT_MAX);
    }
  }
  const parsed = z.object({ ...shape, commentMaxLength: CommentMax }).safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const v = parsed.data as Record<string, string> & { commentMaxLength: number };
  const kioskCount = shown.filter(({ question: q }) => q.kind === 'scale5' && values[fieldName.kiosk(q.key)] === 'on').length;
  if (kioskCount === 0 || kioskCount > KIOSK_QUESTIONS_MAX) {
    return {
      ok: false,
      fieldErrors: {
        [KIOSK_FIELD]:
          kioskCount === 0
            ? 'Vui lòng chọn ít nhất một câu hỏi thang 5 mức (đang được hỏi) để hỏi trên kiosk.'
            : `Kiosk hỏi tối đa ${KIOSK_QUESTIONS_MAX} câu để người dân đánh giá trong vài giây; vui lòng bỏ bớt.`,
      },
    };
  }
  const questions: Question[] = shown.map(({ question: q }) => {
    const text = { vi: v[fieldName.textVi(q.key)]!, en: v[fieldName.textEn(q.key)]! };
    return q.kind === 'scale5'
      ? { ...q, text, short: { vi: v[fieldName.shortVi(q.key)]!, en: v[fieldName.shortEn(q.key)]! }, kiosk: values[fieldName.kiosk(q.key)] === 'on' }
      : {
          ...q,
          text,
          options: q.options.map(({ integrity: _was, ...o }) => (values[fieldName.integrity(q.key, o.value)] === 'on' ? { ...o, integrity: true } : o)),
        };
  });
  const checked = QuestionSetDefinitionSchema.safeParse({ questions, commentMaxLength: v.commentMaxLength });
  if (!checked.success) return { ok: false, fieldErrors: { form: 'Bộ câu hỏi sau khi sửa không hợp lệ; vui lòng kiểm tra lại.' } };
  return { ok: true, definition: checked.data };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * True when two definitions say the same thing (key order aside, and a set
 * saved before kiosk flags existed read as the questions its kiosk asks):
 * saving it would make an empty version.
 */
export function sameDefinition(a: QuestionSetDefinition, b: QuestionSetDefinition): boolean {
  return JSON.stringify(canonical(withKioskFlags(a))) === JSON.stringify(canonical(withKioskFlags(b)));
}

/** The form's starting values for a catalog: texts, shown boxes, kiosk boxes, comment length. */
export function editFormValues(catalog: EditableQuestion[], commentMaxLength: number): Record<string, string> {
  const out: Record<string, string> = { commentMaxLength: String(commentMaxLength) };
  for (const key of defaultKioskKeys(catalog)) out[fieldName.kiosk(key)] = 'on';
  for (const { question: q, inLatest } of catalog) {
    out[fieldName.textVi(q.key)] = q.text.vi;
    out[fieldName.textEn(q.key)] = q.text.en;
    if (q.kind === 'scale5') {
      out[fieldName.shortVi(q.key)] = q.short.vi;
      out[fieldName.shortEn(q.key)] = q.short.en;
    } else {
      for (const o of q.options) if (o.integrity) out[fieldName.integrity(q.key, o.value)] = 'on';
    }
    if (inLatest) out[fieldName.show(q.key)] = 'on';
  }
  return out;
}
