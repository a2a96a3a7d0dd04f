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

export type PublicProvince = { id: number; name: string; path: string };

export type PublicIndex = {
  /** Every province with a live publication, by name (one, except on a platform serving several). */
  provinces: PublicProvince[];
  /** The province shown: the one asked for (`?tinh=<id>`), or the only one; null when several and none asked for. */
  province: PublicProvince | null;
  /** Its live publications, newest period first within each kind. */
  quarters: PublicationRow[];
  years: PublicationRow[];
};

/**
 * The `?tinh=` value of the province shown, for links between the public
 * pages: null when only one province publishes, so that a province's
 * addresses stay as short as they were before a second one joined… and the
 * same for every office page, whose code alone names its province.
 */
export function provinceParam(index: PublicIndex): string | null {
  return index.provinces.length > 1 && index.province ? String(index.province.id) : null;
}

/** `?tinh=` as asked: a unit id, or null (absent or not an id). */
export function parseProvinceParam(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

/** The live publications, and those of the province asked for (or the only one): one small read per request, never cached. */
export async function loadPublicIndex(provinceId: number | null = null): Promise<PublicIndex> {
  return indexOf(await listLivePublications(), provinceId);
}

function indexOf(live: readonly PublicationRow[], provinceId: number | null): PublicIndex {
  const byId = new Map<number, PublicProvince>();
  for (const p of live) if (!byId.has(p.unitId)) byId.set(p.unitId, { id: p.unitId, name: p.provinceName, path: p.provincePath });
  const provinces = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const province = provinceId !== null ? (byId.get(provinceId) ?? null) : provinces.length === 1 ? provinces[0]! : null;
  if (!province) return { provinces, province: null, quarters: [], years: [] };
  const mine = live.filter((p) => p.unitId === province.id);
  const newest = (a: PublicationRow, b: PublicationRow) => (a.periodKey < b.periodKey ? 1 : a.periodKey > b.periodKey ? -1 : 0);
  return {
    provinces,
    province,
    quarters: mine.filter((p) => p.kind === 'quarter').sort(newest),
    years: mine.filter((p) => p.kind === 'year').sort(newest),
  };
}

/** The index's publication of a period key, or null. */
function publicationOf(index: PublicIndex, key: string): PublicationRow | null {
  const period = parsePeriodKey(key);
  if (!period) return null;
  return (period.kind === 'year' ? index.years : index.quarters).find((p) => p.periodKey === period.key) ?? null;
}

export type PublicHome = PublicIndex & { quarter: PublicView | null; year: PublicView | null; examples: GoodExampleRow[] };

/** The overview: the newest quarter and year published, and the good examples shown. */
export async function loadPublicHome(provinceId: number | null = null): Promise<PublicHome> {
  const index = await loadPublicIndex(provinceId);
  const [quarter, year, examples] = await Promise.all([
    index.quarters[0] ? viewOf(index.quarters[0]) : null,
    index.years[0] ? viewOf(index.years[0]) : null,
    index.province ? listPublishedGoodExamples({ provincePath: index.province.path }) : [],
  ]);
  return { ...index, quarter, year, examples };
}

/**
 * One live publication by its period key ("2026-Q3", "2026") in the province
 * asked for, or null: never published, withdrawn, or not a key. Without a
 * province asked for, the one province that published the period — so the
 * addresses given out before a second province joined keep working — and
 * null when several did (the page then asks which).
 */
export async function loadPublicPeriod(key: string, provinceId: number | null = null): Promise<{ index: PublicIndex; view: PublicView } | null> {
  const live = await listLivePublications();
  const only = provinceId === null ? publishingOf(live, key) : [];
  const index = indexOf(live, only.length === 1 ? only[0]!.id : provinceId);
  const pub = publicationOf(index, key);
  return pub ? { index, view: await viewOf(pub) } : null;
}

function publishingOf(live: readonly PublicationRow[], key: string): PublicProvince[] {
  return indexOf(live, null).provinces.filter((p) => publicationOf(indexOf(live, p.id), key) !== null);
}

/** The provinces with a live publication of this period key (for a platform serving several, asked for one without `?tinh=`). */
export async function loadProvincesPublishing(key: string): Promise<PublicProvince[]> {
  return publishingOf(await listLivePublications(), key);
}

/**
 * The open data of a period (du-lieu.csv / du-lieu.json) in the province of
 * `?tinh=` (or the only one); otherwise why not, in Vietnamese — naming the
 * provinces to choose from when several published the period.
 */
export async function loadOpenData(key: string, tinh: string | null): Promise<{ view: PublicView } | { missing: string }> {
  const found = await loadPublicPeriod(key, parseProvinceParam(tinh));
  if (found) return { view: found.view };
  const period = tinh === null ? parsePeriodKey(key) : null;
  const choose = period ? await loadProvincesPublishing(period.key) : [];
  if (choose.length < 2) return { missing: 'Kỳ này chưa được công bố hoặc đã được thu hồi.' };
  return { missing: `Nhiều tỉnh, thành phố đã công bố kỳ này; thêm ?tinh=<mã> vào địa chỉ: ${choose.map((p) => `${p.id} (${p.name})`).join(', ')}.` };
}

export type PublicOffice = {
  index: PublicIndex;
  view: PublicView;
  figure: PublishedFigure;
  /** The office in every other live publication that lists it, newest first. */
  others: { period: PeriodKey; figure: PublishedFigure }[];
};

/** The publication of `key` that lists the office `code`: an office code is unique on the platform, so it names its province. */
export async function loadPublicOfficeFigure(key: string, code: string): Promise<{ index: PublicIndex; view: PublicView; figure: PublishedFigure } | null> {
  const live = await listLivePublications();
  for (const province of indexOf(live, null).provinces) {
    const index = indexOf(live, province.id);
    const pub = publicationOf(index, key);
    const view = pub && (await viewOf(pub));
    const figure = view?.byCode.get(code);
    if (view && figure) return { index, view, figure };
  }
  return null;
}

/** An office (by its code) in a live publication, with its figures in the others; null when not published there. */
export async function loadPublicOffice(key: string, code: string): Promise<PublicOffice | null> {
  const found = await loadPublicOfficeFigure(key, code);
  if (!found) return null;
  const { figure } = found;
  // The newest few of each kind: enough for a reader, and within the cache.
  const rest = [...found.index.years.slice(0, 3), ...found.index.quarters.slice(0, 8)].filter((p) => p.id !== found.view.publicationId);
  const views = await Promise.all(rest.map(viewOf));
  const others = views.flatMap((v) => {
    const f = v.byCode.get(code);
    return f ? [{ period: v.period, figure: f }] : [];
  });
  return { index: found.index, view: found.view, figure, others };
}
