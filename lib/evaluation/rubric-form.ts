import { DEFAULT_STEPS } from '@/lib/indicators/points';
import { NOT_ENOUGH_DATA_RULES, RubricSchema, SATISFACTION_SOURCES, type NotEnoughDataRule, type Rubric, type RubricInput, type SatisfactionSource } from './rubric';

/**
 * The rubric as the structured editor holds it (components/evaluation/
 * rubric-editor.tsx): every number as typed text ("12,5"), shares of the
 * step table in percent, and form field names that say where each value
 * sits (`g.1.c.0.max` = group 2, criterion 1, maximum). The same functions
 * read the posted form on the server (the real check, which also serves a
 * browser without JavaScript) and check the draft in the browser before it
 * is sent, so both give the same Vietnamese messages on the same fields.
 * The validated result is a rubric RubricSchema accepts (lib/evaluation/rubric.ts).
 */

export type DraftStep = { min: string; share: string };
export type DraftCriterion = {
  key: string;
  title: string;
  guidance: string;
  max: string;
  kind: 'manual' | 'automatic';
  source: SatisfactionSource;
  rule: 'proportional' | 'steps';
  steps: DraftStep[];
  notEnoughData: NotEnoughDataRule;
};
export type DraftGroup = { key: string; title: string; bonus: boolean; max: string; criteria: DraftCriterion[] };
export type DraftBand = { label: string; min: string; below: string };
export type RubricDraft = { total: string; bonusCap: 'total' | 'none'; groups: DraftGroup[]; bands: DraftBand[] };

/** A field's name in the form, from its place. */
export const fieldName = {
  total: 'total',
  bonusCap: 'bonusCap',
  group: (g: number, f: 'key' | 'title' | 'max' | 'bonus') => `g.${g}.${f}`,
  criterion: (g: number, c: number, f: keyof Omit<DraftCriterion, 'steps'> | 'steps') => `g.${g}.c.${c}.${f}`,
  step: (g: number, c: number, s: number, f: keyof DraftStep) => `g.${g}.c.${c}.s.${s}.${f}`,
  band: (b: number, f: keyof DraftBand | 'row') => `b.${b}.${f}`,
};

/** "12,5" for 12.5: how a number is typed (no grouping). */
export const typedNumber = (n: number) => String(Math.round(n * 10000) / 10000).replace('.', ',');

export function draftOfRubric(r: Rubric): RubricDraft {
  return {
    total: typedNumber(r.total),
    bonusCap: r.bonusCap,
    groups: r.groups.map((g) => ({
      key: g.key,
      title: g.title,
      bonus: g.bonus,
      max: typedNumber(g.max),
      criteria: g.criteria.map((c) => ({
        key: c.key,
        title: c.title,
        guidance: c.guidance,
        max: typedNumber(c.max),
        kind: c.kind,
        source: c.kind === 'automatic' ? c.source : 'headline',
        rule: c.kind === 'automatic' ? c.rule : 'steps',
        steps: (c.kind === 'automatic' && c.rule === 'steps' ? (c.steps ?? DEFAULT_STEPS) : DEFAULT_STEPS).map((s) => ({ min: typedNumber(s.min * 100), share: typedNumber(s.share * 100) })),
        notEnoughData: c.kind === 'automatic' ? c.notEnoughData : 'zero',
      })),
    })),
    bands: r.bands.map((b) => ({ label: b.label, min: typedNumber(b.min), below: b.below === null ? '' : typedNumber(b.below) })),
  };
}

/** A key not used yet by `taken`, from a prefix: "tieu-chi-3". */
export function freshKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 1; ; i++) if (!used.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
}

export const newCriterion = (key: string): DraftCriterion => ({
  key,
  title: '',
  guidance: '',
  max: '',
  kind: 'manual',
  source: 'headline',
  rule: 'steps',
  steps: DEFAULT_STEPS.map((s) => ({ min: typedNumber(s.min * 100), share: typedNumber(s.share * 100) })),
  notEnoughData: 'zero',
});

