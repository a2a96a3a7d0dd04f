/**
 * The layout of the evaluation results export (/danh-gia/<id>/ket-qua.xlsx):
 * one row per office as on the results page, then one column per criterion
 * of the period's rubric (points at the stage the total is made of), so a
 * spreadsheet can compare offices criterion by criterion. Pure: the lines
 * come from server/evaluation.ts loadResults.
 */
import { criteriaOf, type Rubric } from '@/lib/evaluation/rubric';
import type { SatisfactionFigure, Stage } from '@/lib/evaluation/scoring';
import { STATUS_LABELS, type EvaluationStatus } from '@/lib/validation/evaluation';
import type { Cell, ColumnFormat } from './csv';

export type EvaluationExportLine = {
  rank: number | null;
  name: string;
  parentName: string | null;
  status: EvaluationStatus;
  stage: Stage | 'final' | null;
  totalX100: number | null;
  classification: string | null;
  missing: number;
  figure: Pick<SatisfactionFigure, 'rate' | 'low' | 'high' | 'n' | 'enoughData'>;
  automaticX100: number | null;
  finalisedAt: Date | null;
  points: ReadonlyMap<string, number | null>;
};

const FIXED: readonly [string, ColumnFormat][] = [
  ['Hạng', 'integer'],
  ['Đơn vị', 'text'],
  ['Thuộc', 'text'],
  ['Trạng thái', 'text'],
  ['Tổng điểm', 'decimal2'],
  ['Điểm theo', 'text'],
  ['Tiêu chí chưa chấm', 'integer'],
  ['Xếp loại', 'text'],
  ['Thời điểm chốt (giờ Việt Nam)', 'datetime'],
  ['Tỷ lệ hài lòng (%)', 'decimal1'],
  ['Cận dưới (%)', 'decimal1'],
  ['Cận trên (%)', 'decimal1'],
  ['Số lượt đánh giá (n)', 'integer'],
  ['Điểm hài lòng', 'decimal2'],
];

const STAGE_LABELS = { final: 'Đã chốt', review: 'Thẩm định (chưa chốt)', self: 'Tự chấm (chưa thẩm định)' } as const;
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const points = (x100: number | null | undefined) => (x100 === null || x100 === undefined ? null : x100 / 100);

/** The fixed columns, then "<group> › <criterion> (tối đa N)" for each criterion in rubric order. */
export function evaluationHeaders(rubric: Rubric): string[] {
  return [
    ...FIXED.map(([h]) => h),
    ...criteriaOf(rubric).map(({ group, criterion }) => `${group.title} › ${criterion.title} (tối đa ${String(criterion.max).replace('.', ',')})`),
  ];
}

export function evaluationFormats(rubric: Rubric): ColumnFormat[] {
  return [...FIXED.map(([, f]) => f), ...criteriaOf(rubric).map((): ColumnFormat => 'decimal2')];
}

/** One office: the fixed cells, then its points per criterion (empty when not scored at its stage). */
export function evaluationCells(line: EvaluationExportLine, rubric: Rubric): Cell[] {
  const f = line.figure;
  return [
    line.rank,
    line.name,
    line.parentName,
    STATUS_LABELS[line.status],
    points(line.totalX100),
    line.stage ? STAGE_LABELS[line.stage] : null,
    line.stage && line.stage !== 'final' ? line.missing : null,
    line.classification,
    line.finalisedAt,
    f.enoughData ? pct(f.rate) : 'Chưa đủ dữ liệu',
    pct(f.low),
    pct(f.high),
    f.n,
    points(line.automaticX100),
    ...criteriaOf(rubric).map(({ criterion }) => points(line.points.get(criterion.key))),
  ];
}
