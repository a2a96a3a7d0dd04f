import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it.each([
    [false, "script-src 'self' 'nonce-abc'"],
    [true, "script-src 'self' 'nonce-abc' 'unsafe-eval'"],
  ])('dev=%s: scripts are %s', (dev, want) => expect(directive(contentSecurityPolicy({ nonce: 'abc', dev }), 'script-src')).toBe(want));

  it.each([
    ['object-src', "object-src 'none'"],
    ['frame-ancestors', "frame-ancestors 'none'"],
    ['form-action', "form-action 'self'"],
    ['base-uri', "base-uri 'self'"],
    ['default-src', "default-src 'self'"],
  ])('%s is %s', (name, want) => expect(directive(contentSecurityPolicy({ nonce: 'n', dev: false }), name)).toBe(want));

  it('without a nonce allows only files from this origin', () =>
    expect(directive(contentSecurityPolicy({ nonce: null, dev: false }), 'script-src')).toBe("script-src 'self'"));

  it('next.config.js gives the paths the proxy skips the same policy without a nonce', async () => {
    const config = (await import('../next.config.js')).default as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = (await config.headers()).filter((r) => r.headers.some((h) => h.key === 'Content-Security-Policy'));
    expect(rules.map((r) => r.source).sort()).toEqual(['/api/:path*', '/cong-khai/:path*', '/qr/:path*', '/s/:code/gui', '/tra-cuu'].sort());
    for (const r of rules) expect(r.headers.find((h) => h.key === 'Content-Security-Policy')!.value).toBe(contentSecurityPolicy({ nonce: null, dev: false }));
  });

  it('never allows inline scripts', () => expect(contentSecurityPolicy({ nonce: 'n', dev: true })).not.toMatch(/script-src[^;]*unsafe-inline/));
});
