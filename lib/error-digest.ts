import { APP_ERRORS, toAppError, type AppErrorCode } from './errors';

/**
 * In production the App Router hands an error page only the thrown error's
 * `digest` (a hash for log matching), never its message. Errors a person
 * should read differently — a busy or unreachable database above all — carry
 * a digest that names their AppError code, so the page can say "busy, try
 * again in a few seconds" instead of "something went wrong".
 */
const PREFIX = 'HL-';

/** The digest for a thrown value whose kind a page should know; undefined lets Next hash it as usual. */
export function digestOf(err: unknown): string | undefined {
  const { code } = toAppError(err);
  return code === 'internal' ? undefined : `${PREFIX}${code}`;
}

/** The AppError code named by a digest; `internal` for Next's own hashes and anything unknown. */
export function codeOfDigest(digest: unknown): AppErrorCode {
  if (typeof digest !== 'string' || !digest.startsWith(PREFIX)) return 'internal';
  const code = digest.slice(PREFIX.length);
  return Object.hasOwn(APP_ERRORS, code) ? (code as AppErrorCode) : 'internal';
}
