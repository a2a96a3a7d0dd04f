import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import { STAFF_HOME, safeCallbackPath } from '@/lib/auth/callback-url';
import { getEnv } from '@/lib/env';
import { getCurrentViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Đăng nhập' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path of this site may be the destination after sign-in (lib/auth/callback-url.ts).
  const callbackUrl = safeCallbackPath(params.callbackUrl, getEnv().PUBLIC_BASE_URL);
  if (await getCurrentViewer()) redirect(callbackUrl.startsWith('/login') ? STAFF_HOME : callbackUrl);
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
