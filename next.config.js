// @ts-check

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
        // The Content-Security-Policy is set per request by proxy.ts (it carries a nonce).
        source: '/:path*',
        headers: [
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
