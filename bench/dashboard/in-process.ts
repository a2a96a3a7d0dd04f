/**
 * The dashboards' data queries (db/queries/dashboard.ts) and loaders
 * (server/dashboard.ts) timed in this process on the installed store (a seeded
 * database), with the viewer the pages pass ({ scopePath }: the administrator's
 * whole province).
 */
import {
  countUnansweredComments,
  listChoiceCounts,
  listCounterScores,
  listFlagCounts,
  listLevelCounts,
  listLevelCountsByPeriod,
  listOffices,
  listRatingsByHour,
  type DashboardScope,
} from '@/db/queries/dashboard';
import { withConn } from '@/db/store';
import { loadOfficeTable, loadUnitDashboard } from '@/server/dashboard';
import { addDays, customPeriod, dayKeyOf, monthKey, presetPeriod, type Period } from '@/lib/indicators/periods';
import { statsOf, type Stats } from './stats';

export type PeriodName = '30-ngay' | 'quy-nay' | 'nam-nay' | '365-ngay' | '8-den-22';
export const PERIOD_NAMES: PeriodName[] = ['30-ngay', 'quy-nay', 'nam-nay', '365-ngay', '8-den-22'];
/** Periods chosen by date (tu/den) rather than by preset. */
export const CUSTOM_PERIODS: PeriodName[] = ['365-ngay', '8-den-22'];

export function periodsAt(now: Date): Record<PeriodName, Period> {
  const today = dayKeyOf(now);
  return {
    '30-ngay': presetPeriod('30-ngay', now),
    'quy-nay': presetPeriod('quy-nay', now),
    'nam-nay': presetPeriod('nam-nay', now),
    '365-ngay': customPeriod(addDays(today, -364), today),
    // The worst case for splitByMonths: both ends about a week from a half-month
    // boundary, so ≈ 14 days are read from the daily rollup (the 8th of a month
    // to the 22nd of the next, the last such range that has ended).
    '8-den-22': worstSplitPeriod(today),
  };
}

function worstSplitPeriod(today: string): Period {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const endMonth = d >= 22 ? new Date(Date.UTC(y, m - 1, 22)) : new Date(Date.UTC(y, m - 2, 22));
  const to = endMonth.toISOString().slice(0, 10);
  const startMonth = new Date(Date.UTC(endMonth.getUTCFullYear(), endMonth.getUTCMonth() - 1, 8));
  return customPeriod(startMonth.toISOString().slice(0, 10), to);
}

export type Target = { name: string; id: number; path: string; responses365: number };

/** The province, the office with the most ratings over the last 365 days and the median one. */
export async function pickTargets(now: Date): Promise<{ province: Target; busy: Target; median: Target; offices: number }> {
  const today = dayKeyOf(now);
  const [province, rows] = await withConn(async (c) => [
    (await c.get<Omit<Target, 'responses365'>>("select id, name, path from units where kind = 'province' order by id limit 1"))!,
    // q1 is answered by every rating: its level counts add up to the ratings.
    await c.all<Target>(
      `select u.id as id, u.name as name, u.path as path, coalesce(sum(r.n1 + r.n2 + r.n3 + r.n4 + r.n5), 0) as "responses365"
        from units u left join rollup_office_days r on r.unit_id = u.id and r.question_key = 'q1' and r.day between ? and ?
        where u.code is not null and u.active = true
        group by u.id, u.name, u.path order by 4 desc, u.id`,
      [addDays(today, -364), today],
    ),
  ]);
  const total = rows.reduce((s, r) => s + r.responses365, 0);
  return {
    province: { ...province, responses365: total },
    busy: rows[0]!,
    median: rows[Math.floor(rows.length / 2)]!,
    offices: rows.length,
  };
}

/**
 * `stats`: wall time of each call; `cpu`: this process's CPU time (user +
 * system) of each call, which other work on a shared machine disturbs less;
 * `serverCpuMs`: on PostgreSQL, its backends' CPU time per call (averaged over
 * the timed calls), the part of the work `cpu` leaves out.
 */
export type Measurement = {
  what: string;
  scope: 'busy office' | 'median office' | 'province';
  period: PeriodName;
  stats: Stats;
  cpu: Stats;
  serverCpuMs?: number;
  rows: number;
};

export type InProcessOptions = {
  runs: number;
  warmup: number;
  maxMsPerItem: number;
  /** CPU seconds used so far by the database server's processes (BenchDb.serverCpuSeconds); null when not measurable. */
  serverCpuSeconds?: () => Promise<number | null>;
};

/** Runs `fn` `warmup` times, then up to `runs` times or until `maxMs` is spent (at least 10 runs). */
export async function time(fn: () => Promise<unknown>, o: InProcessOptions): Promise<{ stats: Stats; cpu: Stats; serverCpuMs?: number; rows: number }> {
  let rows = 0;
  for (let i = 0; i < o.warmup; i++) await fn();
  const xs: number[] = [];
  const cpu: number[] = [];
  const server0 = (await o.serverCpuSeconds?.()) ?? null;
  const started = performance.now();
  for (let i = 0; i < o.runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await fn();
    xs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (i === 0) rows = Array.isArray(out) ? out.length : 1;
    if (xs.length >= 10 && performance.now() - started > o.maxMsPerItem) break;
  }
  const server1 = server0 === null ? null : ((await o.serverCpuSeconds?.()) ?? null);
  const serverCpuMs = server0 !== null && server1 !== null ? ((server1 - server0) * 1000) / xs.length : undefined;
  return { stats: statsOf(xs), cpu: statsOf(cpu), serverCpuMs, rows };
}

