import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header carries the metrics token as a bearer
 * token (docs/decisions/029-logs-and-metrics.md). Compared through SHA-256
 * digests in constant time, so neither the token's content nor its length
 * leaks through the answer's timing.
 */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}
