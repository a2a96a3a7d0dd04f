import { z } from 'zod';

/**
 * A question set version is data (domain.md §4): stored as JSON on the version
 * row, validated by this schema whenever it is read or written.
 */
const Text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const Key = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);

/** A kiosk rating must take a few seconds (domain.md §4): at most this many smiley screens. */
export const KIOSK_QUESTIONS_MAX = 3;

const ScaleQuestion = z.object({
  key: Key,
  kind: z.literal('scale5'),
  required: z.boolean(),
  /** The indicator aspect this question feeds (domain.md §5). */
  aspect: z.enum(['attitude', 'guidance', 'waiting', 'facilities', 'overall']),
  text: Text,
  short: Text,
  /**
   * Asked on the kiosk, one big smiley screen per question in set order. A
   * set whose questions all leave it out (sets saved before the kiosk's
   * questions were part of the set) asks its required scale questions.
   */
  kiosk: z.boolean().optional(),
});

const ChoiceQuestion = z.object({
  key: Key,
  kind: z.literal('choice'),
  required: z.literal(false),
  multiple: z.boolean(),
  /** Shown (and accepted) only when a required scale answer is at or below LOW_SCORE_MAX. */
  onlyWhenLow: z.boolean().default(false),
  text: Text,
  options: z
    .array(
      z.object({
        value: Key,
        label: Text,
        /**
         * Choosing this option signals harassment, or money or papers asked
         * beyond the rules: the rating raises an integrity report
         * (docs/decisions/028). Left out when false.
         */
        integrity: z.boolean().optional(),
      }),
    )
    .min(2),
});

export const QuestionSchema = z.discriminatedUnion('kind', [ScaleQuestion, ChoiceQuestion]);
export type Question = z.infer<typeof QuestionSchema>;
export type ScaleQuestion = z.infer<typeof ScaleQuestion>;
export type ChoiceQuestion = z.infer<typeof ChoiceQuestion>;

export const QuestionSetDefinitionSchema = z
  .object({
    questions: z.array(QuestionSchema).min(1),
    commentMaxLength: z.number().int().min(0).max(2000),
  })
  .refine((d) => new Set(d.questions.map((q) => q.key)).size === d.questions.length, 'Mã câu hỏi bị trùng')
  .refine((d) => d.questions.some((q) => q.kind === 'scale5' && q.required), 'Cần ít nhất một câu hỏi bắt buộc')
  .refine((d) => d.questions.filter((q) => q.kind === 'scale5' && q.kiosk).length <= KIOSK_QUESTIONS_MAX, `Kiosk hỏi tối đa ${KIOSK_QUESTIONS_MAX} câu`);
export type QuestionSetDefinition = z.infer<typeof QuestionSetDefinitionSchema>;

