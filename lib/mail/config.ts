import type { Env } from '@/lib/env';

/**
 * How the app sends e-mail, from the environment (README, Configuration):
 * `SMTP_URL`, or `SMTP_HOST` with `SMTP_PORT`, `SMTP_USER`, `SMTP_PASS` and
 * `SMTP_SECURE`; always with `MAIL_FROM`. Without them the app works, sends
 * nothing, and the administrators' system page says so. `server` names the
 * server for people and logs, never with its password.
 */
export type MailSettings =
  | { configured: false }
  | {
      configured: true;
      from: string;
      server: string;
      transport: { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
    };

type MailEnv = Pick<Env, 'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASS' | 'SMTP_SECURE' | 'MAIL_FROM'>;

export function mailSettingsOf(env: MailEnv): MailSettings {
  if (!env.MAIL_FROM || !(env.SMTP_URL || env.SMTP_HOST)) return { configured: false };
  let host: string;
  let port: number;
  let secure: boolean;
  let user: string | undefined;
  let pass: string | undefined;
  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL);
    secure = url.protocol === 'smtps:';
    host = url.hostname.replace(/^\[|\]$/g, '');
    port = url.port ? Number(url.port) : secure ? 465 : 587;
    user = url.username ? decodeURIComponent(url.username) : undefined;
    pass = url.password ? decodeURIComponent(url.password) : undefined;
  } else {
    host = env.SMTP_HOST!;
    port = env.SMTP_PORT ?? (env.SMTP_SECURE === 'true' ? 465 : 587);
    secure = env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : port === 465;
    user = env.SMTP_USER || undefined;
    pass = env.SMTP_PASS || undefined;
  }
  return {
    configured: true,
    from: env.MAIL_FROM,
    server: `${host}:${port}${secure ? ' (TLS)' : ''}${user ? `, tài khoản ${user}` : ''}`,
    transport: { host, port, secure, ...(user ? { auth: { user, pass: pass ?? '' } } : {}) },
  };
}
