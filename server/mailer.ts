import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv } from '@/lib/env';
import { mailSettingsOf, type MailSettings } from '@/lib/mail/config';
import type { Mail } from '@/lib/mail/messages';

/** Sends one plain-text message; throws when the SMTP server refuses it or cannot be reached. */
export type Mailer = { readonly server: string; send(to: string, mail: Mail): Promise<void> };

/** This process's e-mail settings (README, Configuration). */
export function mailSettings(): MailSettings {
  return mailSettingsOf(getEnv());
}

/**
 * A mailer over nodemailer's SMTP transport, or null when e-mail is not
 * configured. Timeouts are short: a job waits for a stuck server at most
 * a few tens of seconds, then records the failure and tries again later.
 */
export function createMailer(settings: MailSettings): Mailer | null {
  if (!settings.configured) return null;
  let transport: Transporter | undefined;
  return {
    server: settings.server,
    async send(to, mail) {
      transport ??= nodemailer.createTransport({
        ...settings.transport,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
      await transport.sendMail({ from: settings.from, to, subject: mail.subject, text: mail.text });
    },
  };
}

const cache = globalThis as unknown as { __hailongMailer?: Mailer | null };

/** The process's mailer, made once from the environment (null: e-mail not configured). */
export function appMailer(): Mailer | null {
  if (cache.__hailongMailer === undefined) cache.__hailongMailer = createMailer(mailSettings());
  return cache.__hailongMailer;
}
