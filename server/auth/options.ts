import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { endUserSession } from '@/db/queries/users';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { getEnv } from '@/lib/env';
import { SignInSchema } from '@/lib/validation/auth';
import { clientAddressFromHeaders, networkHashOf } from '../client-address';
import { SIGN_IN_ERRORS, attemptSignIn } from './sign-in';

/** What the session token carries: the account, its session version, and the sign-in session (user_sessions.id). */
export type SessionClaims = { uid?: number; sv?: number; sid?: string };

async function requestNetworkHash(): Promise<string | null> {
  try {
    return networkHashOf(clientAddressFromHeaders(await headers()));
  } catch {
    // Outside a request (never expected for sign-out): the entry simply has no network.
    return null;
  }
}

export function authOptions(): AuthOptions {
  const env = getEnv();
  const secure = env.PUBLIC_BASE_URL.startsWith('https://');
  return {
    secret: env.AUTH_SECRET,
    useSecureCookies: secure,
    session: { strategy: 'jwt', maxAge: env.SESSION_HOURS * 3600 },
    jwt: { maxAge: env.SESSION_HOURS * 3600 },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'credentials',
        credentials: { login: { label: 'Tên đăng nhập' }, password: { label: 'Mật khẩu', type: 'password' } },
        async authorize(credentials, req) {
          const parsed = SignInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
          const result = await attemptSignIn({
            ...parsed.data,
            networkHash: networkHashOf(clientAddressFromHeaders(req?.headers)),
            now: new Date(),
            sessionHours: env.SESSION_HOURS,
          });
          if (!result.ok) throw new Error(result.error);
          return { id: String(result.userId), sv: result.sessionVersion, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as { sv?: number; sid?: string };
          token.uid = Number(user.id);
          token.sv = u.sv ?? 1;
          token.sid = u.sid;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid } as typeof session;
      },
      // next-auth also follows callbackUrl itself (sign-in and sign-out answers): only paths of this site.
      redirect({ url }) {
        return `${env.PUBLIC_BASE_URL}${safeCallbackPath(url, env.PUBLIC_BASE_URL)}`;
      },
    },
    events: {
      async signOut({ token }) {
        const claims = (token ?? {}) as SessionClaims;
        if (!claims.sid || !claims.uid) return;
        await endUserSession({ sessionId: claims.sid, userId: claims.uid, at: new Date(), networkHash: await requestNetworkHash() });
      },
    },
  };
}
