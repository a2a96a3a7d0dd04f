import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { mailSettingsOf } from './config';

const FROM = 'Hài Lòng <khong-tra-loi@snv.ninhbinh.gov.vn>';

describe('mailSettingsOf', () => {
  it('is not configured without a server or a sender', () => {
    expect(mailSettingsOf({})).toEqual({ configured: false });
    expect(mailSettingsOf({ MAIL_FROM: FROM })).toEqual({ configured: false });
  });

  it.each([
    ['smtp://127.0.0.1:2525', { host: '127.0.0.1', port: 2525, secure: false }, '127.0.0.1:2525'],
    ['smtp://mail.gov.vn', { host: 'mail.gov.vn', port: 587, secure: false }, 'mail.gov.vn:587'],
    ['smtps://mail.gov.vn', { host: 'mail.gov.vn', port: 465, secure: true }, 'mail.gov.vn:465 (TLS)'],
    [
      'smtp://hai%40long:p%40ss@mail.gov.vn:587',
      { host: 'mail.gov.vn', port: 587, secure: false, auth: { user: 'hai@long', pass: 'p@ss' } },
      'mail.gov.vn:587, tài khoản hai@long',
    ],
  ])('reads SMTP_URL %s', (url, transport, server) => {
    expect(mailSettingsOf({ SMTP_URL: url, MAIL_FROM: FROM })).toEqual({ configured: true, from: FROM, server, transport });
  });

  it('reads host, port, user and password, never showing the password', () => {
    const s = mailSettingsOf({ SMTP_HOST: 'mail.gov.vn', SMTP_PORT: 465, SMTP_USER: 'hl', SMTP_PASS: 'bí-mật', MAIL_FROM: FROM });
    expect(s).toEqual({
      configured: true,
      from: FROM,
      server: 'mail.gov.vn:465 (TLS), tài khoản hl',
      transport: { host: 'mail.gov.vn', port: 465, secure: true, auth: { user: 'hl', pass: 'bí-mật' } },
    });
    expect(JSON.stringify(s.configured && s.server)).not.toContain('bí-mật');
    expect(mailSettingsOf({ SMTP_HOST: 'mail.gov.vn', SMTP_SECURE: 'false', MAIL_FROM: FROM })).toMatchObject({ transport: { port: 587, secure: false } });
  });
});

describe('parseEnv and e-mail', () => {
  const local = () => ({ AUTH_SECRET: 'a'.repeat(43), SIGNAL_SALT: 's'.repeat(32) });
  it('requires MAIL_FROM once a server is set, and one way of setting it', () => {
    const a = parseEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }, local);
    expect(!a.ok && a.problems).toEqual([expect.stringMatching(/^MAIL_FROM: cần địa chỉ người gửi/)]);
    const b = parseEnv({ SMTP_URL: 'smtp://a', SMTP_HOST: 'b', MAIL_FROM: FROM }, local);
    expect(!b.ok && b.problems).toEqual([expect.stringMatching(/^SMTP_HOST: đặt SMTP_URL hoặc SMTP_HOST/)]);
    const c = parseEnv({ SMTP_URL: 'http://mail', MAIL_FROM: FROM }, local);
    expect(!c.ok && c.problems).toEqual([expect.stringMatching(/^SMTP_URL: phải là một địa chỉ smtp/)]);
    expect(parseEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: FROM }, local).ok).toBe(true);
  });
});
