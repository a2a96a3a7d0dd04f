import { listLivePublications, listPublishedFigures, listPublishedGoodExamples, type GoodExampleRow, type PublicationRow } from '@/db/queries/publishing';
import { getEnv } from '@/lib/env';
import { openDataCsv, openDataJson, type OpenDataInput } from '@/lib/publishing/open-data';
import { orderFigures, parsePeriodKey, type PeriodKey, type PublishedFigure } from '@/lib/publishing/publication';

/**
 * What the public pages, the open data and the badges read
 * (docs/decisions/028): only publications not withdrawn, and only their
 * frozen rows. A publication never changes, so its figures (and its CSV and
 * JSON, built on first use) are cached in this process by publication id;
 * each request first reads the list of live publications — a few rows, one
 * indexed statement — so a publication made or withdrawn on another app
 * server shows at once here too: a new id is a new cache entry, a withdrawn
 * one is simply no longer asked for.
 */

export type PublicView = {
  publicationId: number;
  period: PeriodKey;
  publishedAt: Date;
  provinceName: string;
  province: PublishedFigure;
  /** Ranked first (1, 2, 2, 4 …), then "Chưa đủ dữ liệu" by name. */
  offices: PublishedFigure[];
  byCode: Map<string, PublishedFigure>;
  ranked: number;
  csv: () => string;
  json: () => string;
};

/** At most this many publications' figures in memory (3,500 offices ≈ 1 MB each): the newest quarters and years. */
const CACHE_LIMIT = 12;

// Shared by the Pages Router pages and the App Router routes, which Next bundles apart: one map per process.
const CACHE_KEY = Symbol.for('hai-long.public-results');
type Cache = Map<string, Promise<PublicView>>;
const cache: Cache = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Cache | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[CACHE_KEY] = cache;

/** Drops a publication from this process's cache (after a withdrawal; other servers never ask for it again). */
export function forgetPublication(publicationId: number) {
  for (const key of cache.keys()) if (key.startsWith(`${publicationId}:`)) cache.delete(key);
}

/**
 * The id names the publication; its period and time are in the key too, so a
 * database put back from a backup (or a test's fresh one) that reuses an id
 * for another publication can never be answered from the old entry.
 */
const keyOf = (pub: PublicationRow) => `${pub.id}:${pub.periodKey}:${pub.publishedAt.getTime()}`;

async function buildView(pub: PublicationRow): Promise<PublicView> {
  const period = parsePeriodKey(pub.periodKey);
  if (!period) throw new Error(`publication ${pub.id}: bad period key ${pub.periodKey}`);
  const rows = await listPublishedFigures({ publicationId: pub.id });
  const province = rows.find((r) => r.unitId === pub.unitId) ?? { unitId: pub.unitId, name: pub.provinceName, code: null, respondents: 0, satisfied: 0, lowX10000: null, highX10000: null, rank: null, totalX100: null, finalClass: null };
  const offices = orderFigures(rows.filter((r) => r.unitId !== pub.unitId));
  const input: OpenDataInput = { period, publicationId: pub.id, publishedAt: pub.publishedAt, provinceName: pub.provinceName, province, offices };
  let csv: string | null = null;
  let json: string | null = null;
  return {
    publicationId: pub.id,
    period,
    publishedAt: pub.publishedAt,
    provinceName: pub.provinceName,
    province,
    offices,
    byCode: new Map(offices.filter((o) => o.code).map((o) => [o.code!, o])),
    ranked: offices.filter((o) => o.rank !== null).length,
    csv: () => (csv ??= openDataCsv(input)),
    json: () => (json ??= openDataJson(input, getEnv().PUBLIC_BASE_URL)),
  };
}

function viewOf(pub: PublicationRow): Promise<PublicView> {
  const key = keyOf(pub);
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: the first key is the one to evict.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const loading = buildView(pub);
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return loading;
}

export type PublicIndex = {
  /** The province whose results are public (the first root of the tree that published anything). */
  province: { id: number; name: string; path: string } | null;
  /** Its live publications, newest period first within each kind. */
  quarters: PublicationRow[];
  years: PublicationRow[];
};

/** The live publications of the public province: one small read per request, never cached. */
export async function loadPublicIndex(): Promise<PublicIndex> {
  const live = await listLivePublications();
  const first = live[0];
  if (!first) return { province: null, quarters: [], years: [] };
  const mine = live.filter((p) => p.unitId === first.unitId);
  const newest = (a: PublicationRow, b: PublicationRow) => (a.periodKey < b.periodKey ? 1 : a.periodKey > b.periodKey ? -1 : 0);
  return {
    province: { id: first.unitId, name: first.provinceName, path: first.provincePath },
    quarters: mine.filter((p) => p.kind === 'quarter').sort(newest),
    years: mine.filter((p) => p.kind === 'year').sort(newest),
  };
}

export type PublicHome = PublicIndex & { quarter: PublicView | null; year: PublicView | null; examples: GoodExampleRow[] };

/** The overview: the newest quarter and year published, and the good examples shown. */
export async function loadPublicHome(): Promise<PublicHome> {
  const index = await loadPublicIndex();
  const [quarter, year, examples] = await Promise.all([
    index.quarters[0] ? viewOf(index.quarters[0]) : null,
    index.years[0] ? viewOf(index.years[0]) : null,
    index.province ? listPublishedGoodExamples({ provincePath: index.province.path }) : [],
  ]);
  return { ...index, quarter, year, examples };
}

/** One live publication by its period key ("2026-Q3", "2026"), or null (never published, withdrawn, or not a key). */
export async function loadPublicPeriod(key: string): Promise<{ index: PublicIndex; view: PublicView } | null> {
  const period = parsePeriodKey(key);
  if (!period) return null;
  const index = await loadPublicIndex();
  const pub = (period.kind === 'year' ? index.years : index.quarters).find((p) => p.periodKey === period.key);
  return pub ? { index, view: await viewOf(pub) } : null;
}

export type PublicOffice = {
  view: PublicView;
  figure: PublishedFigure;
  /** The office in every other live publication that lists it, newest first. */
  others: { period: PeriodKey; figure: PublishedFigure }[];
};

/** An office (by its code) in a live publication, with its figures in the others; null when not published there. */
export async function loadPublicOffice(key: string, code: string): Promise<PublicOffice | null> {
  const found = await loadPublicPeriod(key);
  const figure = found?.view.byCode.get(code);
  if (!found || !figure) return null;
  // The newest few of each kind: enough for a reader, and within the cache.
  const rest = [...found.index.years.slice(0, 3), ...found.index.quarters.slice(0, 8)].filter((p) => p.id !== found.view.publicationId);
  const views = await Promise.all(rest.map(viewOf));
  const others = views.flatMap((v) => {
    const f = v.byCode.get(code);
    return f ? [{ period: v.period, figure: f }] : [];
  });
  return { view: found.view, figure, others };
}
