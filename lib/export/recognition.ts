/**
 * The layout of a round's proposal as XLSX (/khen-thuong/<id>/to-trinh.xlsx):
 * one row per accepted nomination, collectives first, as on the printed tờ
 * trình, with real numbers and dates. Individual figures are advisory
 * (docs/decisions/023) and the header says so. Pure.
 */
import { dayStart } from '@/lib/indicators/periods';
import type { OfficialFigures } from '@/lib/recognition/rules';
import type { Cell, ColumnFormat } from './csv';

export type ProposalLine = {
  kind: 'collective' | 'individual';
  unitName: string;
  officialName: string | null;
  officialPosition: string | null;
  formName: string;
  awardedFormName: string | null;
  reasons: string;
  evidenceLinks: string[];
  figures: OfficialFigures | null;
  reviewNote: string | null;
};

export type ProposalFacts = { submissionNumber: string | null; submissionDate: string | null; decisionNumber: string | null; decisionDate: string | null };

const COLUMNS: readonly [string, ColumnFormat][] = [
  ['STT', 'integer'],
  ['Loại', 'text'],
  ['Đơn vị', 'text'],
  ['Họ và tên', 'text'],
  ['Chức vụ', 'text'],
  ['Hình thức đề nghị', 'text'],
  ['Thành tích, lý do', 'text'],
  ['Minh chứng', 'text'],
  ['Số lượt đánh giá trong năm (tham khảo)', 'integer'],
  ['Tỷ lệ hài lòng (%) (tham khảo)', 'decimal1'],
  ['Cận dưới (%)', 'decimal1'],
  ['Cận trên (%)', 'decimal1'],
  ['Đủ cỡ mẫu tối thiểu', 'text'],
  ['Số tờ trình', 'text'],
  ['Ngày tờ trình', 'date'],
  ['Hình thức được khen', 'text'],
  ['Số quyết định', 'text'],
  ['Ngày quyết định', 'date'],
];

export const proposalHeaders = (): string[] => COLUMNS.map(([h]) => h);
export const proposalFormats = (): ColumnFormat[] => COLUMNS.map(([, f]) => f);

const pct = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1000) / 10);
const day = (d: string | null) => (d ? new Date(dayStart(d)) : null);

/** The rows: collectives numbered first, then individuals, each list from 1. */
export function proposalRows(lines: readonly ProposalLine[], facts: ProposalFacts): Cell[][] {
  const ordered = [...lines.filter((l) => l.kind === 'collective'), ...lines.filter((l) => l.kind === 'individual')];
  let collective = 0;
  let individual = 0;
  return ordered.map((l) => {
    const f = l.figures;
    return [
      l.kind === 'collective' ? ++collective : ++individual,
      l.kind === 'collective' ? 'Tập thể' : 'Cá nhân',
      l.unitName,
      l.officialName,
      l.officialPosition || null,
      l.formName,
      l.reasons,
      l.evidenceLinks.join('\n') || null,
      f ? f.n : null,
      f && f.enoughData ? pct(f.rate) : f ? 'Chưa đủ dữ liệu' : null,
      f ? pct(f.low) : null,
      f ? pct(f.high) : null,
      f ? (f.enoughData ? 'Có' : 'Không') : null,
      facts.submissionNumber,
      day(facts.submissionDate),
      l.awardedFormName,
      facts.decisionNumber,
      day(facts.decisionDate),
    ];
  });
}
