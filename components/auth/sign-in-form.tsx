'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { safeCallbackPath } from '@/lib/auth/callback-url';

const MESSAGES: Record<string, string> = {
  invalid: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  throttled_account: 'Tài khoản này vừa đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị viên.',
  throttled_network: 'Có quá nhiều lần đăng nhập sai từ mạng này. Vui lòng thử lại sau 15 phút.',
};
const FALLBACK = 'Không đăng nhập được. Vui lòng thử lại.';

/** Sign-in with the credentials provider; errors are announced to screen readers. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? (MESSAGES[initialError] ?? FALLBACK) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      login: String(data.get('login') ?? ''),
      password: String(data.get('password') ?? ''),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(MESSAGES[result?.error ?? ''] ?? FALLBACK);
      return;
    }
    // Checked again here: this is the navigation that would leave the site (lib/auth/callback-url.ts).
    router.replace(safeCallbackPath(callbackUrl, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="stack" noValidate>
      <div role="alert" aria-live="assertive" className={error ? 'form-error' : undefined}>
        {error}
      </div>
      <div className="field">
        <label htmlFor="login">Tên đăng nhập hoặc e-mail</label>
        <input id="login" name="login" type="text" autoComplete="username" required autoCapitalize="none" spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor="password">Mật khẩu</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  );
}
