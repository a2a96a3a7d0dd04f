import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import { getCurrentViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Đăng nhập' };

/** Only same-site paths may be a destination after sign-in. */
function safeCallback(raw: unknown): string {
  return typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/tong-quan';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getCurrentViewer()) redirect(callbackUrl);
  const error = typeof params.error === 'string' ? params.error : undefined;
  return (
    <>
      <SiteHeader />
      <main id={MAIN_ID} className="container narrow">
        <h1>Đăng nhập dành cho cán bộ</h1>
        <p className="muted">Thủ trưởng cơ quan, cán bộ thẩm định, giám sát và quản trị viên.</p>
        <SignInForm callbackUrl={callbackUrl} initialError={error} />
      </main>
    </>
  );
}
