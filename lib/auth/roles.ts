import type { Localized } from '@/lib/i18n';

export const ROLES = ['admin', 'assessor', 'office_head', 'supervisor', 'official'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Localized> = {
  admin: { vi: 'Quản trị', en: 'Administrator' },
  assessor: { vi: 'Thẩm định', en: 'Assessor' },
  office_head: { vi: 'Thủ trưởng', en: 'Head of office' },
  supervisor: { vi: 'Giám sát', en: 'Supervisor' },
  official: { vi: 'Cán bộ', en: 'Official' },
};

export const PERMISSIONS = [
  'units.manage',
  'users.manage',
  'questionSets.manage',
  'audit.read',
  'posters.print',
  'dashboard.read',
  'comments.reply',
  'contacts.read',
  'kiosks.manage',
  'evaluation.selfAssess',
  'evaluation.review',
  'evaluation.manage',
  'alerts.manage',
  'alerts.acknowledge',
  /** Erase a citizen's phone number on their request (PDPL 2025), in one's subtree. */
  'contacts.erase',
  /** Officials of one's offices: add, edit, photo, PIN, linked account (issue 14). */
  'officials.manage',
  /** The weekly duty schedule and same-day changes of one's offices. */
  'duty.manage',
  /** Per-official figures (advisory, audited on each view): never public, never to supervisors. */
  'officials.figures',
  /** One's own figures, for an official's linked account. */
  'officials.ownFigures',
  /** Propose the office's collective and individuals for recognition once results are final. */
  'recognition.nominate',
  /** Review nominations, compile the province's proposal, record the decision. */
  'recognition.manage',
  /** Keys of dossier systems (issue 17): create for a unit and its subtree, revoke. */
  'integrations.manage',
  /** Register dossiers by CSV and print their rating stickers (issue 17). */
  'dossiers.manage',
  /** Publish finalised results on the public page and curate good examples (issue 15). */
  'publishing.manage',
  /** The list of supervising organisations (issue 15). */
  'organisations.manage',
  /** Read supervision visits and recommendations in one's subtree. */
  'supervision.read',
  /** Record visits, findings and recommendations (a supervisor, signed with their organisation). */
  'supervision.record',
  /** Answer a recommendation and mark it done (the office head). */
  'recommendations.answer',
  /** Read integrity reports in one's subtree (office heads; supervisors of an inspectorate, checked in server/). */
  'integrity.read',
  /** Close an integrity report with a finding: supervisors whose organisation is an inspectorate (checked in server/). */
  'integrity.close',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do, always within its own subtree of units (issue 3):
 * supervisors read only and never see contact data; per-official results and
 * contacts are for office heads and assessors (domain.md §7).
 */
const MATRIX: Record<Role, readonly Permission[]> = {
  admin: [
    'units.manage',
    'users.manage',
    'questionSets.manage',
    'audit.read',
    'posters.print',
    'dashboard.read',
    'kiosks.manage',
    'alerts.manage',
    'evaluation.manage',
    'contacts.erase',
    'officials.manage',
    'integrations.manage',
    'organisations.manage',
  ],
  assessor: [
    'dashboard.read',
    'contacts.read',
    'evaluation.review',
    'posters.print',
    'officials.figures',
    'recognition.manage',
    'publishing.manage',
    'supervision.read',
  ],
  office_head: [
    'dashboard.read',
    'comments.reply',
    'contacts.read',
    'posters.print',
    'kiosks.manage',
    'evaluation.selfAssess',
    'alerts.manage',
    'alerts.acknowledge',
    'contacts.erase',
    'officials.manage',
    'duty.manage',
    'officials.figures',
    'recognition.nominate',
    'dossiers.manage',
    'supervision.read',
    'recommendations.answer',
    'integrity.read',
  ],
  // Read-only on figures, never contacts or officials; they write visits and recommendations, and an inspectorate's close integrity reports.
  supervisor: ['dashboard.read', 'supervision.read', 'supervision.record', 'integrity.read', 'integrity.close'],
  // An official's own account: their own figures, and the duty schedule only when the head delegates it (officials.manages_duty, checked in server/).
  official: ['officials.ownFigures'],
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role].includes(permission);
}

/** The signed-in person as every server check and scoped query sees them. */
export type Viewer = {
  userId: number;
  role: Role;
  displayName: string;
  /** The root of the subtree this account may see, as a units.path ("/1/4/"). */
  scopeUnitId: number;
  scopePath: string;
  scopeName: string;
  mustChangePassword: boolean;
};

/** True when a unit (by its path) lies in the viewer's subtree. */
export function inScope(viewer: Pick<Viewer, 'scopePath'>, unitPath: string): boolean {
  return unitPath.startsWith(viewer.scopePath);
}

/**
 * True when the viewer's scope is a root of the tree ("/1/"): only such
 * accounts see what concerns the whole system (audit entries without a
 * unit, the default question set).
 */
export function isRootScope(viewer: Pick<Viewer, 'scopePath'>): boolean {
  return /^\/\d+\/$/.test(viewer.scopePath);
}
