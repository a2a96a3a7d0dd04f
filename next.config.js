// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The native SQLite driver must stay a plain Node require, never bundled.
  serverExternalPackages: ['better-sqlite3'],
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
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
