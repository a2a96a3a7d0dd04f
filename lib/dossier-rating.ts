/**
 * The rules of a dossier's rating link and of the Decision 766/QĐ-TTg
 * per-dossier index (docs/decisions/027). Pure: times (epoch ms) and rows are
 * passed in.
 */

const DAY_MS = 86_400_000;

/** How long a link stays open for a first rating: days after the dossier was returned, or received when it never was. */
export const DOSSIER_LINK_DAYS = 90;
/** How long the citizen may change a rating, from the first time it was given. */
export const DOSSIER_CHANGE_DAYS = 7;

export type DossierTimes = { receivedAt: number; returnedAt: number | null };

/** When the link stops taking a first rating (epoch ms, exclusive). */
export function dossierLinkExpiresAt(d: DossierTimes): number {
  return (d.returnedAt ?? d.receivedAt) + DOSSIER_LINK_DAYS * DAY_MS;
}

/** Until when a rating first given at `ratedAt` may be changed (epoch ms, exclusive). */
export function ratingChangeableUntil(ratedAt: number): number {
  return ratedAt + DOSSIER_CHANGE_DAYS * DAY_MS;
}

/**
 * What the link offers now:
 * - `open`: not rated yet, the survey;
 * - `changeable`: rated, the rating shown and a form to change it;
 * - `final`: rated more than 7 days ago, the rating shown, read only
 *   (whether or not the link has expired since: the rating stays visible);
 * - `expired`: never rated and past DOSSIER_LINK_DAYS (answered 410).
 */
export type DossierLinkState = 'open' | 'changeable' | 'final' | 'expired';

export function dossierLinkState(d: DossierTimes & { ratedAt: number | null }, now: number): DossierLinkState {
  if (d.ratedAt !== null) return now < ratingChangeableUntil(d.ratedAt) ? 'changeable' : 'final';
  return now < dossierLinkExpiresAt(d) ? 'open' : 'expired';
}

// ---------------------------------------------------------------------------
// Decision 766/QĐ-TTg: satisfaction per dossier

/**
 * One dossier as the index sees it: `dissatisfied` when its counted rating
 * has an answer at 1–2 (the low-rating rule, lib/indicators/alerts.ts;
 * a flagged rating counts as not rated), `rated` when it has a counted rating.
 */
export type DossierFacts = { returnedAt: number | null; dueAt: number | null; rated: boolean; dissatisfied: boolean };

export type DossierOutcome = 'not_returned' | 'satisfied' | 'dissatisfied' | 'overdue' | 'dissatisfied_and_overdue';

/** Overdue: returned after its due time. A dossier without a due time is never overdue. */
export function isOverdue(d: Pick<DossierFacts, 'returnedAt' | 'dueAt'>): boolean {
  return d.returnedAt !== null && d.dueAt !== null && d.returnedAt > d.dueAt;
}

export function classifyDossier(d: DossierFacts): DossierOutcome {
  if (d.returnedAt === null) return 'not_returned';
  const overdue = isOverdue(d);
  const dissatisfied = d.rated && d.dissatisfied;
  if (dissatisfied && overdue) return 'dissatisfied_and_overdue';
  if (dissatisfied) return 'dissatisfied';
  if (overdue) return 'overdue';
  return 'satisfied';
}

/** Counts over the dossiers of an office returned in a period (db/queries/dossier-figures.ts sums them in SQL). */
export type DossierCounts = {
  /** Dossiers returned in the period: the index's n. */
  returned: number;
  /** Of those, rated (a counted rating). */
  rated: number;
  /** Of those, rated dissatisfied or overdue (or both): each counted once. */
  notSatisfied: number;
};

export type DossierIndex = {
  n: number;
  /** (returned − rated dissatisfied or overdue) ÷ returned; null without returned dossiers. */
  index: number | null;
  /** Rated ÷ returned; null without returned dossiers. */
  responseRate: number | null;
  rated: number;
  notSatisfied: number;
};

export function dossierIndex(c: DossierCounts): DossierIndex {
  const n = c.returned;
  return {
    n,
    index: n > 0 ? (n - c.notSatisfied) / n : null,
    responseRate: n > 0 ? c.rated / n : null,
    rated: c.rated,
    notSatisfied: c.notSatisfied,
  };
}

/** The counts of a list of dossiers, by classifyDossier: what the SQL sum must equal. */
export function countDossiers(list: readonly DossierFacts[]): DossierCounts {
  let returned = 0;
  let rated = 0;
  let notSatisfied = 0;
  for (const d of list) {
    const outcome = classifyDossier(d);
    if (outcome === 'not_returned') continue;
    returned++;
    if (d.rated) rated++;
    if (outcome !== 'satisfied') notSatisfied++;
  }
  return { returned, rated, notSatisfied };
}
