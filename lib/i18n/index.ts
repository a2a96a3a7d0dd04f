export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Vietnamese first: anything that is not exactly "en" is Vietnamese. */
export function pickLang(raw: unknown): Lang {
  return raw === 'en' ? 'en' : 'vi';
}

export type Localized = { vi: string; en: string };
