// @ts-check

// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS, and so is the policy it shares with proxy.ts
const { contentSecurityPolicy } = require('./lib/csp.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with server/survey-post.ts, which answers the survey's post before Next
const { HSTS, SECURITY_HEADERS } = require('./lib/security-headers.js');

/**
 * The paths proxy.ts skips (its matcher; lib/csp.test.ts keeps the two lists
 * equal) get the same policy without a nonce: the survey's post and
 * /tra-cuu and the public results /cong-khai (Pages Router, no client runtime,
 * no inline script), /api, /qr.
 */
const STATIC_CSP = contentSecurityPolicy({ nonce: null, dev: false });
const PROXY_SKIPS = ['/s/:code/gui', '/tra-cuu', '/cong-khai/:path*', '/api/:path*', '/qr/:path*'];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native modules stay plain Node requires, never bundled.
  // prom-client too: one module (one registry) for every bundle (docs/decisions/029).
  serverExternalPackages: ['better-sqlite3', 'pg', '@node-rs/argon2', 'sharp', 'prom-client', 'pino'],
  async rewrites() {
    // The survey posts to /s/<code>/gui rather than to its own URL: a POST to a URL
    // evicts that URL from the browser cache, and the back button must find the
    // very same form (same submission id) there. docs/decisions/002.
    return [{ source: '/s/:code/gui', destination: '/s/:code' }];
  },
  async headers() {
    return [
      {
        // The Content-Security-Policy is set per request by proxy.ts (it carries a nonce).
        source: '/:path*',
        headers: SECURITY_HEADERS,
      },
      ...PROXY_SKIPS.map((source) => ({ source, headers: [{ key: 'Content-Security-Policy', value: STATIC_CSP }] })),
      {
        // HSTS only when the request reached us over HTTPS (via the TLS-terminating proxy).
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [HSTS],
      },
    ];
  },
};

module.exports = nextConfig;
