import { z } from 'zod';
import { DEFAULT_STEPS } from '@/lib/indicators/points';

/**
 * The rubric of an evaluation period (domain.md §6): groups of criteria, each
 * with its maximum points and a kind, and the classification bands. It is
 * data an administrator enters (the official appendix is not public), stored
 * as JSON in evaluation_periods.rubric and checked by RubricSchema, whose
 * messages say in Vietnamese what to fix and where.
 *
 * Points are decimals with at most two places (stored ×100 as integers).
 */

/**
 * Which satisfaction figure an automatic criterion reads (docs/decisions/012-evaluation.md):
 * the respondent-based rate or index, the rate of verified ratings only
 * (given through a dossier's link), or Decision 766's per-dossier index
 * (docs/decisions/027).
 */
export const SATISFACTION_SOURCES = ['headline', 'index', 'verified', 'dossier766'] as const;
export type SatisfactionSource = (typeof SATISFACTION_SOURCES)[number];
export const SATISFACTION_SOURCE_LABELS: Record<SatisfactionSource, string> = {
  headline: 'Tỷ lệ hài lòng chung (câu “Nhìn chung…”)',
  index: 'Chỉ số hài lòng (trung bình các khía cạnh)',
  verified: 'Tỷ lệ hài lòng chung, chỉ đánh giá xác thực theo hồ sơ',
  dossier766: 'Chỉ số hài lòng theo hồ sơ (QĐ 766)',
};

export const POINTS_RULE_LABELS = { proportional: 'Tỷ lệ thuận (điểm tối đa × tỷ lệ, làm tròn 0,5)', steps: 'Bậc thang' } as const;

/** What an automatic criterion scores when the period has fewer ratings than the minimum sample. */
export const NOT_ENOUGH_DATA_RULES = ['zero', 'manual'] as const;
export type NotEnoughDataRule = (typeof NOT_ENOUGH_DATA_RULES)[number];
export const NOT_ENOUGH_DATA_RULE_LABELS: Record<NotEnoughDataRule, string> = {
  zero: '0 điểm',
  manual: 'Cán bộ thẩm định chấm tay (có ghi chú)',
};

const KEY_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const keyField = (what: string) =>
  z
    .string({ error: `${what}: cần một mã (chữ thường không dấu, số, “-” hoặc “_”).` })
    .regex(KEY_RE, `${what}: mã chỉ gồm chữ thường không dấu, số, “-” hoặc “_”, tối đa 32 ký tự (ví dụ “c1”).`);
const titleField = (what: string) =>
  z
    .string({ error: `${what}: cần có tên.` })
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, `${what}: cần có tên.`).max(300, `${what}: tên dài quá 300 ký tự.`));

/** True when a number of points has at most two decimal places (it is stored ×100). */
export function hasTwoDecimals(points: number): boolean {
  return Math.abs(points * 100 - Math.round(points * 100)) < 1e-6;
}

const pointsField = (what: string, { min = 0 } = {}) =>
  z
    .number({ error: `${what}: phải là một số.` })
    .min(min, min > 0 ? `${what}: phải lớn hơn 0.` : `${what}: không được âm.`)
    .max(1000, `${what}: tối đa 1000 điểm.`)
    .refine(hasTwoDecimals, `${what}: tối đa hai chữ số thập phân.`);

const StepSchema = z.object({
  min: z.number({ error: 'Ngưỡng của bậc phải là một số từ 0 đến 1.' }).min(0, 'Ngưỡng của bậc từ 0 đến 1 (0,95 là 95 %).').max(1, 'Ngưỡng của bậc từ 0 đến 1 (0,95 là 95 %).'),
  share: z.number({ error: 'Phần điểm của bậc phải là một số từ 0 đến 1.' }).min(0, 'Phần điểm của bậc từ 0 đến 1.').max(1, 'Phần điểm của bậc từ 0 đến 1.'),
});

