import { foldForSearch } from './text';

/**
 * How the public finder ranks offices for a typed query (db/queries/office-search.ts
 * fetches the candidates; this decides which are shown and in what order).
 *
 * Every query word (accent- and case-insensitive, lib/text.ts foldForSearch)
 * must be found in the office's name, one of its aliases (former names), its
 * parent unit's name or one of the parent's aliases. A word is found
 *   1. as a whole word ("nam" in "Phường Nam Định"),
 *   2. else as the start of a word ("gia vi" → "Gia Viễn"),
 *   3. else anywhere inside one ("ha" inside "hành").
 * An office's tier is its worst word. Only the best tier that finds anything
 * is shown: "ha nam" finds the offices once in Hà Nam province, whose
 * aliases hold both words whole, and not every office with "hành chính" in its
 * name; an inner match is shown only when nothing matches by words. Within the
 * tier, offices rank by where the words were found (own name, then aliases,
 * then the parent's), with a bonus when the whole query stands as one phrase
 * there; a query that is an office's code puts that office first.
 */

/** At most this many words of a query are matched; the rest are ignored. */
export const MAX_QUERY_WORDS = 8;

export type MatchTier = 'word' | 'prefix' | 'inside';
const TIERS: readonly MatchTier[] = ['word', 'prefix', 'inside'];

export type OfficeCandidate = {
  code: string;
  name: string;
  aliases: readonly string[];
  parentName: string | null;
  parentAliases: readonly string[];
};

export type OfficeMatch = {
  tier: MatchTier;
  score: number;
  /** The alias (the office's own or its parent's) that matched the query, to show why the office was found; null when its names did. */
  matchedAlias: string | null;
};

export type RankedOffice<T> = T & OfficeMatch;

/** The folded words of a query, at most MAX_QUERY_WORDS, without repeats. */
export function queryWords(query: string): string[] {
  return [...new Set(foldForSearch(query).split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
}

type Source = 'name' | 'alias' | 'parent' | 'parentAlias';
/** Where a word was found counts this much: the office's own name most, its parent's aliases least. */
const WEIGHT: Record<Source, number> = { name: 4, alias: 3, parent: 2, parentAlias: 1.5 };
const TIER_FACTOR: Record<MatchTier, number> = { word: 2, prefix: 1.5, inside: 1 };
/** The whole query as consecutive whole words of one text. */
const PHRASE_BONUS: Record<Source, number> = { name: 20, alias: 16, parent: 8, parentAlias: 6 };
const CODE_SCORE = 1_000;

type Text = { source: Source; raw: string; folded: string; words: string[] };

function textsOf(o: OfficeCandidate): Text[] {
  const make = (source: Source, raw: string): Text => {
    const folded = foldForSearch(raw);
    return { source, raw, folded, words: folded.split(' ').filter(Boolean) };
  };
  return [
    make('name', o.name),
    ...o.aliases.map((a) => make('alias', a)),
    ...(o.parentName ? [make('parent', o.parentName)] : []),
    ...o.parentAliases.map((a) => make('parentAlias', a)),
  ];
}

function tierOf(word: string, text: Text): MatchTier | null {
  if (text.words.includes(word)) return 'word';
  if (text.words.some((w) => w.startsWith(word))) return 'prefix';
  return text.folded.includes(word) ? 'inside' : null;
}

const better = (a: MatchTier, b: MatchTier) => TIERS.indexOf(a) < TIERS.indexOf(b);

/**
 * How one office matches the folded query words: its tier, its score and the
 * alias that explains the match; null when a word is missing altogether.
 * `codeMatch` is true when the query was this office's code.
 */
export function matchOffice(words: readonly string[], office: OfficeCandidate, codeMatch = false): OfficeMatch | null {
  if (codeMatch) return { tier: 'word', score: CODE_SCORE, matchedAlias: null };
  if (words.length === 0) return null;
  const texts = textsOf(office);
  let worst: MatchTier = 'word';
  let score = 0;
  const aliasHits = new Map<string, number>();
  for (const word of words) {
    let best: { tier: MatchTier; text: Text } | null = null;
    for (const text of texts) {
      const tier = tierOf(word, text);
      if (!tier) continue;
      if (!best || better(tier, best.tier) || (tier === best.tier && WEIGHT[text.source] > WEIGHT[best.text.source])) best = { tier, text };
    }
    if (!best) return null;
    if (better(worst, best.tier)) worst = best.tier;
    score += WEIGHT[best.text.source] * TIER_FACTOR[best.tier];
    if (best.text.source === 'alias' || best.text.source === 'parentAlias') aliasHits.set(best.text.raw, (aliasHits.get(best.text.raw) ?? 0) + 1);
  }
  const phrase = ` ${words.join(' ')} `;
  let bonus = 0;
  for (const text of texts) {
    const padded = ` ${text.folded} `;
    if (words.length > 1 && padded.includes(phrase)) bonus = Math.max(bonus, PHRASE_BONUS[text.source]);
    // The name starts with the query: what a person typing a name from its beginning expects first.
    if (text.source === 'name' && padded.startsWith(phrase)) bonus = Math.max(bonus, PHRASE_BONUS.name + 5);
  }
  let matchedAlias: string | null = null;
  let most = 0;
  for (const [alias, n] of aliasHits) if (n > most) [matchedAlias, most] = [alias, n];
  return { tier: worst, score: score + bonus, matchedAlias };
}

/**
 * The offices to show for a query, best first: only those of the best tier
 * that finds anything (see above); ties keep the candidates' order (the
 * caller passes them sorted by name). `queryCode` is the query read as an office code, if
 * it is one (lib/codes.ts normalizeCode).
 */
export function rankOffices<T extends OfficeCandidate>(query: string, candidates: readonly T[], queryCode: string | null = null): RankedOffice<T>[] {
  const words = queryWords(query);
  const matched: RankedOffice<T>[] = [];
  candidates.forEach((c) => {
    const m = matchOffice(words, c, queryCode !== null && c.code === queryCode);
    if (m) matched.push({ ...c, ...m });
  });
  const bestTier = TIERS.find((t) => matched.some((m) => m.tier === t && m.score < CODE_SCORE));
  return matched
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.score >= CODE_SCORE || m.tier === bestTier)
    .sort((a, b) => b.m.score - a.m.score || a.i - b.i)
    .map(({ m }) => m);
}