/** The default set of domain.md §4 (Q11 comment and Q12 procedure field are built into the form). */
export const DEFAULT_QUESTION_SET: QuestionSetDefinition = {
  commentMaxLength: 500,
  questions: [
    {
      key: 'q1', kind: 'scale5', required: true, aspect: 'attitude', kiosk: true,
      text: {
        vi: 'Ông/Bà đánh giá thế nào về thái độ phục vụ của cán bộ, công chức tiếp nhận hồ sơ?',
        en: 'How would you rate the attitude of the official who received your dossier?',
      },
      short: { vi: 'Thái độ phục vụ', en: 'Attitude' },
    },
    {
      key: 'q2', kind: 'scale5', required: true, aspect: 'overall', kiosk: true,
      text: {
        vi: 'Nhìn chung, Ông/Bà hài lòng như thế nào với việc giải quyết công việc hôm nay?',
        en: 'Overall, how satisfied are you with how your business was handled today?',
      },
      short: { vi: 'Hài lòng chung', en: 'Overall' },
    },
    {
      key: 'q3', kind: 'scale5', required: false, aspect: 'attitude',
      text: {
        vi: 'Công chức có thái độ giao tiếp lịch sự, tôn trọng đối với người dân.',
        en: 'The official was polite and respectful.',
      },
      short: { vi: 'Lịch sự, tôn trọng', en: 'Polite and respectful' },
    },
    {
      key: 'q4', kind: 'scale5', required: false, aspect: 'guidance',
      text: {
        vi: 'Công chức hướng dẫn hồ sơ dễ hiểu, đảm bảo người dân có thể hoàn thiện hồ sơ sau một lần hướng dẫn.',
        en: 'The guidance was clear enough to complete the dossier in one go.',
      },
      short: { vi: 'Hướng dẫn dễ hiểu', en: 'Clear guidance' },
    },
    {
      key: 'q5', kind: 'scale5', required: false, aspect: 'guidance',
      text: {
        vi: 'Công chức trả lời kịp thời, đầy đủ các câu hỏi, ý kiến của người dân.',
        en: 'Questions were answered promptly and fully.',
      },
      short: { vi: 'Trả lời kịp thời', en: 'Prompt answers' },
    },
    {
      key: 'q6', kind: 'scale5', required: false, aspect: 'waiting',
      text: { vi: 'Thời gian chờ đợi để được tiếp nhận hồ sơ là hợp lý.', en: 'The waiting time was reasonable.' },
      short: { vi: 'Thời gian chờ', en: 'Waiting time' },
    },
    {
      key: 'q7', kind: 'scale5', required: false, aspect: 'facilities',
      text: {
        vi: 'Nơi tiếp nhận có biển hiệu rõ ràng, đủ chỗ ngồi, trang thiết bị tốt.',
        en: 'Clear signs, enough seats and good equipment.',
      },
      short: { vi: 'Cơ sở vật chất', en: 'Facilities' },
    },
    {
      key: 'q8', kind: 'choice', required: false, multiple: false, onlyWhenLow: false,
      text: { vi: 'Để hoàn thiện hồ sơ, Ông/Bà đã phải đi lại mấy lần?', en: 'How many trips did you need to complete the dossier?' },
      options: [
        { value: 'one', label: { vi: '1 lần', en: 'Once' } },
        { value: 'two', label: { vi: '2 lần', en: 'Twice' } },
        { value: 'three_plus', label: { vi: '3 lần trở lên', en: '3 times or more' } },
      ],
    },
    {
      key: 'q9', kind: 'choice', required: false, multiple: false, onlyWhenLow: false,
      text: {
        vi: 'Ông/Bà có bị gây phiền hà, sách nhiễu hoặc yêu cầu giấy tờ, chi phí ngoài quy định không?',
        en: 'Were you harassed or asked for papers or fees beyond the rules?',
      },
      options: [
        { value: 'no', label: { vi: 'Không', en: 'No' } },
        { value: 'yes', label: { vi: 'Có', en: 'Yes' }, integrity: true },
      ],
    },
    {
      key: 'q10', kind: 'choice', required: false, multiple: true, onlyWhenLow: true,
      text: { vi: 'Lý do chưa hài lòng', en: 'Why were you not satisfied?' },
      options: [
        { value: 'attitude', label: { vi: 'Thái độ thiếu nhiệt tình', en: 'Unhelpful attitude' } },
        { value: 'guidance', label: { vi: 'Hướng dẫn chưa rõ ràng', en: 'Unclear guidance' } },
        { value: 'waiting', label: { vi: 'Phải chờ lâu', en: 'Long wait' } },
        { value: 'trips', label: { vi: 'Phải đi lại nhiều lần', en: 'Too many trips' } },
        { value: 'extra_papers', label: { vi: 'Yêu cầu giấy tờ ngoài quy định', en: 'Papers beyond the rules' } },
        { value: 'late', label: { vi: 'Trễ hẹn trả kết quả', en: 'Result returned late' } },
        { value: 'other', label: { vi: 'Khác', en: 'Other' } },
      ],
    },
  ],
};

export function requiredScaleQuestions(def: QuestionSetDefinition): ScaleQuestion[] {
  return def.questions.filter((q): q is ScaleQuestion => q.kind === 'scale5' && q.required);
}

/**
 * The questions the kiosk asks, in set order: those marked `kiosk`, else (a
 * set saved before the kiosk's questions were part of the set) its required
 * scale questions. Never empty: the schema requires a required scale question.
 */
export function kioskScaleQuestions(def: QuestionSetDefinition): ScaleQuestion[] {
  const scale = def.questions.filter((q): q is ScaleQuestion => q.kind === 'scale5');
  const marked = scale.filter((q) => q.kiosk);
  return marked.length ? marked : scale.filter((q) => q.required);
}

/** The same definition with every scale question's `kiosk` flag spelled out (what kioskScaleQuestions asks). */
export function withKioskFlags(def: QuestionSetDefinition): QuestionSetDefinition {
  const asked = new Set(kioskScaleQuestions(def).map((q) => q.key));
  return { ...def, questions: def.questions.map((q) => (q.kind === 'scale5' ? { ...q, kiosk: asked.has(q.key) } : q)) };
}

/** A chosen answer the set marks as an integrity signal, as integrity_reports.signals lists it ("q9=yes"). */
export type IntegritySignal = `${string}=${string}`;

/**
 * The integrity signals among a rating's choices (docs/decisions/028): each
 * chosen option its question set marks `integrity`, in set order, once.
 * Empty for almost every rating; the submit path asks only when a choice
 * was made.
 */
export function integritySignals(def: QuestionSetDefinition, choices: readonly { questionKey: string; choice: string | null }[]): IntegritySignal[] {
  const chosen = new Set(choices.flatMap((a) => (a.choice === null ? [] : [`${a.questionKey}=${a.choice}`])));
  if (chosen.size === 0) return [];
  const out: IntegritySignal[] = [];
  for (const q of def.questions) {
    if (q.kind !== 'choice') continue;
    for (const o of q.options) {
      const signal: IntegritySignal = `${q.key}=${o.value}`;
      if (o.integrity && chosen.has(signal)) out.push(signal);
    }
  }
  return out;
}

/** The same definition without any integrity mark: what the default set was before the marks existed. */
export function withoutIntegrityMarks(def: QuestionSetDefinition): QuestionSetDefinition {
  return {
    ...def,
    questions: def.questions.map((q) => (q.kind === 'choice' ? { ...q, options: q.options.map(({ integrity: _omit, ...o }) => o) } : q)),
  };
}
