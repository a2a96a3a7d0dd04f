import { describe, expect, it } from 'vitest';
import { dayStart } from '@/lib/indicators/periods';
import { proposalHeaders, proposalRows, type ProposalLine } from './recognition';

const base: Omit<ProposalLine, 'kind'> = {
  unitName: 'Trung tâm A',
  officialName: null,
  officialPosition: null,
  formName: 'Giấy khen',
  awardedFormName: null,
  reasons: 'Lý do',
  evidenceLinks: [],
  figures: null,
  reviewNote: null,
};

describe('proposalRows', () => {
  it('numbers collectives then individuals, with real numbers and dates', () => {
    const rows = proposalRows(
      [
        { ...base, kind: 'individual', officialName: 'Nguyễn Thị A', officialPosition: 'chuyên viên', figures: { n: 120, rate: 0.9512, low: 0.9, high: 0.98, enoughData: true, minSample: 30, year: 2025 } },
        { ...base, kind: 'collective' },
        { ...base, kind: 'individual', officialName: 'Trần B', figures: { n: 4, rate: null, low: null, high: null, enoughData: false, minSample: 30, year: 2025 } },
      ],
      { submissionNumber: '1/TTr', submissionDate: '2026-01-10', decisionNumber: null, decisionDate: null },
    );
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [1, 'Tập thể'],
      [1, 'Cá nhân'],
      [2, 'Cá nhân'],
    ]);
    expect(rows[1]!.slice(8, 13)).toEqual([120, 95.1, 90, 98, 'Có']);
    expect(rows[2]!.slice(8, 13)).toEqual([4, 'Chưa đủ dữ liệu', null, null, 'Không']);
    expect(rows[0]![14]).toEqual(new Date(dayStart('2026-01-10')));
    expect(rows[0]!.length).toBe(proposalHeaders().length);
  });
});
