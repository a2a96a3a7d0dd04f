import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { makeSecrets, secretsEnvLines } from './secrets';

describe('makeSecrets', () => {
  it('makes base64url values a production environment accepts', () => {
    const secrets = makeSecrets(randomBytes);
    expect(secrets.AUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secrets.SIGNAL_SALT).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const env = parseEnv({ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.gov.vn', ...secrets });
    expect(env.ok).toBe(true);
  });

  it('takes its randomness from the source it is given, a fresh draw per value', () => {
    const asked: number[] = [];
    let next = 0;
    const counter = (n: number) => (asked.push(n), Uint8Array.from({ length: n }, () => next++ % 256));
    const secrets = makeSecrets(counter);
    expect(asked).toEqual([32, 24]);
    expect(secrets.AUTH_SECRET).toBe(Buffer.from(Uint8Array.from({ length: 32 }, (_, i) => i)).toString('base64url'));
    expect(secrets.AUTH_SECRET).not.toContain(secrets.SIGNAL_SALT);
  });
});

describe('secretsEnvLines', () => {
  it('is comment lines then KEY=value lines, nothing else', () => {
    const text = secretsEnvLines({ AUTH_SECRET: 'a'.repeat(43), SIGNAL_SALT: 'b'.repeat(32) }, '05/12/2026 16:40');
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual([`AUTH_SECRET=${'a'.repeat(43)}`, `SIGNAL_SALT=${'b'.repeat(32)}`]);
    expect(lines[0]).toContain('05/12/2026 16:40');
    expect(text.endsWith('\n')).toBe(true);
  });
});