const CommonCriterion = {
  key: keyField('Tiêu chí'),
  title: titleField('Tiêu chí'),
  guidance: z.string().max(2000, 'Hướng dẫn chấm dài quá 2000 ký tự.').default(''),
  max: pointsField('Điểm tối đa của tiêu chí', { min: 0.01 }),
};

const ManualCriterionSchema = z.object({ ...CommonCriterion, kind: z.literal('manual') });
const AutomaticCriterionSchema = z.object({
  ...CommonCriterion,
  kind: z.literal('automatic'),
  source: z.enum(SATISFACTION_SOURCES, {
    error:
      'Nguồn số liệu phải là “headline” (tỷ lệ hài lòng chung), “index” (chỉ số hài lòng), “verified” (tỷ lệ hài lòng chỉ từ đánh giá xác thực theo hồ sơ) hoặc “dossier766” (chỉ số hài lòng theo hồ sơ, QĐ 766).',
  }).default('headline'),
  rule: z.enum(['proportional', 'steps'], { error: 'Cách tính phải là “proportional” (tỷ lệ thuận) hoặc “steps” (bậc thang).' }),
  steps: z.array(StepSchema).min(1, 'Bảng bậc thang cần ít nhất một bậc.').optional(),
  notEnoughData: z.enum(NOT_ENOUGH_DATA_RULES, { error: 'Khi chưa đủ dữ liệu: “zero” (0 điểm) hoặc “manual” (thẩm định chấm tay).' }).default('zero'),
});

const CriterionSchema = z.discriminatedUnion('kind', [ManualCriterionSchema, AutomaticCriterionSchema], {
  error: 'Loại tiêu chí phải là “manual” (chấm tay, có minh chứng) hoặc “automatic” (tự động từ số liệu hài lòng).',
});

const GroupSchema = z.object({
  key: keyField('Nhóm tiêu chí'),
  title: titleField('Nhóm tiêu chí'),
  /** Bonus points (điểm thưởng): not part of the stated total, added on top. */
  bonus: z.boolean().default(false),
  max: pointsField('Điểm tối đa của nhóm'),
  criteria: z.array(CriterionSchema).min(1, 'Mỗi nhóm cần ít nhất một tiêu chí.'),
});

/** A classification band: totals from `min` (inclusive) to `below` (exclusive; null for the top band). */
const BandSchema = z.object({
  label: titleField('Mức xếp loại'),
  min: pointsField('Điểm từ (của mức xếp loại)'),
  below: pointsField('Điểm dưới (của mức xếp loại)').nullable(),
});

export const RUBRIC_VERSION = 1;

