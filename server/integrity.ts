import { closeIntegrityReport, countIntegrityReportsInScope, listIntegrityReports, type IntegrityReportRow, type ReportStatusFilter } from '@/db/queries/integrity';
import { getUserOrganisation } from '@/db/queries/supervision';
import { can, type Viewer } from '@/lib/auth/roles';
import { CLOSE_REFUSED, mayCloseIntegrity, mayReadIntegrity } from '@/lib/supervision';
import type { Outcome } from './supervision';

/**
 * Integrity reports' use cases (docs/decisions/028): office heads and the
 * inspectorate's supervisors read them in their subtree; only an
 * inspectorate supervisor closes one, with a finding and a note.
 */

async function organisationKindOf(viewer: Viewer): Promise<string | null> {
  if (viewer.role !== 'supervisor') return null;
  const organisation = await getUserOrganisation({ userId: viewer.userId });
  return organisation?.active ? organisation.kind : null;
}

/** Whether the viewer sees integrity reports at all (the navigation and the page). */
export async function viewerReadsIntegrity(viewer: Viewer): Promise<boolean> {
  if (viewer.role !== 'supervisor') return mayReadIntegrity(viewer.role, null);
  return mayReadIntegrity(viewer.role, await organisationKindOf(viewer));
}

export type IntegrityPage = { reports: IntegrityReportRow[]; mayClose: boolean };

/** The reports page for the viewer, or null when they may not read reports (answered 404). */
export async function loadIntegrityPage(viewer: Viewer, status: ReportStatusFilter): Promise<IntegrityPage | null> {
  const kind = await organisationKindOf(viewer);
  if (!mayReadIntegrity(viewer.role, kind)) return null;
  return { reports: await listIntegrityReports({ viewer, status }), mayClose: mayCloseIntegrity(viewer.role, kind) };
}

export type OpenIntegrityReports = {
  /** Open reports of the viewer's subtree, in all. */
  total: number;
  /** The oldest open ones first, at most the limit asked for. */
  reports: IntegrityReportRow[];
  mayClose: boolean;
};

/**
 * The reports waiting for the inspectorate's conclusion, for the staff home:
 * the same readers and scope as the reports page (loadIntegrityPage), null
 * for anyone else. A role without `integrity.read` costs no query.
 */
export async function loadOpenIntegrityReports(viewer: Viewer, limit: number): Promise<OpenIntegrityReports | null> {
  if (!can(viewer.role, 'integrity.read')) return null;
  const kind = await organisationKindOf(viewer);
  if (!mayReadIntegrity(viewer.role, kind)) return null;
  const [total, reports] = await Promise.all([countIntegrityReportsInScope({ viewer, status: 'open' }), listIntegrityReports({ viewer, status: 'open', limit })]);
  return { total, reports, mayClose: mayCloseIntegrity(viewer.role, kind) };
}

/**
 * Closes a report: refused in Vietnamese (nothing stored) for anyone but an
 * inspectorate supervisor, an office head included; a report outside the
 * viewer's subtree is not found.
 */
export async function closeReport(viewer: Viewer, input: { reportId: number; finding: 'upheld' | 'not_upheld'; note: string }, now = new Date()): Promise<Outcome> {
  const organisation = viewer.role === 'supervisor' ? await getUserOrganisation({ userId: viewer.userId }) : null;
  if (!mayCloseIntegrity(viewer.role, organisation?.active ? organisation.kind : null)) return { status: 'refused', message: CLOSE_REFUSED };
  const outcome = await closeIntegrityReport({ viewer, ...input, organisationName: organisation!.name, now });
  if (outcome.status === 'closed_already') return { status: 'refused', message: 'Phản ánh này đã được kết luận trước đó; không có gì thay đổi.' };
  return outcome;
}
