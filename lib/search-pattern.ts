import { foldForSearch } from './text';

/**
 * Accent- and case-insensitive "contains" on a raw text column, without a
 * folded copy of the column: each letter of a folded search word becomes a
 * character class of every Vietnamese form of it ("a" → [aàáảãạăằ…AÀ…]),
 * written as a SQLite GLOB pattern or a PostgreSQL regular expression. LIKE
 * cannot do it: SQLite's lower() and PostgreSQL's under the C locale fold
 * ASCII only, so "Đất" and "đất" would differ. The column is expected in
 * NFC (precomposed) form, as browsers and Vietnamese keyboards send it.
 */

/** Vietnamese letters and their neighbours: Latin-1, Latin Extended-A, ơ/ư, and the Vietnamese block. */
const RANGES: [number, number][] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0xff],
  [0x100, 0x17f],
  [0x1a0, 0x1b0],
  [0x1ea0, 0x1ef9],
];

function buildClasses(): ReadonlyMap<string, string> {
  const forms = new Map<string, string[]>();
  for (const [from, to] of RANGES) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const folded = foldForSearch(ch);
      if (!/^[a-z]$/.test(folded)) continue;
      const list = forms.get(folded) ?? [folded];
      if (!list.includes(ch)) list.push(ch);
      forms.set(folded, list);
    }
  }
  return new Map([...forms].map(([k, v]) => [k, `[${v.join('')}]`]));
}

const CLASSES = buildClasses();

/** At most this many words of a search are matched; the rest are ignored. */
export const MAX_SEARCH_WORDS = 8;

/** The folded words of a search ("Chờ  LÂU!" → ["cho", "lau"]), at most MAX_SEARCH_WORDS. */
export function searchWords(text: string): string[] {
  return foldForSearch(text).split(' ').filter(Boolean).slice(0, MAX_SEARCH_WORDS);
}

/**
 * The body of a pattern matching `word` (folded: letters and digits only) in
 * any case and with any Vietnamese diacritics. Letters outside the table and
 * digits stand for themselves; neither is special in GLOB or in a regular
 * expression.
 */
function letterClasses(word: string): string {
  return [...word].map((ch) => CLASSES.get(ch) ?? ch).join('');
}

/** A SQLite GLOB pattern: the text contains `word` (a folded search word). */
export function globContaining(word: string): string {
  return `*${letterClasses(word)}*`;
}

/** A PostgreSQL regular expression (operator ~): the text contains `word` (a folded search word). */
export function regexContaining(word: string): string {
  return letterClasses(word);
}
