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

  it('never allows inline scripts', () => expect(contentSecurityPolicy({ nonce: 'n', dev: true })).not.toMatch(/script-src[^;]*unsafe-inline/));
});
