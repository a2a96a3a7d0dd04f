import type { Localized } from '@/lib/i18n';

/**
 * Kinds of administrative unit. The tree may nest them in any order and to any
 * depth (domain.md §1: the map changes); these only label and filter.
 */
export const UNIT_KINDS = ['province', 'department', 'centre', 'commune', 'office', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, Localized> = {
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  department: { vi: 'Sở, ban, ngành', en: 'Department' },
  centre: { vi: 'Trung tâm Phục vụ hành chính công', en: 'Public service centre' },
  commune: { vi: 'Xã, phường, đặc khu', en: 'Commune or ward' },
  office: { vi: 'Bộ phận Một cửa / điểm tiếp nhận', en: 'One-stop desk' },
  other: { vi: 'Đơn vị khác', en: 'Other unit' },
};

export function unitKindLabel(kind: string): string {
  return (UNIT_KIND_LABELS as Record<string, Localized>)[kind]?.vi ?? kind;
}
