// @ts-check
// CommonJS, so next.config.js sends the same headers as the survey's post that is answered before Next (server/survey-post.ts).

/** Headers every response carries. */
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

/** Only when the request reached us over HTTPS, through the TLS-terminating proxy (X-Forwarded-Proto: https). */
const HSTS = { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' };

module.exports = { SECURITY_HEADERS, HSTS };
