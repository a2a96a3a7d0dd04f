import type { Lang } from '@/lib/i18n';

/**
 * Where the survey form of a QR code posts. Not its own URL: a POST to a URL
 * evicts it from the browser's cache, and the back button must find the very
 * same form (same submission id) there (docs/decisions/002). next.config.js
 * rewrites it to the survey's page; server/survey-post.ts answers a stored
 * rating before Next sees it.
 */
export function surveyPostPath(code: string): string {
  return `/s/${code}/gui`;
}

/** The code in a survey post's path, as sent (not yet decoded); null for any other path. */
export function codeOfSurveyPostPath(url: string): string | null {
  return /^\/s\/([^/?#]+)\/gui(?:\?|$)/.exec(url)?.[1] ?? null;
}

/**
 * Where a stored rating lands: a GET, so reloading never posts twice. `low`
 * (an answer of 1–2) turns the smiling thanks into what happens next.
 */
export function thanksPath(code: string, lang: Lang, receiptCode: string | null, low = false): string {
  const q = new URLSearchParams();
  if (lang !== 'vi') q.set('lang', lang);
  if (receiptCode) q.set('ma', receiptCode);
  if (low) q.set('muc', 'thap');
  const qs = q.toString();
  return `/s/${code}/cam-on${qs ? `?${qs}` : ''}`;
}
