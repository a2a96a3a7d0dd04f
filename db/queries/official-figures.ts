import { and, desc, eq, gte, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { splitWholeMonths, type DayKey } from '@/lib/indicators/periods';
import { commentThreads, officials, responses, units } from '../schema';
import { transaction, withConn } from '../store';
import { createAuditEntry } from './audit';
import type { LevelRow, PeriodLevelRow } from './dashboard';
import { LEVEL_COLUMNS } from './rollups';
import { inSubtree } from './unit-tree';

/**
 * One official's advisory figures (issue 14, docs/decisions/023): read from
 * rollup_official_months (whole months) and rollup_official_days (the edge
 * days, at most two months of them; lib/indicators/periods.ts
 * splitWholeMonths), never from raw responses, so a page costs the same at
 * 200k and 2M ratings. Callers have checked who may see whom (server/official-figures.ts).
 */

const LEVEL_SUMS = LEVEL_COLUMNS.map((c) => `sum(r.${c}) as ${c}`).join(', ');
const isTrue = (v: unknown) => v === true || v === 1;

type Range = { from: DayKey; to: DayKey };

/** The parts of a range and their bound parameters (@from<i>, @to<i>). */
function partsOf(range: Range) {
  const parts = splitWholeMonths(range.from, range.to);
  const params = Object.fromEntries(parts.flatMap((p, i) => [[`from${i}`, p.from], [`to${i}`, p.to]]));
  const source = (kind: 'months' | 'days') => (kind === 'months' ? { table: 'rollup_official_months', key: 'r.month' } : { table: 'rollup_official_days', key: 'r.day' });
  return { parts, params, source };
}

/** Answers per question and level over a range of days (unitId 0), valid and flagged apart: what `summarize` takes. */
export async function listOfficialLevelCounts({ officialId, range }: { officialId: number; range: Range }): Promise<LevelRow[]> {
  const { parts, params, source } = partsOf(range);
  const selects = parts.map((p, i) => {
    const { table, key } = source(p.kind as 'months' | 'days');
    return `select r.question_key as "questionKey", r.excluded as excluded, ${LEVEL_SUMS} from ${table} r
      where r.official_id = @officialId and ${key} between @from${i} and @to${i} group by r.question_key, r.excluded`;
  });
  const rows = await withConn((c) =>
    c.all<Omit<LevelRow, 'excluded' | 'unitId'> & { excluded: unknown }>(
      `select "questionKey", excluded, ${LEVEL_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')} from (${selects.join(' union all ')}) as parts
       group by "questionKey", excluded`,
      { officialId, ...params },
    ),
  );
  return rows.map((r) => ({ ...r, unitId: 0, excluded: isTrue(r.excluded) }));
}

/** Valid answers per month ("YYYY-MM") and question over a range: the points of the trend (edge days counted in their month). */
export async function listOfficialLevelCountsByMonth({ officialId, range }: { officialId: number; range: Range }): Promise<PeriodLevelRow[]> {
  const { parts, params, source } = partsOf(range);
  const selects = parts.map((p, i) => {
    const { table, key } = source(p.kind as 'months' | 'days');
    return `select substr(${key}, 1, 7) as period, r.question_key as "questionKey", ${LEVEL_SUMS} from ${table} r
      where r.official_id = @officialId and ${key} between @from${i} and @to${i} and r.excluded = false group by substr(${key}, 1, 7), r.question_key`;
  });
  return withConn((c) =>
    c.all<PeriodLevelRow>(
      `select period, "questionKey", ${LEVEL_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')} from (${selects.join(' union all ')}) as parts
       group by period, "questionKey" order by period`,
      { officialId, ...params },
    ),
  );
}

export type LinkedComment = { id: number; submittedAt: Date; comment: string; status: string; counterId: number | null };

/** Most comments a figures page lists. */
export const LINKED_COMMENTS_LIMIT = 50;

/** The comments the office head linked to the official, submitted in [start, end), newest first. */
export async function listOfficialComments({ officialId, start, end }: { officialId: number; start: Date; end: Date }): Promise<LinkedComment[]> {
  const rows = await withConn(({ db }) =>
    db
      .select({ id: responses.id, submittedAt: responses.submittedAt, comment: responses.comment, status: commentThreads.status, counterId: responses.counterId })
      .from(commentThreads)
      .innerJoin(responses, eq(responses.id, commentThreads.responseId))
      .where(and(eq(commentThreads.officialId, officialId), isNotNull(responses.comment), gte(responses.submittedAt, start), lt(responses.submittedAt, end)))
      .orderBy(desc(responses.submittedAt), desc(responses.id))
      .limit(LINKED_COMMENTS_LIMIT),
  );
  return rows.map((r) => ({ ...r, comment: r.comment ?? '' }));
}

/** For the comments page: each listed comment's office and linked official (if any), for comments in the viewer's subtree. */
export async function listCommentOfficialLinks({ viewer, responseIds }: { viewer: Pick<Viewer, 'scopePath'>; responseIds: readonly number[] }) {
  if (responseIds.length === 0) return new Map<number, { unitId: number; officialId: number | null; officialName: string | null }>();
  const rows = await withConn(({ db }) =>
    db
      .select({ responseId: responses.id, unitId: responses.unitId, officialId: commentThreads.officialId, officialName: officials.fullName })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
      .leftJoin(officials, eq(officials.id, commentThreads.officialId))
      .where(and(inArray(responses.id, [...responseIds]), inSubtree(viewer.scopePath), isNotNull(responses.comment))),
  );
  return new Map(rows.map((r) => [r.responseId, { unitId: r.unitId, officialId: r.officialId, officialName: r.officialName }]));
}

export type LinkCommentResult = { status: 'ok'; changed: boolean } | { status: 'not_found' } | { status: 'bad_official' };

/**
 * Links a comment of the viewer's subtree to an official of the comment's
 * own office (or unlinks it, `officialId` null), audited as
 * 'comment.link_official'. A comment nobody handled yet gets its thread row
 * (status 'new').
 */
export async function linkCommentOfficial({
  viewer,
  responseId,
  officialId,
  now = new Date(),
}: {
  viewer: Pick<Viewer, 'userId' | 'scopePath'>;
  responseId: number;
  officialId: number | null;
  now?: Date;
}): Promise<LinkCommentResult> {
  return transaction(async (c) => {
    await c.lock(`comment:${responseId}`);
    const [comment] = await c.db
      .select({ unitId: responses.unitId, officialId: commentThreads.officialId })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
      .where(and(eq(responses.id, responseId), inSubtree(viewer.scopePath), isNotNull(responses.comment), ne(responses.comment, '')))
      .limit(1);
    if (!comment) return { status: 'not_found' } as const;
    const before = comment.officialId ?? null;
    // Saved again unchanged (even an official who has since left): nothing to check or write.
    if (before === officialId) return { status: 'ok', changed: false } as const;
    if (officialId !== null) {
      const [official] = await c.db
        .select({ id: officials.id })
        .from(officials)
        .where(and(eq(officials.id, officialId), eq(officials.unitId, comment.unitId), eq(officials.active, true)))
        .limit(1);
      if (!official) return { status: 'bad_official' } as const;
    }
    await c.db
      .insert(commentThreads)
      .values({ responseId, officialId, updatedAt: now })
      .onConflictDoUpdate({ target: commentThreads.responseId, set: { officialId, updatedAt: now } });
    await createAuditEntry({ at: now, actorId: viewer.userId, action: 'comment.link_official', entityType: 'comment', entityId: responseId, before: { officialId: before }, after: { officialId } });
    return { status: 'ok', changed: true } as const;
  });
}

/** Records one view of an official's figures (personal data about the official: every view is audited). */
export async function recordOfficialFiguresView({ viewer, officialId, from, to, now = new Date() }: { viewer: Pick<Viewer, 'userId'>; officialId: number; from: DayKey; to: DayKey; now?: Date }) {
  await createAuditEntry({ at: now, actorId: viewer.userId, action: 'official.figures.view', entityType: 'official', entityId: officialId, after: { from, to } });
}
