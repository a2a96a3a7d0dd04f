/** A signed-in staff session for benchmarks that call the app over HTTP, as a browser's cookie jar would hold it. */
export type Jar = Map<string, string>;

export const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Keeps the cookies a response sets, as a browser would. */
export function storeCookies(jar: Jar, res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}

/** next-auth's credentials sign-in (CSRF token, then the callback, as the sign-in form does); returns the cookie jar. */
export async function signIn(base: string, login = 'quantri', password = 'hailong-demo-2026'): Promise<Jar> {
  const jar: Jar = new Map();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  storeCookies(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, login, password, json: 'true' }),
  });
  await res.arrayBuffer();
  storeCookies(jar, res);
  if (![...jar.keys()].some((k) => k.endsWith('session-token'))) throw new Error(`sign-in as ${login} failed: HTTP ${res.status}`);
  return jar;
}
