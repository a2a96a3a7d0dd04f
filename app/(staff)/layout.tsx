import { StaffNav } from '@/components/staff/staff-nav';
import { requireViewer } from '@/server/auth/viewer';

/** Every staff page sits behind sign-in; each page checks its own permission again. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer(undefined, { allowPasswordChange: true });
  return (
    <>
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, tới nội dung chính
      </a>
      <StaffNav role={viewer.role} displayName={viewer.displayName} scopeName={viewer.scopeName} />
      <main id="noi-dung" className="container">
        {children}
      </main>
    </>
  );
}
