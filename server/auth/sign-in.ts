import { randomBytes } from 'node:crypto';
import { beginSignInAttempt, finishSignIn, getUserForSignIn, listRecentSignInFailures, signInAccountKey } from '@/db/queries/users';
import { transaction } from '@/db/store';
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
 *
 * Count, decide and record happen in one transaction holding the locks of
 * the account and the network (`signin:account:<key>`, `signin:network:<hash>`),
 * and the attempt is recorded as a failure before its password is checked:
 * concurrent attempts, on one server or several, each see the ones before
 * them, so the throttle stops the same attempt it would stop one at a time.
 * The Argon2 check runs after that transaction (it takes ~100 ms and must
 * not hold SQLite's writer or a pooled connection); a right password then
 * turns the attempt into a success in a second, short transaction.
 */
export async function attemptSignIn({
  login,
  password,
  networkHash,
  now,
  sessionHours,
}: {
  login: string;
  password: string;
  networkHash: string | null;
  now: Date;
  sessionHours: number;
}): Promise<SignInResult> {
  // The account, not what was typed, is throttled: its username and e-mail share one bucket.
  const user = await getUserForSignIn({ login });
  const accountKey = signInAccountKey({ userId: user?.id ?? null, login });
  const gate = await transaction(async (c) => {
    await c.lock(`signin:account:${accountKey}`, ...(networkHash ? [`signin:network:${networkHash}`] : []));
    const failures = await listRecentSignInFailures({ accountKey, networkHash, since: new Date(now.getTime() - DEFAULT_SIGN_IN_RULES.windowMs) });
    const decision = gateSignIn(failures, now.getTime());
    if (!decision.allowed) return decision;
    return { ...decision, attemptId: await beginSignInAttempt({ accountKey, networkHash, at: now }) };
  });
  if (!gate.allowed) {
    await burnPasswordCheck(password);
    return { ok: false, error: gate.reason === 'account' ? SIGN_IN_ERRORS.throttledAccount : SIGN_IN_ERRORS.throttledNetwork };
  }
  const ok = user && user.active ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password);
  // The token names this row, so signing out (which ends the row) ends the token wherever it was copied.
  const session = ok && user ? { id: randomBytes(24).toString('base64url'), expiresAt: new Date(now.getTime() + sessionHours * 3_600_000) } : undefined;
  await finishSignIn(gate.attemptId, { userId: user?.id ?? null, accountKey, login, networkHash, ok, at: now, session });
  if (!ok || !user || !session) return { ok: false, error: SIGN_IN_ERRORS.invalid };
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion, sessionId: session.id };
}
