import { officialOnDutyAt, type DutyShift, type DutyTemplate } from '@/lib/duty';
import { byEngine, jsonArrayElements } from '../engine/dialect';
import { withConn } from '../store';

/**
 * Re-attribution (docs/decisions/023): after a change to a counter's duty
 * that covers time already past, the ratings of that counter in [from, to)
 * get the official the rule now finds, and the per-official rollups follow
 * them: the moved ratings' answers are taken off their old official's days
 * and months and added to the new one's, set-based, in the caller's
 * transaction. Rows left all zero are removed, so the rollups stay equal to
 * a rebuild (which has no such rows).
 */

const VN_OFFSET_MS = 7 * 3_600_000;
// The local day of r.submitted_at, as db/queries/rollups.ts computes it for the other rollups.
const LOCAL_SECONDS = `r.submitted_at / 1000 + ${VN_OFFSET_MS / 1000}`;
const PG_LOCAL = `(to_timestamp((r.submitted_at + ${VN_OFFSET_MS}) / 1000.0) at time zone 'UTC')`;
const LOCAL_DAY = () => byEngine({ sqlite: `date(${LOCAL_SECONDS}, 'unixepoch')`, pg: `to_char(${PG_LOCAL}, 'YYYY-MM-DD')` });
const LEVELS = ['n1', 'n2', 'n3', 'n4', 'n5'] as const;
const ID_CHUNK = 5000;

function moveSql(table: 'rollup_official_days' | 'rollup_official_months', sign: 1 | -1): string {
  const period = table === 'rollup_official_days' ? LOCAL_DAY() : `substr(${LOCAL_DAY()}, 1, 7)`;
  const key = table === 'rollup_official_days' ? 'day' : 'month';
  const sums = LEVELS.map((_, i) => `${sign === -1 ? '-' : ''}sum(case when a.score = ${i + 1} then 1 else 0 end)`).join(', ');
  return `insert into ${table} (official_id, ${key}, question_key, excluded, ${LEVELS.join(', ')})
    select r.official_id, ${period}, a.question_key, r.excluded, ${sums}
    from answers a join responses r on r.id = a.response_id
    where r.id in (select cast(value as integer) from ${jsonArrayElements('?')}) and r.official_id is not null and a.score is not null
    group by 1, 2, 3, 4
    on conflict (official_id, ${key}, question_key, excluded) do update set ${LEVELS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
}

/** Moves the given ratings' per-official rollups: sign -1 before their official changes, +1 after. */
async function moveOfficialRollups(ids: number[], sign: 1 | -1): Promise<void> {
  await withConn(async (c) => {
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const json = JSON.stringify(ids.slice(i, i + ID_CHUNK));
      await c.run(moveSql('rollup_official_days', sign), [json]);
      await c.run(moveSql('rollup_official_months', sign), [json]);
    }
  });
}

/**
 * Recomputes `responses.official_id` for a counter's ratings submitted in
 * [from, to) by lib/duty.ts officialOnDutyAt over the counter's templates and
 * shifts as now stored, and moves their per-official rollups. Returns the
 * number of ratings whose official changed. Call it in the duty change's
 * transaction (server/attribution.ts).
 */
export async function reattributeRatings({ counterId, from, to }: { counterId: number; from: number; to: number }): Promise<number> {
  if (from >= to) return 0;
  return withConn(async (c) => {
    const templates = (
      await c.all<DutyTemplate>(
        `select counter_id as "counterId", official_id as "officialId", weekday, start_minute as "startMinute", end_minute as "endMinute",
                valid_from as "validFrom", valid_to as "validTo"
         from duty_templates where counter_id = ?`,
        [counterId],
      )
    ).map((t) => ({ ...t, counterId: Number(t.counterId), officialId: Number(t.officialId) }));
    const shifts = (
      await c.all<DutyShift>(
        'select counter_id as "counterId", official_id as "officialId", start_at as "startAt", end_at as "endAt" from duty_shifts where counter_id = ? and start_at < ? and end_at > ?',
        [counterId, to, from],
      )
    ).map((s) => ({ counterId: Number(s.counterId), officialId: s.officialId === null ? null : Number(s.officialId), startAt: Number(s.startAt), endAt: Number(s.endAt) }));
    const ratings = await c.all<{ id: number; submittedAt: number; officialId: number | null }>(
      'select id, submitted_at as "submittedAt", official_id as "officialId" from responses where counter_id = ? and submitted_at >= ? and submitted_at < ?',
      [counterId, from, to],
    );
    const byNew = new Map<number | null, number[]>();
    const moved: number[] = [];
    const losers = new Set<number>();
    for (const r of ratings) {
      const now = officialOnDutyAt(counterId, Number(r.submittedAt), templates, shifts);
      const old = r.officialId === null ? null : Number(r.officialId);
      if (now === old) continue;
      moved.push(Number(r.id));
      if (old !== null) losers.add(old);
      const list = byNew.get(now);
      if (list) list.push(Number(r.id));
      else byNew.set(now, [Number(r.id)]);
    }
    if (!moved.length) return 0;
    await moveOfficialRollups(moved, -1);
    for (const [officialId, ids] of byNew) {
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        await c.run(`update responses set official_id = ? where id in (select cast(value as integer) from ${jsonArrayElements('?')})`, [
          officialId,
          JSON.stringify(ids.slice(i, i + ID_CHUNK)),
        ]);
      }
    }
    await moveOfficialRollups(moved, 1);
    if (losers.size) {
      const empty = `official_id in (${[...losers].join(', ')}) and ${LEVELS.map((l) => `${l} = 0`).join(' and ')}`;
      await c.run(`delete from rollup_official_days where ${empty}`);
      await c.run(`delete from rollup_official_months where ${empty}`);
    }
    return moved.length;
  });
}

/**
 * Attributes every rating at a counter by the rule, set-based: for the demo
 * seeder, whose bulk insert bypasses storeRating. Returns the number attributed.
 * Per-official rollups are not touched: run rollups:rebuild after.
 */
export async function attributeAllRatings({ unitIds }: { unitIds?: number[] } = {}): Promise<number> {
  const counters = await withConn((c) =>
    c.all<{ id: number; unitId: number }>(
      `select distinct counter_id as id from duty_templates ${unitIds ? `where unit_id in (${unitIds.map(Number).join(',') || '0'})` : ''}
       union select distinct counter_id from duty_shifts ${unitIds ? `where unit_id in (${unitIds.map(Number).join(',') || '0'})` : ''}`,
    ),
  );
  let total = 0;
  for (const { id } of counters) {
    const range = await withConn((c) =>
      c.get<{ lo: number | null; hi: number | null }>('select min(submitted_at) as lo, max(submitted_at) as hi from responses where counter_id = ?', [id]),
    );
    if (range?.lo == null || range.hi == null) continue;
    total += await reattributeRatings({ counterId: Number(id), from: Number(range.lo), to: Number(range.hi) + 1 });
  }
  return total;
}
