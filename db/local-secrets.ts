import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LocalSecrets } from '@/lib/env';

/** The file beside the SQLite database that holds the installation's own secrets. */
export const LOCAL_SECRETS_FILE = 'hai-long-secrets.json';

export function localSecretsPath(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath === ':memory:' ? 'data/memory.db' : databasePath)), LOCAL_SECRETS_FILE);
}

function parseSecrets(file: string, text: string): LocalSecrets {
  let data: Partial<LocalSecrets> | null = null;
  try {
    data = JSON.parse(text) as Partial<LocalSecrets>;
  } catch {
    // Reported below with the file's name.
  }
  const ok = (v: unknown, min: number) => typeof v === 'string' && v.length >= min;
  if (!data || !ok(data.AUTH_SECRET, 32) || !ok(data.SIGNAL_SALT, 16)) {
    // Never replaced silently: a new salt would change every stored network hash, a new secret end every session.
    throw new Error(`Tệp bí mật ${file} bị hỏng (cần AUTH_SECRET và SIGNAL_SALT). Khôi phục tệp, hoặc xoá nó để tạo mới (mọi phiên đăng nhập sẽ kết thúc), hoặc đặt AUTH_SECRET và SIGNAL_SALT trong môi trường.`);
  }
  return { AUTH_SECRET: data.AUTH_SECRET!, SIGNAL_SALT: data.SIGNAL_SALT! };
}

/**
 * The installation's secrets (outside production, when none is configured):
 * read from the file beside the database, or made once. The file is written
 * whole under a temporary name (mode 0600) and then hard-linked into place,
 * which fails if it already exists, so two processes starting at once both
 * end up with the first one's secrets and nobody ever reads half a file.
 */
export function readOrCreateLocalSecrets(databasePath: string): LocalSecrets {
  const file = localSecretsPath(databasePath);
  try {
    return parseSecrets(file, fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fresh: LocalSecrets = { AUTH_SECRET: randomBytes(32).toString('base64url'), SIGNAL_SALT: randomBytes(24).toString('base64url') };
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return parseSecrets(file, fs.readFileSync(file, 'utf8'));
}
