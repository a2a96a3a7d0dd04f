import { formatPercent } from '@/lib/format';
import { formatPoints, NOT_ENOUGH_DATA_RULE_LABELS, POINTS_RULE_LABELS, RubricSchema, SATISFACTION_SOURCE_LABELS, type Band, type Criterion, type Rubric } from './rubric';

/**
 * What changed between two rubrics, as a person reads it: one line per
 * change (a criterion added or removed, a maximum, a title, a rule, a band),
 * named by its title rather than its key, for the audit log. Pure.
 */

export type RubricChange = { label: string; before: string; after: string };

const NONE = '—';

function criterionText(c: Criterion): string {
  if (c.kind === 'manual') return `${formatPoints(c.max)} điểm, chấm tay`;
  return `${formatPoints(c.max)} điểm, tự động (${POINTS_RULE_LABELS[c.rule].toLowerCase()})`;
}

function stepsText(c: Criterion): string {
  if (c.kind !== 'automatic' || c.rule !== 'steps') return NONE;
  return (c.steps ?? [])
    .toSorted((a, b) => b.min - a.min)
    .map((s) => `≥ ${formatPercent(s.min)} → ${formatPercent(s.share)} điểm`)
    .join('; ');
}

const bandText = (b: Band) => (b.below === null ? `từ ${formatPoints(b.min)} trở lên` : `từ ${formatPoints(b.min)} đến dưới ${formatPoints(b.below)}`);

/** Two rubrics compared; when either is not a valid rubric, one line saying so (its JSON is not shown). */
export function diffRubrics(beforeRaw: unknown, afterRaw: unknown): RubricChange[] {
  const b = RubricSchema.safeParse(beforeRaw);
  const a = RubricSchema.safeParse(afterRaw);
  if (!b.success || !a.success) return [{ label: 'Bộ tiêu chí', before: beforeRaw ? 'bộ tiêu chí cũ' : NONE, after: 'bộ tiêu chí mới' }];
  return rubricChanges(b.data, a.data);
}

export function rubricChanges(before: Rubric, after: Rubric): RubricChange[] {
  const out: RubricChange[] = [];
  const push = (label: string, x: string, y: string) => {
    if (x !== y) out.push({ label, before: x, after: y });
  };
  push('Tổng điểm', formatPoints(before.total), formatPoints(after.total));
  push('Điểm thưởng', before.bonusCap === 'total' ? 'không vượt tổng điểm' : 'được vượt tổng điểm', after.bonusCap === 'total' ? 'không vượt tổng điểm' : 'được vượt tổng điểm');

  const groupsBefore = new Map(before.groups.map((g) => [g.key, g]));
  const groupsAfter = new Map(after.groups.map((g) => [g.key, g]));
  for (const g of after.groups) {
    const old = groupsBefore.get(g.key);
    if (!old) {
      push(`Nhóm “${g.title}”`, NONE, `thêm, ${formatPoints(g.max)} điểm${g.bonus ? ' (điểm thưởng)' : ''}, ${g.criteria.length} tiêu chí`);
      continue;
    }
    push(`Nhóm “${old.title}”: tên`, old.title, g.title);
    push(`Nhóm “${g.title}”: điểm tối đa`, formatPoints(old.max), formatPoints(g.max));
    push(`Nhóm “${g.title}”: điểm thưởng`, old.bonus ? 'có' : 'không', g.bonus ? 'có' : 'không');
  }
  for (const g of before.groups) if (!groupsAfter.has(g.key)) push(`Nhóm “${g.title}”`, `${formatPoints(g.max)} điểm, ${g.criteria.length} tiêu chí`, 'bỏ');

  const criteria = (r: Rubric) => new Map(r.groups.flatMap((g) => g.criteria.map((c) => [c.key, { c, group: g.title }] as const)));
  const cb = criteria(before);
  const ca = criteria(after);
  for (const [key, { c, group }] of ca) {
    const old = cb.get(key);
    if (!old) {
      push(`Tiêu chí “${c.title}” (nhóm “${group}”)`, NONE, `thêm, ${criterionText(c)}`);
      continue;
    }
    const o = old.c;
    const name = `Tiêu chí “${c.title}”`;
    push(`Tiêu chí “${o.title}”: tên`, o.title, c.title);
    if (old.group !== group) push(`${name}: nhóm`, old.group, group);
    push(`${name}: điểm tối đa`, formatPoints(o.max), formatPoints(c.max));
    push(`${name}: cách chấm`, o.kind === 'manual' ? 'chấm tay' : 'tự động', c.kind === 'manual' ? 'chấm tay' : 'tự động');
    push(`${name}: hướng dẫn chấm`, o.guidance || NONE, c.guidance || NONE);
    if (o.kind === 'automatic' && c.kind === 'automatic') {
      push(`${name}: nguồn số liệu`, SATISFACTION_SOURCE_LABELS[o.source], SATISFACTION_SOURCE_LABELS[c.source]);
      push(`${name}: công thức`, POINTS_RULE_LABELS[o.rule], POINTS_RULE_LABELS[c.rule]);
      push(`${name}: bậc thang`, stepsText(o), stepsText(c));
      push(`${name}: khi chưa đủ dữ liệu`, NOT_ENOUGH_DATA_RULE_LABELS[o.notEnoughData], NOT_ENOUGH_DATA_RULE_LABELS[c.notEnoughData]);
    }
  }
  for (const [key, { c, group }] of cb) if (!ca.has(key)) push(`Tiêu chí “${c.title}” (nhóm “${group}”)`, criterionText(c), 'bỏ');

  const bandsBefore = new Map(before.bands.map((x) => [x.label, x]));
  const bandsAfter = new Map(after.bands.map((x) => [x.label, x]));
  for (const band of after.bands.toSorted((x, y) => y.min - x.min)) {
    const old = bandsBefore.get(band.label);
    push(`Mức xếp loại “${band.label}”`, old ? bandText(old) : NONE, bandText(band));
  }
  for (const band of before.bands) if (!bandsAfter.has(band.label)) push(`Mức xếp loại “${band.label}”`, bandText(band), 'bỏ');
  return out;
}
