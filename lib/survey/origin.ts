/**
 * Whether a form post came from one of our own pages (docs/security.md,
 * "Survey posts from other sites"). Browsers say where a request comes from
 * with `Origin` (every modern browser on a POST) and `Sec-Fetch-Site`; old
 * phones send neither, and a post without both cannot be told apart from a
 * direct one, so it is allowed (the abuse rules still count it).
 *
 * - `Origin` present: it must be ours, PUBLIC_BASE_URL's origin or the origin
 *   the browser addressed (the Host header, which a browser always sets to
 *   the server it posts to); "null" (sandboxed frames, data: pages) is not.
 * - `Sec-Fetch-Site: cross-site` is refused; `same-site` (a sibling host of
 *   our domain) only passes with our own Origin.
 * - Neither header, or only `Sec-Fetch-Site` same-origin/none: allowed.
 */
export type OriginSeen = { origin: string | null; secFetchSite: string | null; host: string | null };

export function isSameOriginPost(seen: OriginSeen, publicBaseUrl: string): boolean {
  const site = seen.secFetchSite?.trim().toLowerCase() || null;
  if (site === 'cross-site') return false;
  if (seen.origin != null) return isOurOrigin(seen.origin.trim(), publicBaseUrl, seen.host);
  return site === null || site === 'same-origin' || site === 'none';
}

function isOurOrigin(origin: string, publicBaseUrl: string, host: string | null): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null' || origin !== url.origin) return false;
  if (url.origin === new URL(publicBaseUrl).origin) return true;
  return Boolean(host) && url.host === host!.trim().toLowerCase();
}