/** The posted form back into a draft: groups, criteria, steps and bands in the order of their indices. */
export function draftOfFields(values: Readonly<Record<string, string | undefined>>): RubricDraft {
  const v = (name: string) => values[name] ?? '';
  const count = (prefix: string) => {
    let n = 0;
    const re = new RegExp(`^${prefix.replaceAll('.', '\\.')}(\\d+)\\.`);
    for (const k of Object.keys(values)) {
      const m = re.exec(k);
      if (m) n = Math.max(n, Number(m[1]) + 1);
    }
    return Math.min(n, 200);
  };
  const groups: DraftGroup[] = [];
  for (let g = 0; g < count('g.'); g++) {
    const criteria: DraftCriterion[] = [];
    for (let c = 0; c < count(`g.${g}.c.`); c++) {
      const steps: DraftStep[] = [];
      for (let s = 0; s < count(`g.${g}.c.${c}.s.`); s++) steps.push({ min: v(fieldName.step(g, c, s, 'min')), share: v(fieldName.step(g, c, s, 'share')) });
      const source = v(fieldName.criterion(g, c, 'source'));
      const nod = v(fieldName.criterion(g, c, 'notEnoughData'));
      criteria.push({
        key: v(fieldName.criterion(g, c, 'key')),
        title: v(fieldName.criterion(g, c, 'title')),
        guidance: v(fieldName.criterion(g, c, 'guidance')),
        max: v(fieldName.criterion(g, c, 'max')),
        kind: v(fieldName.criterion(g, c, 'kind')) === 'automatic' ? 'automatic' : 'manual',
        source: (SATISFACTION_SOURCES as readonly string[]).includes(source) ? (source as SatisfactionSource) : 'headline',
        rule: v(fieldName.criterion(g, c, 'rule')) === 'proportional' ? 'proportional' : 'steps',
        steps,
        notEnoughData: (NOT_ENOUGH_DATA_RULES as readonly string[]).includes(nod) ? (nod as NotEnoughDataRule) : 'zero',
      });
    }
    groups.push({ key: v(fieldName.group(g, 'key')), title: v(fieldName.group(g, 'title')), bonus: v(fieldName.group(g, 'bonus')) === '1', max: v(fieldName.group(g, 'max')), criteria });
  }
  const bands: DraftBand[] = [];
  for (let b = 0; b < count('b.'); b++) bands.push({ label: v(fieldName.band(b, 'label')), min: v(fieldName.band(b, 'min')), below: v(fieldName.band(b, 'below')) });
  return { total: v('total'), bonusCap: v('bonusCap') === 'none' ? 'none' : 'total', groups, bands };
}

