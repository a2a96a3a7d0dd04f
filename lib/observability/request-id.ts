/**
 * The id that ties together every log line of one request
 * (docs/decisions/029-logs-and-metrics.md). A reverse proxy that already gave
 * the request an id (nginx `$request_id`, Caddy's `{http.request.uuid}`) is
 * believed when the id is a sane token, so one id follows the request
 * through the proxy's log and ours; anything else (too long, spaces, quotes,
 * control characters a client could use to forge log lines) is replaced by
 * a fresh one.
 */
export const REQUEST_ID_MAX = 128;

const SANE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The proxy's id when it is a sane token, else null (the caller makes one). */
export function saneRequestId(raw: string | string[] | null | undefined): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > REQUEST_ID_MAX || !SANE.test(value)) return null;
  return value;
}
