import { StaffNav } from '@/components/staff/staff-nav';
import { countFollowUp, followUpTotal } from '@/db/queries/follow-up';
import { can } from '@/lib/auth/roles';
import { requireViewer } from '@/server/auth/viewer';
import { listManagedDutyOffices } from '@/server/duty';
import { viewerReadsIntegrity } from '@/server/integrity';

/** Every staff page sits behind sign-in; each page checks its own permission again. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer(undefined, { allowPasswordChange: true });
  // Open alerts, low ratings not handled and unanswered comments: counted until handled, whether seen or not.
  const alerts = can(viewer.role, 'dashboard.read') && !viewer.mustChangePassword ? followUpTotal(await countFollowUp(viewer, { cap: 100 })) : undefined;
  // An official's own account has the duty schedule only when the office head delegated it.
  const hidden = viewer.role === 'official' && (await listManagedDutyOffices(viewer)).length === 0 ? ['/lich-truc'] : [];
  // Integrity reports go to the inspectorate's supervisors only, not the Front's or the council's (docs/decisions/028).
  if (viewer.role === 'supervisor' && !(await viewerReadsIntegrity(viewer))) hidden.push('/phan-anh-liem-chinh');
  return (
    <>
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, tới nội dung chính
      </a>
      <StaffNav role={viewer.role} displayName={viewer.displayName} scopeName={viewer.scopeName} badges={{ '/canh-bao': alerts }} hidden={hidden} />
      <main id="noi-dung" className="container">
        {children}
      </main>
    </>
  );
}