/** Typed text → number: "12,5" and "12.5" are 12.5; empty or anything else is NaN. */
export function parseTypedNumber(text: string): number {
  const s = text.trim().replace(/\s/g, '');
  return /^\d{1,6}([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : Number.NaN;
}

export type DraftCheck = { ok: true; rubric: Rubric } | { ok: false; fieldErrors: Record<string, string>; problems: string[] };

/** Where a RubricSchema issue sits in the form. */
function fieldOfPath(path: readonly PropertyKey[]): string | null {
  const [a, b, c, d, e] = path;
  if (a === 'total' || a === 'bonusCap') return a;
  if (a === 'bands' && typeof b === 'number') return fieldName.band(b, typeof c === 'string' && ['label', 'min', 'below'].includes(c) ? (c as keyof DraftBand) : 'row');
  if (a === 'groups' && typeof b === 'number') {
    if (c === 'criteria' && typeof d === 'number') {
      if (e === 'steps') return fieldName.criterion(b, d, 'steps');
      return typeof e === 'string' ? fieldName.criterion(b, d, e as keyof Omit<DraftCriterion, 'steps'>) : fieldName.criterion(b, d, 'title');
    }
    if (c === 'criteria') return fieldName.group(b, 'title');
    return typeof c === 'string' && ['key', 'title', 'max', 'bonus'].includes(c) ? fieldName.group(b, c as 'key' | 'title' | 'max' | 'bonus') : fieldName.group(b, 'title');
  }
  return null;
}

/**
 * The draft checked: the rubric, or every problem at once, each on the
 * field it concerns (messages naming the group or criterion by its title)
 * and all of them in one list for the summary at the top of the form.
 */
export function checkRubricDraft(d: RubricDraft): DraftCheck {
  const fieldErrors: Record<string, string> = {};
  const problems: string[] = [];
  const add = (field: string | null, message: string) => {
    if (field && !fieldErrors[field]) fieldErrors[field] = message;
    problems.push(message);
  };
  const num = (field: string, text: string, what: string): number => {
    const n = parseTypedNumber(text);
    if (Number.isNaN(n)) add(field, text.trim() ? `${what}: “${text.trim().slice(0, 20)}” không phải một số; nhập bằng chữ số, ví dụ 12,5.` : `${what}: chưa nhập.`);
    return n;
  };
  const name = (title: string, fallback: string) => (title.trim() ? `“${title.trim()}”` : fallback);

  const total = num('total', d.total, 'Tổng điểm');
  if (d.groups.length === 0) add(null, 'Bộ tiêu chí cần ít nhất một nhóm tiêu chí: bấm “Thêm nhóm tiêu chí”.');
  if (d.bands.length === 0) add(null, 'Cần ít nhất một mức xếp loại: bấm “Thêm mức xếp loại”.');
  const input: RubricInput = {
    total,
    bonusCap: d.bonusCap,
    groups: d.groups.map((g, gi) => {
      const groupName = name(g.title, `Nhóm ${gi + 1}`);
      if (g.criteria.length === 0) add(fieldName.group(gi, 'title'), `Nhóm ${groupName} chưa có tiêu chí nào: thêm một tiêu chí hoặc xoá nhóm.`);
      return {
        key: g.key,
        title: g.title,
        bonus: g.bonus,
        max: num(fieldName.group(gi, 'max'), g.max, `Điểm tối đa của nhóm ${groupName}`),
        criteria: g.criteria.map((c, ci) => {
          const critName = name(c.title, `Tiêu chí ${ci + 1} của nhóm ${groupName}`);
          const max = num(fieldName.criterion(gi, ci, 'max'), c.max, `Điểm tối đa của ${critName}`);
          if (c.kind === 'manual') return { key: c.key, title: c.title, guidance: c.guidance, max, kind: 'manual' as const };
          const steps =
            c.rule === 'steps'
              ? c.steps.map((s, si) => {
                  const min = num(fieldName.step(gi, ci, si, 'min'), s.min, `${critName}, bậc ${si + 1}: tỷ lệ từ`);
                  const share = num(fieldName.step(gi, ci, si, 'share'), s.share, `${critName}, bậc ${si + 1}: phần điểm`);
                  if (min > 100) add(fieldName.step(gi, ci, si, 'min'), `${critName}, bậc ${si + 1}: tỷ lệ từ 0 đến 100 %.`);
                  if (share > 100) add(fieldName.step(gi, ci, si, 'share'), `${critName}, bậc ${si + 1}: phần điểm từ 0 đến 100 % của điểm tối đa.`);
                  return { min: Math.min(min, 100) / 100, share: Math.min(share, 100) / 100 };
                })
              : undefined;
          if (c.rule === 'steps' && c.steps.length === 0) add(fieldName.criterion(gi, ci, 'steps'), `${critName}: bảng bậc thang cần ít nhất một bậc.`);
          return { key: c.key, title: c.title, guidance: c.guidance, max, kind: 'automatic' as const, source: c.source, rule: c.rule, steps, notEnoughData: c.notEnoughData };
        }),
      };
    }),
    bands: d.bands.map((b, bi) => {
      const bandName = name(b.label, `Mức ${bi + 1}`);
      return {
        label: b.label,
        min: num(fieldName.band(bi, 'min'), b.min, `Mức xếp loại ${bandName}: điểm từ`),
        below: b.below.trim() === '' ? null : num(fieldName.band(bi, 'below'), b.below, `Mức xếp loại ${bandName}: điểm dưới`),
      };
    }),
  };
  if (problems.length) return { ok: false, fieldErrors, problems };
  const parsed = RubricSchema.safeParse(input);
  if (parsed.success) return { ok: true, rubric: parsed.data };
  for (const issue of parsed.error.issues) add(fieldOfPath(issue.path), issue.message);
  return { ok: false, fieldErrors, problems };
}
