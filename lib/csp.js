// @ts-check
// CommonJS, so next.config.js can read the same policy (for the paths proxy.ts skips).

/**
 * The Content-Security-Policy of every response. proxy.ts sets it with a
 * fresh nonce per request on the App Router's pages; the paths the proxy
 * skips to keep the hot paths light (the survey's post, /tra-cuu, /api,
 * /qr: no inline scripts, no server actions) get the same policy without a
 * nonce from next.config.js (`script-src 'self'`; a test keeps the two equal).
 *
 * - Scripts: only files from this origin and inline scripts carrying the
 *   request's nonce (Next puts it on its own bootstrap scripts when it reads
 *   it from the request's CSP header). No 'unsafe-inline', so an injected
 *   inline script or event-handler attribute does not run. No
 *   'strict-dynamic' either: it would make browsers ignore 'self', and the
 *   citizen pages load /survey.js by a plain <script src> without the client
 *   runtime; Turbopack's chunk loader only adds same-origin scripts.
 * - Styles keep 'unsafe-inline': React renders `style` attributes (chart
 *   sizes, recharts' own SVG styles, CSS variables of tree depth) and the
 *   citizen pages inline their one stylesheet to save a round trip on slow
 *   phones (docs/decisions/002); attributes cannot carry a nonce. Styles
 *   cannot run code, so this does not reopen script injection.
 * - 'unsafe-eval' only on the dev server (React rebuilds server stacks with eval).
 */
/**
 * @param {{ nonce: string | null; dev: boolean }} options
 * @returns {string}
 */
function contentSecurityPolicy({ nonce, dev }) {
  return [
    "default-src 'self'",
    `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

module.exports = { contentSecurityPolicy };
