/**
 * The route a request went to, as a pattern ("/s/[code]", not "/s/TTHC22"):
 * the label of the request metrics (docs/decisions/029-logs-and-metrics.md).
 * A raw path would make one time series per office code, receipt or probe a
 * scanner tries, and Prometheus keeps every series it has seen. The patterns
 * come from the build's own route list (.next/routes-manifest.json), so a
 * new page needs no change here; whatever matches none is "other".
 */

type ManifestRoute = { page: string; regex: string };
type ManifestRewrite = { source: string; regex?: string };

export type RouteManifest = {
  staticRoutes?: ManifestRoute[];
  dynamicRoutes?: ManifestRoute[];
  rewrites?: ManifestRewrite[] | { beforeFiles?: ManifestRewrite[]; afterFiles?: ManifestRewrite[]; fallback?: ManifestRewrite[] };
};

export type RouteTable = { exact: Map<string, string>; patterns: { label: string; re: RegExp }[] };

/** What is left when nothing matches (and when the build's list could not be read). */
export const OTHER_ROUTE = 'other';

/** "/s/:code/gui" → "/s/[code]/gui", "/api/:path*" → "/api/[...path]". */
function labelOfSource(source: string): string {
  return source.replace(/:([A-Za-z0-9_]+)[*+]/g, '[...$1]').replace(/:([A-Za-z0-9_]+)\??/g, '[$1]');
}

function regexOfSource(source: string): RegExp {
  const body = source
    .split('/')
    .map((part) => {
      if (/^:[A-Za-z0-9_]+[*+]$/.test(part)) return '.+';
      if (/^:[A-Za-z0-9_]+\??$/.test(part)) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${body}/?$`);
}

/** `publicFiles`: the files under public/ ("/sw.js"), served as they are and labelled by their own path. */
export function compileRoutes(manifest: RouteManifest, publicFiles: readonly string[] = []): RouteTable {
  const rewrites = Array.isArray(manifest.rewrites)
    ? manifest.rewrites
    : [...(manifest.rewrites?.beforeFiles ?? []), ...(manifest.rewrites?.afterFiles ?? []), ...(manifest.rewrites?.fallback ?? [])];
  const patterns = [
    // A rewrite's source is the address people use (the survey's post to /s/<code>/gui): its own label.
    ...rewrites.map((r) => ({ label: labelOfSource(r.source), re: r.regex ? new RegExp(r.regex) : regexOfSource(r.source) })),
    ...(manifest.dynamicRoutes ?? []).map((r) => ({ label: r.page, re: new RegExp(r.regex) })),
  ];
  const exact = new Map<string, string>(publicFiles.map((f) => [f, f]));
  for (const r of manifest.staticRoutes ?? []) exact.set(r.page, r.page);
  return { exact, patterns };
}

/** The route pattern of a request path (a query string is ignored). */
export function routeOf(rawPath: string, table: RouteTable): string {
  let p = rawPath.split('?')[0]!.split('#')[0]!;
  if (!p.startsWith('/')) return OTHER_ROUTE;
  if (p.startsWith('/_next/')) {
    const [, , kind] = p.split('/');
    return kind === 'static' || kind === 'image' || kind === 'data' ? `/_next/${kind}` : '/_next';
  }
  // The App Router's own fetches of a page: /x.rsc, /x.prefetch.rsc, /x.segments/….
  p = p.replace(/\.segments\/.*$/, '').replace(/(\.prefetch)?\.rsc$/, '');
  if (p === '/index') p = '/';
  if (p.length > 1) p = p.replace(/\/+$/, '');
  // The tables hold the decoded form ("/quan-tri"); a path arrives percent-encoded.
  let decoded = p;
  try {
    decoded = decodeURIComponent(p);
  } catch {
    // Malformed escapes: match the raw path.
  }
  const exact = table.exact.get(p) ?? table.exact.get(decoded);
  if (exact) return exact;
  for (const { label, re } of table.patterns) if (re.test(p) || re.test(decoded)) return label;
  return OTHER_ROUTE;
}