type Item = {
  what: string;
  scopes: Measurement['scope'][];
  /** Whether a page runs this read for that scope and period (default: always). */
  when?: (scope: Measurement['scope'], p: Period) => boolean;
  run: (scope: DashboardScope, p: Period, unitId: number) => Promise<unknown>;
};

const viewerOf = (provincePath: string) => ({ scopePath: provincePath });

/** Every data query and loader, in the order the report lists them. */
function items(provincePath: string): Item[] {
  const viewer = viewerOf(provincePath);
  const months = (p: Period) => ({ from: monthKey(p.from), to: monthKey(p.to) });
  // The scopes at which the pages run each read (server/dashboard.ts).
  const all: Measurement['scope'][] = ['busy office', 'median office', 'province'];
  const offices: Measurement['scope'][] = ['busy office', 'median office'];
  return [
    { what: 'listLevelCounts byUnit=false', scopes: all, run: (s, p) => listLevelCounts(s, p, { byUnit: false }) },
    { what: 'listLevelCounts byUnit=true', scopes: ['province'], run: (s, p) => listLevelCounts(s, p, { byUnit: true }) },
    // A trend by day or week: for one office the default up to 120 days (lib/indicators/chart-data.ts
    // chooseChartBucket); over several offices by day up to 31 days, then by month — longer runs
    // of days over a province only when chosen by hand (?nhom=), so not timed there.
    {
      what: 'listLevelCountsByPeriod days',
      scopes: all,
      when: (scope, p) => scope !== 'province' || p.days <= 31,
      run: (s, p) => listLevelCountsByPeriod(s, { kind: 'days', from: p.from, to: p.to }),
    },
    { what: 'listLevelCountsByPeriod months', scopes: all, run: (s, p) => listLevelCountsByPeriod(s, { kind: 'months', ...months(p) }) },
    // Counters, hours, reasons and comments are read office by office: no page runs them over the province.
    { what: 'listCounterScores', scopes: offices, run: (s, p) => listCounterScores(s, p) },
    { what: 'listRatingsByHour', scopes: offices, run: (s, p) => listRatingsByHour(s, p) },
    { what: 'listChoiceCounts', scopes: offices, run: (s, p) => listChoiceCounts(s, p) },
    { what: 'listFlagCounts', scopes: all, run: (s, p) => listFlagCounts(s, p) },
    { what: 'countUnansweredComments', scopes: offices, run: (s, p) => countUnansweredComments(s, p) },
    { what: 'listOffices', scopes: ['province'], run: (s) => listOffices(s) },
    {
      what: 'loadUnitDashboard',
      scopes: all,
      run: async (_s, p, unitId) => {
        const d = await loadUnitDashboard(viewer, { unitId, period: p });
        if (!d) throw new Error(`unit ${unitId} outside the viewer's scope`);
        return d;
      },
    },
    {
      what: 'loadOfficeTable',
      scopes: ['province'],
      run: async (_s, p) => {
        const t = await loadOfficeTable(viewer, { period: p });
        if (!t) throw new Error('no office table');
        return t.lines;
      },
    },
  ];
}

export const DATA_QUERIES = [
  'listLevelCounts byUnit=false',
  'listLevelCounts byUnit=true',
  'listLevelCountsByPeriod days',
  'listLevelCountsByPeriod months',
  'listCounterScores',
  'listRatingsByHour',
  'listChoiceCounts',
  'listFlagCounts',
  'countUnansweredComments',
  'listOffices',
];
export const LOADERS = ['loadUnitDashboard', 'loadOfficeTable'];

export async function runInProcess(
  now: Date,
  o: InProcessOptions,
  onProgress: (m: Measurement) => void = () => {},
): Promise<{ targets: Awaited<ReturnType<typeof pickTargets>>; measurements: Measurement[] }> {
  const targets = await pickTargets(now);
  const periods = periodsAt(now);
  const viewer = viewerOf(targets.province.path);
  const scopeOf = (s: Measurement['scope']): { scope: DashboardScope; unitId: number } => {
    const t = s === 'province' ? targets.province : s === 'busy office' ? targets.busy : targets.median;
    return { scope: s === 'province' ? { viewer } : { viewer, unitPath: t.path }, unitId: t.id };
  };
  const measurements: Measurement[] = [];
  for (const item of items(targets.province.path)) {
    for (const scopeName of item.scopes) {
      const { scope, unitId } = scopeOf(scopeName);
      for (const period of PERIOD_NAMES) {
        if (item.when && !item.when(scopeName, periods[period])) continue;
        const m = { what: item.what, scope: scopeName, period, ...(await time(() => item.run(scope, periods[period], unitId), o)) };
        measurements.push(m);
        onProgress(m);
      }
    }
  }
  return { targets, measurements };
}