export const RubricSchema = z
  .object({
    version: z.literal(RUBRIC_VERSION, { error: `Phiên bản bộ tiêu chí phải là ${RUBRIC_VERSION}.` }).default(RUBRIC_VERSION),
    total: pointsField('Tổng điểm', { min: 0.01 }),
    /** What bonus adds at most: "total" caps base + bonus at the stated total; "none" lets it go above. */
    bonusCap: z.enum(['total', 'none'], { error: 'Giới hạn điểm thưởng: “total” (không vượt tổng điểm) hoặc “none”.' }).default('total'),
    groups: z.array(GroupSchema).min(1, 'Bộ tiêu chí cần ít nhất một nhóm tiêu chí.'),
    bands: z.array(BandSchema).min(1, 'Cần ít nhất một mức xếp loại.'),
  })
  .superRefine((r, ctx) => {
    const seen = new Map<string, string>();
    const groupKeys = new Set<string>();
    let base = 0;
    r.groups.forEach((g, gi) => {
      if (groupKeys.has(g.key)) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'key'], message: `Mã nhóm “${g.key}” bị trùng; mỗi nhóm cần một mã riêng.` });
      groupKeys.add(g.key);
      let sum = 0;
      g.criteria.forEach((c, ci) => {
        sum += toX100(c.max);
        const earlier = seen.get(c.key);
        if (earlier) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'criteria', ci, 'key'], message: `Mã tiêu chí “${c.key}” bị trùng (đã dùng ở “${earlier}”); đổi một trong hai mã.` });
        seen.set(c.key, c.title);
        if (c.kind === 'automatic' && c.steps) {
          const mins = c.steps.map((s) => s.min);
          if (new Set(mins).size !== mins.length) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'criteria', ci, 'steps'], message: `Tiêu chí “${c.title}”: hai bậc có cùng ngưỡng; mỗi bậc cần một ngưỡng khác nhau.` });
        }
        if (c.kind === 'automatic' && c.rule === 'proportional' && c.steps) {
          ctx.addIssue({ code: 'custom', path: ['groups', gi, 'criteria', ci, 'steps'], message: `Tiêu chí “${c.title}” tính tỷ lệ thuận nên không dùng bảng bậc thang; bỏ “steps” hoặc đổi “rule” thành “steps”.` });
        }
      });
      if (sum !== toX100(g.max)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', gi, 'max'],
          message: `Nhóm “${g.title}”: điểm tối đa của các tiêu chí cộng lại là ${formatPoints(sum / 100)}, khác điểm tối đa của nhóm (${formatPoints(g.max)}); sửa cho khớp.`,
        });
      }
      if (!g.bonus) base += toX100(g.max);
    });
    if (base !== toX100(r.total)) {
      ctx.addIssue({
        code: 'custom',
        path: ['total'],
        message: `Điểm tối đa của các nhóm (không kể điểm thưởng) cộng lại là ${formatPoints(base / 100)}, khác tổng điểm đã khai (${formatPoints(r.total)}); sửa điểm các nhóm hoặc tổng điểm.`,
      });
    }
    for (const problem of bandProblems(r.bands)) ctx.addIssue({ code: 'custom', path: ['bands', problem.index], message: problem.message });
  });

export type Rubric = z.output<typeof RubricSchema>;
export type RubricInput = z.input<typeof RubricSchema>;
export type RubricGroup = Rubric['groups'][number];
export type Criterion = RubricGroup['criteria'][number];
export type AutomaticCriterion = Extract<Criterion, { kind: 'automatic' }>;
export type Band = Rubric['bands'][number];

/** Points → integer hundredths, the stored form (16.25 → 1625). */
export function toX100(points: number): number {
  return Math.round(points * 100);
}

/** "16,25" — vi-VN, up to two decimals. */
export function formatPoints(points: number | null | undefined): string {
  if (points === null || points === undefined) return '—';
  return points.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}

/**
 * Bands must cover 0 and up without gaps or overlaps: sorted by `min`, the
 * lowest starts at 0, each ends (`below`) where the next starts, and only the
 * top one is open (`below: null`), so a total with bonus points still has a
 * class. Returned as messages, the order of the bands as entered.
 */
