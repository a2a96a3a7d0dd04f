/**
 * Ranking offices without rewarding luck: an office with 3 answers out of 3
 * satisfied is not better than one with 380 out of 400. Offices are ordered by
 * the lower bound of the 95 % Wilson interval of their satisfaction rate; a
 * tie goes to the office with more answers, and offices tied on both share a
 * rank (ordered by name only for display). Offices without enough data come
 * after, by name, with no rank.
 */
import { DEFAULT_MIN_SAMPLE, type Indicator } from './indicator';

export type Rankable = { name: string; indicator: Indicator };
export type Ranked<T extends Rankable> = T & { rank: number | null };

const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Offices with a rank (1 = best; ties share one) first, then the unranked ones (rank null). */
export function rankOffices<T extends Rankable>(offices: readonly T[]): Ranked<T>[] {
  const ranks = (o: T) => o.indicator.enoughData && o.indicator.low !== null;
  const ranked = offices.filter(ranks);
  const unranked = offices.filter((o) => !ranks(o)).sort((a, b) => byName.compare(a.name, b.name));
  const lowOf = (o: T) => o.indicator.low ?? 0;
  ranked.sort((a, b) => lowOf(b) - lowOf(a) || b.indicator.n - a.indicator.n || byName.compare(a.name, b.name));
  const out: Ranked<T>[] = [];
  ranked.forEach((o, i) => {
    const prev = out[i - 1];
    const tied = prev && lowOf(prev) === lowOf(o) && prev.indicator.n === o.indicator.n;
    out.push({ ...o, rank: tied ? prev.rank : i + 1 });
  });
  return [...out, ...unranked.map((o) => ({ ...o, rank: null }))];
}

/** The rule in one Vietnamese sentence, to print beside every ranking. */
export function describeRankingRule(minSample = DEFAULT_MIN_SAMPLE): string {
  return (
    'Xếp hạng theo cận dưới khoảng tin cậy 95 % (Wilson) của tỷ lệ hài lòng, để đơn vị ít phiếu không được lợi nhờ may mắn; ' +
    `bằng nhau thì đơn vị nhiều phiếu hơn đứng trên. Đơn vị dưới ${minSample} phiếu hợp lệ: Chưa đủ dữ liệu, không xếp hạng.`
  );
}

export const RANKING_RULE = describeRankingRule();

export type OfficeSortKey = 'rank' | 'name' | 'rate' | 'n' | 'change';

/**
 * Ranked offices re-ordered for a table column. Offices without a value for
 * the column (no rank, not enough data, no change) stay last whichever the
 * direction; ties keep the ranking's order.
 */
export function sortOffices<T extends Ranked<Rankable> & { change?: number | null }>(rows: readonly T[], key: OfficeSortKey, descending: boolean): T[] {
  const valueOf = (r: T): number | string | null => {
    switch (key) {
      case 'rank':
        return r.rank;
      case 'name':
        return r.name;
      case 'rate':
        return r.indicator.enoughData ? r.indicator.rate : null;
      case 'n':
        return r.indicator.n;
      case 'change':
        return r.change ?? null;
    }
  };
  const indexed = rows.map((row, i) => ({ row, i, v: valueOf(row) }));
  indexed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === null ? (b.v === null ? a.i - b.i : 1) : -1;
    const cmp = typeof a.v === 'string' ? byName.compare(a.v, b.v as string) : a.v - (b.v as number);
    return (descending ? -cmp : cmp) || a.i - b.i;
  });
  return indexed.map((x) => x.row);
}
