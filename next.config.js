// @ts-check

const isDev = process.env.NODE_ENV !== 'production';

/**
 * One policy for every page. Next's App Router inlines its bootstrap scripts,
 * hence 'unsafe-inline' for scripts; 'unsafe-eval' only for the dev server.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native modules stay plain Node requires, never bundled.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  async rewrites() {
    // The survey posts to /s/<code>/gui rather than to its own URL: a POST to a URL
    // evicts that URL from the browser cache, and the back button must find the
    // very same form (same submission id) there. docs/decisions/002.
    return [{ source: '/s/:code/gui', destination: '/s/:code' }];
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        ],
      },
      {
        // HSTS only when the request reached us over HTTPS (via the TLS-terminating proxy).
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }],
      },
    ];
  },
};

module.exports = nextConfig;