export function bandProblems(bands: readonly Band[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const order = bands.map((b, index) => ({ ...b, index })).sort((a, b) => a.min - b.min);
  const fmt = (b: Band) => `“${b.label}” (${formatPoints(b.min)}–${b.below === null ? '' : `< ${formatPoints(b.below)}`})`;
  order.forEach((b, i) => {
    if (b.below !== null && b.below <= b.min) out.push({ index: b.index, message: `Mức ${fmt(b)}: “điểm dưới” phải lớn hơn “điểm từ”.` });
    const next = order[i + 1];
    if (i === 0 && b.min !== 0) out.push({ index: b.index, message: `Mức thấp nhất ${fmt(b)} phải bắt đầu từ 0 điểm, nếu không tổng dưới ${formatPoints(b.min)} sẽ không được xếp loại.` });
    if (!next) {
      if (b.below !== null) out.push({ index: b.index, message: `Mức cao nhất ${fmt(b)} không được có “điểm dưới” (để trống, null): tổng điểm từ ${formatPoints(b.min)} trở lên đều thuộc mức này.` });
      return;
    }
    if (b.below === null) out.push({ index: b.index, message: `Chỉ mức cao nhất được để trống “điểm dưới”; mức ${fmt(b)} cần “điểm dưới” bằng “điểm từ” của mức ${fmt(next)}.` });
    else if (b.below < next.min) out.push({ index: b.index, message: `Khoảng trống giữa mức ${fmt(b)} và mức ${fmt(next)}: tổng từ ${formatPoints(b.below)} đến dưới ${formatPoints(next.min)} không thuộc mức nào; đặt “điểm dưới” của ${fmt(b)} bằng ${formatPoints(next.min)}.` });
    else if (b.below > next.min) out.push({ index: b.index, message: `Mức ${fmt(b)} chồng lên mức ${fmt(next)}: tổng từ ${formatPoints(next.min)} đến dưới ${formatPoints(b.below)} thuộc cả hai; đặt “điểm dưới” của ${fmt(b)} bằng ${formatPoints(next.min)}.` });
  });
  return out;
}

/** Every criterion in order, with its group. */
export function criteriaOf(rubric: Rubric): { group: RubricGroup; criterion: Criterion }[] {
  return rubric.groups.flatMap((group) => group.criteria.map((criterion) => ({ group, criterion })));
}

/**
 * A rubric's JSON text checked: the rubric, or every problem as
 * "where: what to fix" lines in Vietnamese (where = groups[1].criteria[0].max
 * read as "Nhóm 2 › tiêu chí 1 › max").
 */
export function parseRubricJson(text: string): { ok: true; rubric: Rubric } | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`Không đọc được JSON: ${e instanceof Error ? e.message : String(e)}. Kiểm tra dấu phẩy, ngoặc và dấu nháy kép.`] };
  }
  const parsed = RubricSchema.safeParse(raw);
  if (parsed.success) return { ok: true, rubric: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => (i.path.length ? `${describePath(i.path)}: ${i.message}` : i.message)) };
}

function describePath(path: readonly PropertyKey[]): string {
  const names: Record<string, string> = { groups: 'Nhóm', criteria: 'tiêu chí', bands: 'Mức xếp loại', steps: 'bậc' };
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = String(path[i]);
    const next = path[i + 1];
    if (names[p] && typeof next === 'number') {
      out.push(`${names[p]} ${next + 1}`);
      i++;
    } else out.push(p);
  }
  return out.join(' › ');
}

// ---------------------------------------------------------------------------
// Presets (domain.md §6)

export const RUBRIC_PRESETS = ['mac-dinh', 'dong-nai-54-2025', 'trong'] as const;
export type RubricPreset = (typeof RUBRIC_PRESETS)[number];
export const RUBRIC_PRESET_LABELS: Record<RubricPreset, string> = {
  'mac-dinh': 'Mặc định 100 điểm (Xuất sắc / Tốt / Khá / Đạt / Chưa đạt)',
  'dong-nai-54-2025': 'Đồng Nai 54/2025 (sao)',
  trong: 'Bộ tiêu chí trống (tự nhập)',
};

const satisfaction = (max: number): RubricInput['groups'][number]['criteria'][number] => ({
  key: 'hai-long',
  title: 'Mức độ hài lòng của người dân, doanh nghiệp',
  guidance: 'Tính tự động từ tỷ lệ hài lòng chung của năm (câu “Nhìn chung…”), tối thiểu 30 lượt đánh giá.',
  max,
  kind: 'automatic',
  source: 'headline',
  rule: 'steps',
  steps: DEFAULT_STEPS.map((s) => ({ ...s })),
  notEnoughData: 'zero',
});

const manual = (key: string, title: string, max: number, guidance = '') => ({ key, title, max, kind: 'manual' as const, guidance });

const DEFAULT_BANDS: RubricInput['bands'] = [
  { label: 'Xuất sắc', min: 90, below: null },
  { label: 'Tốt', min: 80, below: 90 },
  { label: 'Khá', min: 70, below: 80 },
  { label: 'Đạt', min: 50, below: 70 },
  { label: 'Chưa đạt', min: 0, below: 50 },
];

