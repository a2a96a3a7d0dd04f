import type { Role } from '@/lib/auth/roles';

/**
 * Supervision and integrity reports (issue 15, docs/decisions/028): the
 * labels and the few rules that need no database. Pure.
 */

export const ORGANISATION_KIND_LABELS = {
  front: 'Mặt trận Tổ quốc',
  mass_mobilisation: 'Tuyên giáo và Dân vận',
  inspectorate: 'Thanh tra',
  council: 'Hội đồng nhân dân',
  other: 'Tổ chức khác',
} as const;
export type OrganisationKindName = keyof typeof ORGANISATION_KIND_LABELS;
/** As db/schema's ORGANISATION_KINDS (lib/ does not import db/). */
export const ORGANISATION_KINDS = ['front', 'mass_mobilisation', 'inspectorate', 'council', 'other'] as const satisfies readonly OrganisationKindName[];

/** The organisations a new installation starts with (an administrator keeps the list afterwards). */
export const DEFAULT_ORGANISATIONS: readonly { name: string; kind: OrganisationKindName }[] = [
  { name: 'Ủy ban MTTQ tỉnh', kind: 'front' },
  { name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy', kind: 'mass_mobilisation' },
  { name: 'Thanh tra tỉnh', kind: 'inspectorate' },
  { name: 'HĐND tỉnh', kind: 'council' },
];

export const RECOMMENDATION_STATUS_LABELS = { open: 'Chưa trả lời', answered: 'Đã trả lời, đang thực hiện', done: 'Đã thực hiện xong' } as const;

export const INTEGRITY_FINDING_LABELS = { upheld: 'Đúng (phản ánh có cơ sở)', not_upheld: 'Không đúng (không có cơ sở)' } as const;
/** As db/schema's INTEGRITY_FINDINGS. */
export const INTEGRITY_FINDINGS = ['upheld', 'not_upheld'] as const;

/**
 * Who reads integrity reports: office heads of the office (integrity.read),
 * and supervisors whose organisation is an inspectorate; other supervisors
 * (the Front, the council…) do not (docs/decisions/028).
 */
export function mayReadIntegrity(role: Role, organisationKind: string | null | undefined): boolean {
  if (role === 'office_head') return true;
  return role === 'supervisor' && organisationKind === 'inspectorate';
}

/** Only an inspectorate's supervisor closes a report with a finding. */
export function mayCloseIntegrity(role: Role, organisationKind: string | null | undefined): boolean {
  return role === 'supervisor' && organisationKind === 'inspectorate';
}

/** The refusal an office head (or anyone but the inspectorate) gets when closing a report. */
export const CLOSE_REFUSED = 'Chỉ cán bộ giám sát của Thanh tra mới được kết luận và đóng phản ánh liêm chính. Phản ánh vẫn mở; không có gì được lưu.';

/** The first and last instant (epoch ms) of a calendar year in Vietnam (UTC+7): how reports are counted per period. */
export function vietnamYearBounds(year: number): { from: number; to: number } {
  const offset = 7 * 3600_000;
  return { from: Date.UTC(year, 0, 1) - offset, to: Date.UTC(year + 1, 0, 1) - offset };
}
