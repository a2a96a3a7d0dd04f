import { StaffNav } from '@/components/staff/staff-nav';
import { alertBadge, badgeTotal } from '@/db/queries/alerts';
import { can } from '@/lib/auth/roles';
import { requireViewer } from '@/server/auth/viewer';

/** Every staff page sits behind sign-in; each page checks its own permission again. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer(undefined, { allowPasswordChange: true });
  // New low ratings, unanswered comments and open alerts since the alerts page was last seen.
  const alerts = can(viewer.role, 'dashboard.read') && !viewer.mustChangePassword ? badgeTotal(await alertBadge(viewer, { cap: 100 })) : undefined;
  return (
    <>
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, tới nội dung chính
      </a>
      <StaffNav role={viewer.role} displayName={viewer.displayName} scopeName={viewer.scopeName} badges={{ '/canh-bao': alerts }} />
      <main id="noi-dung" className="container">
        {children}
      </main>
    </>
  );
}