const PRESET_INPUTS: Record<RubricPreset, RubricInput> = {
  'mac-dinh': {
    total: 100,
    groups: [
      {
        key: 'truyen-thong',
        title: 'Tuyên truyền, triển khai mô hình',
        max: 20,
        criteria: [
          manual('ke-hoach', 'Ban hành kế hoạch, quy chế thực hiện mô hình', 10, 'Văn bản ban hành (số, ngày) và đường dẫn.'),
          manual('tuyen-truyen', 'Tuyên truyền, phổ biến mô hình tới cán bộ và người dân', 10),
        ],
      },
      {
        key: 'van-hoa',
        title: 'Văn hoá công sở, quy tắc ứng xử',
        max: 30,
        criteria: [
          manual('quy-tac', 'Thực hiện quy tắc ứng xử, trang phục, thẻ công chức', 15),
          manual('co-so', 'Nơi tiếp nhận: biển hiệu, chỗ ngồi, trang thiết bị', 15),
        ],
      },
      { key: 'hai-long', title: 'Sự hài lòng của người dân, doanh nghiệp', max: 20, criteria: [satisfaction(20)] },
      {
        key: 'cai-cach',
        title: 'Giải quyết thủ tục hành chính',
        max: 30,
        criteria: [
          manual('dung-han', 'Hồ sơ giải quyết đúng hạn', 15, 'Tỷ lệ hồ sơ đúng hạn trong năm, theo hệ thống thông tin giải quyết TTHC.'),
          manual('pakn', 'Tiếp nhận, xử lý phản ánh, kiến nghị', 15),
        ],
      },
    ],
    bands: DEFAULT_BANDS,
  },
  'dong-nai-54-2025': {
    total: 100,
    groups: [
      { key: 'thong-tin', title: 'Thông tin, tuyên truyền về mô hình', max: 15, criteria: [manual('thong-tin', 'Thông tin, tuyên truyền về mô hình', 15)] },
      { key: 'van-hoa', title: 'Văn minh, văn hoá công sở, quy tắc ứng xử', max: 15, criteria: [manual('van-hoa', 'Văn minh, văn hoá công sở, quy tắc ứng xử', 15)] },
      { key: 'hai-long', title: 'Sự hài lòng của người dân, doanh nghiệp', max: 20, criteria: [satisfaction(20)] },
      { key: 'cai-cach', title: 'Chỉ số cải cách hành chính', max: 50, criteria: [manual('par-index', 'Chỉ số cải cách hành chính', 50, 'Theo kết quả chỉ số cải cách hành chính của năm.')] },
      { key: 'sang-kien', title: 'Sáng kiến, cách làm hay (điểm thưởng)', bonus: true, max: 5, criteria: [manual('sang-kien', 'Sáng kiến, cách làm hay được công nhận', 5)] },
    ],
    bands: [
      { label: '4 sao', min: 95, below: null },
      { label: '3 sao', min: 90, below: 95 },
      { label: '2 sao', min: 80, below: 90 },
      { label: '1 sao', min: 0, below: 80 },
    ],
  },
  // A skeleton to edit: the one criterion every rubric of the model has, and a placeholder for the rest.
  trong: {
    total: 100,
    groups: [
      { key: 'hai-long', title: 'Sự hài lòng của người dân, doanh nghiệp', max: 20, criteria: [satisfaction(20)] },
      { key: 'nhom-2', title: 'Nhóm tiêu chí khác (đổi tên, chia thành các tiêu chí)', max: 80, criteria: [manual('tieu-chi-1', 'Tiêu chí 1 (đổi tên)', 80)] },
    ],
    bands: DEFAULT_BANDS,
  },
};

/** A preset as a fresh, validated rubric. */
export function rubricPreset(preset: RubricPreset): Rubric {
  return RubricSchema.parse(structuredClone(PRESET_INPUTS[preset]));
}
