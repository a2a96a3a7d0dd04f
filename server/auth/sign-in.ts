import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { getUserForSignIn, listRecentSignInFailures, recordSignIn, signInAccountKey } from '@/db/queries/users';
import { DEFAULT_SIGN_IN_RULES, gateSignIn } from '@/lib/auth/throttle';
import { burnPasswordCheck, verifyPassword } from './password';

/** Error codes the sign-in page turns into Vietnamese messages (components/auth/sign-in-form.tsx). */
export const SIGN_IN_ERRORS = { invalid: 'invalid', throttledAccount: 'throttled_account', throttledNetwork: 'throttled_network' } as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS];

export type SignInResult = { ok: true; userId: number; sessionVersion: number; sessionId: string } | { ok: false; error: SignInError };

/**
 * One password sign-in (next-auth's `authorize`): throttled per account and
 * per network (counted in the database, docs/security.md), the password
 * checked in constant-looking time, the attempt recorded, and on success a
 * new row of user_sessions whose id the session token carries.
 */
export async function attemptSignIn(
  db: Db,
  { login, password, networkHash, now, sessionHours }: { login: string; password: string; networkHash: string | null; now: Date; sessionHours: number },
): Promise<SignInResult> {
  // The account, not what was typed, is throttled: its username and e-mail share one bucket.
  const user = getUserForSignIn(db, { login });
  const accountKey = signInAccountKey({ userId: user?.id ?? null, login });
  const failures = listRecentSignInFailures(db, { accountKey, networkHash, since: new Date(now.getTime() - DEFAULT_SIGN_IN_RULES.windowMs) });
  const gate = gateSignIn(failures, now.getTime());
  if (!gate.allowed) {
    await burnPasswordCheck(password);
    return { ok: false, error: gate.reason === 'account' ? SIGN_IN_ERRORS.throttledAccount : SIGN_IN_ERRORS.throttledNetwork };
  }
  const ok = user && user.active ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password);
  // The token names this row, so signing out (which ends the row) ends the token wherever it was copied.
  const session = ok && user ? { id: randomBytes(24).toString('base64url'), expiresAt: new Date(now.getTime() + sessionHours * 3_600_000) } : undefined;
  recordSignIn(db, { userId: user?.id ?? null, accountKey, login, networkHash, ok, at: now, session });
  if (!ok || !user || !session) return { ok: false, error: SIGN_IN_ERRORS.invalid };
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion, sessionId: session.id };
}
