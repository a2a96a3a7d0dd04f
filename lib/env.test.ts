import { describe, expect, it } from 'vitest';
import { isLocalHost, parseEnv } from './env';

describe('parseEnv', () => {
  it('works with no variables at all', () => {
    const r = parseEnv({});
    expect(r.ok && r.env).toMatchObject({ HAILONG_MODE: 'development', DATABASE_PATH: 'data/hai-long.db', PUBLIC_BASE_URL: 'http://localhost:3000' });
  });

  it('drops a trailing slash from PUBLIC_BASE_URL and treats empty strings as unset', () => {
    const r = parseEnv({ PUBLIC_BASE_URL: 'https://hailong.example.vn/', DATABASE_PATH: '' });
    expect(r.ok && r.env.PUBLIC_BASE_URL).toBe('https://hailong.example.vn');
    expect(r.ok && r.env.DATABASE_PATH).toBe('data/hai-long.db');
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:8080', 'http://app.localhost'])(
    'refuses %s in production mode',
    (url) => {
      const r = parseEnv({ HAILONG_MODE: 'production', PUBLIC_BASE_URL: url, SIGNAL_SALT: 'a-long-enough-production-salt', AUTH_SECRET: 'x'.repeat(32) });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problems.join()).toMatch(/PUBLIC_BASE_URL/);
    },
  );

  it('refuses the development salt in production mode', () => {
    const r = parseEnv({ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.vn' });
    expect(!r.ok && r.problems.join()).toMatch(/SIGNAL_SALT/);
  });

  it('refuses the development session secret in production mode', () => {
    const r = parseEnv({ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.vn', SIGNAL_SALT: 'a-long-enough-production-salt' });
    expect(!r.ok && r.problems).toEqual([expect.stringMatching(/^AUTH_SECRET/)]);
  });

  it('accepts a real deployment', () => {
    const r = parseEnv({ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.vn', SIGNAL_SALT: 'a-long-enough-production-salt', AUTH_SECRET: 'y'.repeat(40) });
    expect(r.ok).toBe(true);
  });

  it('lists every problem at once', () => {
    const r = parseEnv({ HAILONG_MODE: 'staging', PUBLIC_BASE_URL: 'not a url', TRUST_PROXY: '-1' });
    expect(!r.ok && r.problems.length).toBe(3);
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['hailong.ninhbinh.gov.vn', false],
    ['10.0.0.5', false],
  ])('isLocalHost(%s) → %s', (host, want) => expect(isLocalHost(host)).toBe(want));
});
