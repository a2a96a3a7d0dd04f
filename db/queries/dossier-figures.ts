import type { DossierCounts } from '@/lib/dossier-rating';
import type { DashboardScope, DayRange, LevelRow, PeriodLevelRow, HourRow } from './dashboard';
import { withConn } from '../store';

/**
 * The dashboards' figures of verified ratings (channel 'dossier') and of
 * Decision 766's per-dossier index (docs/decisions/027), scoped as every
 * dashboard read is (db/queries/dashboard.ts): rows only from the units in
 * the viewer's subtree and, when given, below `unitPath`.
 *
 * Verified ratings are read from the rollups that keep the channel
 * (rollup_scores, rollup_responses), day by day: the office-level rollups
 * the other reads use sum every channel.
 */

const SUBTREE = 'u.path >= @path and u.path < @pathEnd';
const subtreeParams = (path: string) => ({ path, pathEnd: `${path.slice(0, -1)}0` });

function pathOf({ viewer, unitPath }: DashboardScope): string | null {
  if (!unitPath) return viewer.scopePath;
  return unitPath.startsWith(viewer.scopePath) ? unitPath : null;
}

const LEVELS = [1, 2, 3, 4, 5].map((v) => `sum(case when s.score = ${v} then s.n else 0 end) as n${v}`).join(', ');

/** As listLevelCounts (dashboard.ts), of verified ratings only. */
export async function listVerifiedLevelCounts(scope: DashboardScope, range: DayRange, { byUnit }: { byUnit: boolean }): Promise<LevelRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const rows = await withConn((c) =>
    c.all<Omit<LevelRow, 'excluded'> & { excluded: number | boolean }>(
      `select ${byUnit ? 's.unit_id' : '0'} as "unitId", s.question_key as "questionKey", s.excluded as excluded, ${LEVELS}
       from units u join rollup_scores s on s.unit_id = u.id and s.day between @from and @to and s.channel = 'dossier'
       where ${SUBTREE}
       group by ${byUnit ? 's.unit_id, ' : ''}s.question_key, s.excluded`,
      { ...subtreeParams(path), from: range.from, to: range.to },
    ),
  );
  return rows.map((r) => ({ ...r, unitId: Number(r.unitId), n1: Number(r.n1), n2: Number(r.n2), n3: Number(r.n3), n4: Number(r.n4), n5: Number(r.n5), excluded: Boolean(r.excluded) }));
}

/** As listLevelCountsByPeriod (dashboard.ts) by day, of valid verified ratings only. */
export async function listVerifiedLevelCountsByDay(scope: DashboardScope, range: DayRange): Promise<PeriodLevelRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const rows = await withConn((c) =>
    c.all<PeriodLevelRow>(
      `select s.day as period, s.question_key as "questionKey", ${LEVELS}
       from units u join rollup_scores s on s.unit_id = u.id and s.day between @from and @to and s.channel = 'dossier'
       where ${SUBTREE} and s.excluded = false
       group by s.day, s.question_key order by s.day`,
      { ...subtreeParams(path), from: range.from, to: range.to },
    ),
  );
  return rows.map((r) => ({ ...r, n1: Number(r.n1), n2: Number(r.n2), n3: Number(r.n3), n4: Number(r.n4), n5: Number(r.n5) }));
}

/** As listRatingsByHour (dashboard.ts), of verified ratings only. */
export async function listVerifiedRatingsByHour(scope: DashboardScope, range: DayRange): Promise<HourRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const rows = await withConn((c) =>
    c.all<Omit<HourRow, 'excluded'> & { excluded: number | boolean }>(
      `select r.weekday as weekday, r.hour as hour, r.excluded as excluded, sum(r.n) as n, sum(r.commented) as commented
       from units u join rollup_responses r on r.unit_id = u.id and r.day between @from and @to and r.channel = 'dossier'
       where ${SUBTREE}
       group by r.weekday, r.hour, r.excluded`,
      { ...subtreeParams(path), from: range.from, to: range.to },
    ),
  );
  return rows.map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), n: Number(r.n), commented: Number(r.commented), excluded: Boolean(r.excluded) }));
}

export type OfficeDossierCounts = DossierCounts & { unitId: number };

/**
 * Decision 766's counts per office over the dossiers returned in [start, end)
 * (epoch ms): returned, rated (a counted rating: flagged ones are not), and
 * not satisfied — rated dissatisfied (its rating is in low_ratings: an
 * answer at 1–2, counted) or returned after its due time, each dossier once.
 * lib/dossier-rating.ts turns them into the index and the response rate.
 */
export async function listDossierCounts(scope: DashboardScope, range: { start: number; end: number }): Promise<OfficeDossierCounts[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const rows = await withConn((c) =>
    c.all<{ unitId: number; returned: number; rated: number; notSatisfied: number }>(
      `select d.unit_id as "unitId", count(*) as returned,
              sum(case when r.id is not null and r.excluded = false then 1 else 0 end) as rated,
              sum(case when l.response_id is not null or (d.due_at is not null and d.returned_at > d.due_at) then 1 else 0 end) as "notSatisfied"
       from units u
       join dossiers d on d.unit_id = u.id and d.returned_at >= @start and d.returned_at < @end
       left join responses r on r.dossier_id = d.id
       left join low_ratings l on l.response_id = r.id
       where ${SUBTREE}
       group by d.unit_id
       order by d.unit_id`,
      { ...subtreeParams(path), start: range.start, end: range.end },
    ),
  );
  return rows.map((r) => ({ unitId: Number(r.unitId), returned: Number(r.returned), rated: Number(r.rated), notSatisfied: Number(r.notSatisfied) }));
}
