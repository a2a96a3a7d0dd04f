import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getSessionViewer } from '@/db/queries/users';
import { can, type Permission, type Viewer } from '@/lib/auth/roles';
import { authOptions, type SessionClaims } from './options';

/**
 * The signed-in viewer, checked against the database on every request (one
 * lookup by the session's primary key), so signing out, a disabled account
 * or a reset password ends the session at its next request. Null when not signed in. Memoised for the
 * request, so the layout and the page share the one query.
 */
export const getCurrentViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await getServerSession(authOptions())) as SessionClaims | null;
  if (!session?.uid || !session.sv || !session.sid) return null;
  return getSessionViewer({ sessionId: session.sid, userId: session.uid, sessionVersion: session.sv, now: new Date() });
});

/**
 * For pages: sends anonymous visitors to sign in, a user who must change the
 * password to do so, and answers 404 (not 403: nothing is confirmed) when the
 * role lacks the permission.
 */
export async function requireViewer(permission?: Permission, opts: { allowPasswordChange?: boolean } = {}): Promise<Viewer> {
  const viewer = await getCurrentViewer();
  if (!viewer) redirect('/login');
  if (viewer.mustChangePassword && !opts.allowPasswordChange) redirect('/tai-khoan/mat-khau');
  if (permission && !can(viewer.role, permission)) notFound();
  return viewer;
}
