import { describe, expect, it } from 'vitest';
import { isLocalHost, parseEnv, type LocalSecrets } from './env';

const LOCAL: LocalSecrets = { AUTH_SECRET: 'a'.repeat(43), SIGNAL_SALT: 's'.repeat(32) };

describe('parseEnv', () => {
  it('works with no variables at all, with the installation’s own secrets', () => {
    const asked: string[] = [];
    const r = parseEnv({}, (databasePath) => (asked.push(databasePath), LOCAL));
    expect(r.ok && r.env).toMatchObject({ HAILONG_MODE: 'development', DATABASE_PATH: 'data/hai-long.db', PUBLIC_BASE_URL: 'http://localhost:3000', ...LOCAL });
    expect(asked).toEqual(['data/hai-long.db']);
  });

  it('keeps 14 daily and 12 monthly backups, with Debian’s pg_dump, unless told otherwise; a negative count is a problem', () => {
    const r = parseEnv({}, () => LOCAL);
    expect(r.ok && r.env).toMatchObject({ BACKUP_KEEP_DAILY: 14, BACKUP_KEEP_MONTHLY: 12, PG_DUMP_PATH: 'pg_dump', PG_RESTORE_PATH: 'pg_restore' });
    expect(r.ok && r.env.BACKUP_DIR).toBeUndefined();
    const set = parseEnv({ BACKUP_DIR: '/var/backups/hai-long', BACKUP_KEEP_DAILY: '7', BACKUP_KEEP_MONTHLY: '0' }, () => LOCAL);
    expect(set.ok && set.env).toMatchObject({ BACKUP_DIR: '/var/backups/hai-long', BACKUP_KEEP_DAILY: 7, BACKUP_KEEP_MONTHLY: 0 });
    const bad = parseEnv({ BACKUP_KEEP_DAILY: '-1' }, () => LOCAL);
    expect(!bad.ok && bad.problems).toEqual([expect.stringMatching(/^BACKUP_KEEP_DAILY/)]);
  });

  it('logs at info and has no metrics endpoint unless told otherwise; a short metrics token or an unknown level is a problem', () => {
    const r = parseEnv({}, () => LOCAL);
    expect(r.ok && r.env.LOG_LEVEL).toBe('info');
    expect(r.ok && r.env.METRICS_TOKEN).toBeUndefined();
    const set = parseEnv({ LOG_LEVEL: 'warn', METRICS_TOKEN: 'f'.repeat(64) }, () => LOCAL);
    expect(set.ok && set.env).toMatchObject({ LOG_LEVEL: 'warn', METRICS_TOKEN: 'f'.repeat(64) });
    const bad = parseEnv({ LOG_LEVEL: 'loud', METRICS_TOKEN: 'short' }, () => LOCAL);
    expect(!bad.ok && bad.problems).toEqual([expect.stringMatching(/^LOG_LEVEL: phải là một trong/), expect.stringMatching(/^METRICS_TOKEN: cần ít nhất 16 ký tự/)]);
  });

  it('prefers configured secrets to the installation’s own', () => {
    const r = parseEnv({ AUTH_SECRET: 'c'.repeat(32), DATABASE_PATH: '/srv/hl/app.db' }, () => LOCAL);
    expect(r.ok && [r.env.AUTH_SECRET, r.env.SIGNAL_SALT]).toEqual(['c'.repeat(32), LOCAL.SIGNAL_SALT]);
  });

  it('has no secret of its own: without one configured or a source, it is a problem', () => {
    const r = parseEnv({});
    expect(!r.ok && r.problems).toEqual([expect.stringMatching(/^AUTH_SECRET/), expect.stringMatching(/^SIGNAL_SALT/)]);
  });

  it('never uses the installation’s secrets in production mode', () => {
    const r = parseEnv({ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.vn' }, () => LOCAL);
    expect(!r.ok && r.problems).toEqual([expect.stringMatching(/^AUTH_SECRET/), expect.stringMatching(/^SIGNAL_SALT/)]);
  });

  it('drops a trailing slash from PUBLIC_BASE_URL and treats empty strings as unset', () => {
    const r = parseEnv({ PUBLIC_BASE_URL: 'https://hailong.example.vn/', DATABASE_PATH: '' }, () => LOCAL);
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

  it('requires a salt in production mode', () => {
    const r = parseEnv({ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.vn' });
    expect(!r.ok && r.problems.join()).toMatch(/SIGNAL_SALT/);
  });

  it('requires a session secret in production mode', () => {
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
  it.each([
    [{}, 'normal'],
    [{ HAILONG_MODE: 'demo' }, 'normal'],
    [{ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.vn', ...LOCAL }, 'full'],
    [{ HAILONG_MODE: 'production', PUBLIC_BASE_URL: 'https://hailong.example.vn', ...LOCAL, DATABASE_SYNCHRONOUS: 'normal' }, 'normal'],
    [{ HAILONG_MODE: 'demo', DATABASE_SYNCHRONOUS: ' FULL ' }, 'full'],
  ])('SQLite synchronous with %j is %s (full in production, normal elsewhere, unless set)', (raw, want) => {
    const r = parseEnv(raw, () => LOCAL);
    expect(r.ok && r.env.DATABASE_SYNCHRONOUS).toBe(want);
  });

  it('refuses a synchronous setting other than normal or full', () => {
    for (const value of ['off', 'extra', '1']) {
      const r = parseEnv({ DATABASE_SYNCHRONOUS: value }, () => LOCAL);
      expect(!r.ok && r.problems).toEqual(['DATABASE_SYNCHRONOUS: phải là normal hoặc full']);
    }
  });
});
