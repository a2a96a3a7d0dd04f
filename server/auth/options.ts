import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { getUserForSignIn, listRecentSignInFailures, recordSignIn } from '@/db/queries/users';
import { DEFAULT_SIGN_IN_RULES, gateSignIn } from '@/lib/auth/throttle';
import { getEnv } from '@/lib/env';
import { SignInSchema } from '@/lib/validation/auth';
import { clientAddressFromHeaders, networkHashOf } from '../client-address';
import { burnPasswordCheck, verifyPassword } from './password';

/** Error codes the sign-in page turns into Vietnamese messages (components/auth/sign-in-form.tsx). */
export const SIGN_IN_ERRORS = { invalid: 'invalid', throttledAccount: 'throttled_account', throttledNetwork: 'throttled_network' } as const;

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
          const { login, password } = parsed.data;
          const db = getDb();
          const now = new Date();
          const networkHash = networkHashOf(clientAddressFromHeaders(req?.headers));
          const failures = listRecentSignInFailures(db, { accountKey: login, networkHash, since: new Date(now.getTime() - DEFAULT_SIGN_IN_RULES.windowMs) });
          const gate = gateSignIn(failures, now.getTime());
          if (!gate.allowed) {
            await burnPasswordCheck(password);
            throw new Error(gate.reason === 'account' ? SIGN_IN_ERRORS.throttledAccount : SIGN_IN_ERRORS.throttledNetwork);
          }
          const user = getUserForSignIn(db, { login });
          const ok = user && user.active ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password);
          recordSignIn(db, { userId: user?.id ?? null, accountKey: login, networkHash, ok, at: now });
          if (!ok || !user) throw new Error(SIGN_IN_ERRORS.invalid);
          return { id: String(user.id), sv: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.sv = (user as { sv?: number }).sv ?? 1;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv } as typeof session;
      },
    },
  };
}
