/**
 * A redirect from a route handler to a path of this site, as a relative
 * Location. Never built from `req.url`: behind a proxy (or on `next start`)
 * that is the address the server listens on (`http://localhost:<port>`),
 * not the one the visitor used, so the browser would be sent nowhere.
 */
export function redirectToPath(path: `/${string}`, status: 302 | 303 | 307 = 303): Response {
  return new Response(null, { status, headers: { Location: path, 'Cache-Control': 'no-store' } });
}

/** Where a route handler sends a visitor who is not signed in (like the pages do). */
export function redirectToSignIn(): Response {
  return redirectToPath('/login');
}
