import type { MessageKey } from '@/lib/i18n/messages';
import type { FormFields } from './survey-response';

export type DecodeResult = { ok: true; fields: FormFields } | { ok: false; error: MessageKey };

/** Bodies larger than this are refused before parsing; the survey form is a few KB at most. */
export const MAX_FORM_BYTES = 16 * 1024;
const MAX_FIELDS = 64;

/**
 * Decodes an application/x-www-form-urlencoded body strictly. Unlike
 * URLSearchParams, which turns invalid UTF-8 into U+FFFD silently, this
 * refuses it, so a garbled comment is never stored.
 */
export function decodeUrlEncoded(body: Uint8Array): DecodeResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, error: 'bad_encoding' };
  }
  const fields: FormFields = new Map();
  const pairs = text.split('&').filter(Boolean);
  if (pairs.length > MAX_FIELDS) return { ok: false, error: 'invalid_form' };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    let name: string, value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return { ok: false, error: 'bad_encoding' };
    }
    // Lone surrogates and NUL have no business in a survey answer.
    if (/[\u0000\uFFFD]/.test(value) || !isWellFormed(value) || !isWellFormed(name)) return { ok: false, error: 'bad_encoding' };
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  }
  return { ok: true, fields };
}

function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
