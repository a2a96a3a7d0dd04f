/** Where a signed-in member of staff lands when no (acceptable) destination was asked for. */
export const STAFF_HOME = '/tong-quan';

// Control characters (tab, CR, LF…) are dropped or refused by URL parsers in
// different ways: a browser strips a tab from `/\t/evil` and reads `//evil`.
const CONTROL = /[\u0000-\u001f\u007f]/;
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The destination after sign-in as a path on this site (`/x?y#z`), or
 * STAFF_HOME when `raw` could lead anywhere else. Browsers read `\` as `/`,
 * drop tabs and newlines, and accept `http:host`, so a prefix check on the
 * raw string is not enough: the value is resolved against `baseUrl` the way
 * a browser would, and only a same-origin result whose path cannot be read
 * as another host (`//host`, `/\host`, also once percent-decoded) is kept.
 * Absolute URLs are accepted only when they point at `baseUrl`'s origin.
 */
export function safeCallbackPath(raw: unknown, baseUrl: string): string {
  if (typeof raw !== 'string' || raw === '' || raw.length > 2000 || CONTROL.test(raw) || raw.includes('\\')) return STAFF_HOME;
  if (!raw.startsWith('/') && !ABSOLUTE.test(raw)) return STAFF_HOME;
  let base: URL;
  let url: URL;
  try {
    base = new URL(baseUrl);
    url = new URL(raw, base);
  } catch {
    return STAFF_HOME;
  }
  if (url.origin !== base.origin || url.username || url.password) return STAFF_HOME;
  const path = `${url.pathname}${url.search}${url.hash}`;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return STAFF_HOME;
  }
  if (!path.startsWith('/') || /^\/[/\\]/.test(path) || /^\/[/\\]/.test(decoded) || CONTROL.test(decoded) || decoded.includes('\\')) return STAFF_HOME;
  return path;
}
