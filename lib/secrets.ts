/**
 * Fresh secrets for an installation (`npm run secrets`, deploy/README.md):
 * lines ready for systemd's EnvironmentFile (and for a shell's `set -a; .`).
 * Pure: the random bytes are passed in.
 */
export type SecretLines = { AUTH_SECRET: string; SIGNAL_SALT: string };

/** Bytes of randomness behind each: 256 bits for the signing secret, 192 for the salt (both far above lib/env.ts's minimum lengths). */
export const SECRET_BYTES = { AUTH_SECRET: 32, SIGNAL_SALT: 24 } as const;

/** base64url without padding: no `=`, `+`, `/`, `$` or quotes, so the value needs no quoting in either file format. */
export function makeSecrets(randomBytes: (n: number) => Uint8Array): SecretLines {
  const encode = (n: number) => Buffer.from(randomBytes(n)).toString('base64url');
  return { AUTH_SECRET: encode(SECRET_BYTES.AUTH_SECRET), SIGNAL_SALT: encode(SECRET_BYTES.SIGNAL_SALT) };
}

/** The lines to append to /etc/hai-long/hai-long.env, with a comment saying what changing them later does. */
export function secretsEnvLines(secrets: SecretLines, madeAt: string): string {
  return [
    `# Hài Lòng: bí mật của bản cài đặt, tạo lúc ${madeAt}. Giữ kín; lưu cùng bản sao lưu.`,
    '# Đổi AUTH_SECRET: mọi người phải đăng nhập lại. Đổi SIGNAL_SALT: mất liên kết thiết bị/mạng với các lượt đánh giá cũ.',
    `AUTH_SECRET=${secrets.AUTH_SECRET}`,
    `SIGNAL_SALT=${secrets.SIGNAL_SALT}`,
    '',
  ].join('\n');
}
