import type { KioskConfig, KioskServing } from './types';

const isText = (v: unknown): v is { vi: string; en: string } =>
  !!v && typeof v === 'object' && typeof (v as { vi?: unknown }).vi === 'string' && typeof (v as { en?: unknown }).en === 'string';

/** Defaults of docs/kiosk-protocol.md when a server (or an old cached copy) leaves them out. */
export const DEFAULT_IDLE_SECONDS = 30;
export const DEFAULT_COOLDOWN_MS = 4_000;

/**
 * A config from the server or from the tablet's cache, checked by hand (no
 * schema library in the kiosk bundle): null when unusable, so the app asks
 * the server again or shows the pairing screen instead of breaking.
 */
export function parseKioskConfig(raw: unknown): KioskConfig | null {
  if (!raw || typeof raw !== 'object') return null;
  const c = raw as Record<string, unknown>;
  const k = c.kiosk as Record<string, unknown> | undefined;
  const q = c.question as Record<string, unknown> | undefined;
  if (!k || typeof k !== 'object' || typeof k.id !== 'number' || typeof k.officeName !== 'string') return null;
  const question = q && typeof q === 'object' && typeof q.key === 'string' && isText(q.text) ? { key: q.key, text: q.text, short: isText(q.short) ? q.short : q.text } : null;
  const listed = Array.isArray(c.questions)
    ? c.questions
        .filter((x): x is { key: string; text: { vi: string; en: string }; short?: unknown } => !!x && typeof x.key === 'string' && isText(x.text))
        .map((x) => ({ key: x.key, text: { vi: x.text.vi, en: x.text.en }, short: isText(x.short) ? { vi: x.short.vi, en: x.short.en } : x.text }))
    : [];
  // The tablet caches the parsed config, which keeps only the list.
  const questions = listed.length ? listed : question ? [question] : [];
  if (questions.length === 0) return null;
  const versionId = c.questionSetVersionId;
  let reasons: KioskConfig['reasons'] = null;
  const r = c.reasons as Record<string, unknown> | null | undefined;
  if (r && typeof r === 'object' && typeof r.key === 'string' && isText(r.text) && Array.isArray(r.options)) {
    const options = r.options.filter((o): o is { value: string; label: { vi: string; en: string } } => !!o && typeof o.value === 'string' && isText(o.label));
    reasons = options.length ? { key: r.key, text: r.text, options: options.map((o) => ({ value: o.value, label: { vi: o.label.vi, en: o.label.en } })) } : null;
  }
  const positive = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);
  return {
    kiosk: {
      id: k.id,
      name: typeof k.name === 'string' ? k.name : '',
      officeName: k.officeName,
      counterName: typeof k.counterName === 'string' && k.counterName ? k.counterName : null,
      idleSeconds: positive(k.idleSeconds, DEFAULT_IDLE_SECONDS),
      cooldownMs: positive(k.cooldownMs, DEFAULT_COOLDOWN_MS),
    },
    questionSetVersionId: typeof versionId === 'number' && Number.isSafeInteger(versionId) && versionId > 0 ? versionId : null,
    // A config cached by the one-question app lists no questions: it asks its one question.
    questions,
    reasons,
    commentMaxLength: typeof c.commentMaxLength === 'number' && c.commentMaxLength > 0 ? Math.floor(c.commentMaxLength) : 0,
    serving: parseServing(c.serving),
    serverTime: typeof c.serverTime === 'number' ? c.serverTime : 0,
  };
}

/** Who serves at the counter, from a config or a batch's answer; null when nobody, absent or unreadable. Photos only from this server. */
export function parseServing(raw: unknown): KioskServing | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Record<string, unknown>;
  if (typeof s.name !== 'string' || !s.name) return null;
  const photoUrl = typeof s.photoUrl === 'string' && /^\/anh-can-bo\/\d+\?v=\d+$/.test(s.photoUrl) ? s.photoUrl : null;
  return { name: s.name, position: typeof s.position === 'string' ? s.position : '', photoUrl };
}

/** Whether a low score leads to a follow-up screen (reasons and/or a comment) before thanks. */
export function hasFollowUp(config: KioskConfig): boolean {
  return config.reasons !== null || config.commentMaxLength > 0;
}
