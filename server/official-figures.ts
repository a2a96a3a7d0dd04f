import { getOfficial, getOfficialOfAccount, type OfficialRow } from '@/db/queries/officials';
import { listOfficialComments, listOfficialLevelCounts, listOfficialLevelCountsByMonth, recordOfficialFiguresView, type LinkedComment } from '@/db/queries/official-figures';
import { can, type Viewer } from '@/lib/auth/roles';
import { toSectionsProps, type SectionsProps } from '@/lib/indicators/chart-data';
import { eachDay, monthKey, bucketLabel, type Period } from '@/lib/indicators/periods';
import { hourGrid, summarize, summarizeBy, type Summary } from '@/lib/indicators/summary';
import { questionCatalog } from './dashboard';

/**
 * One official's advisory figures (issue 14, docs/decisions/023): who may
 * see whom, and what the page shows. Office heads see the officials of their
 * offices and assessors those of their scope (officials.figures, scoped as
 * every staff read); an official's own account sees only its own
 * (officials.ownFigures); supervisors and everyone else see nothing, as if
 * the official did not exist. Each view is audited ('official.figures.view').
 */

export type OfficialFigures = {
  official: OfficialRow;
  period: Period;
  current: Summary;
  sections: SectionsProps;
  comments: LinkedComment[];
};

/** The figures of an official for a staff viewer, or null when the viewer may not see them (callers answer 404). */
export async function loadOfficialFiguresForStaff(viewer: Viewer, officialId: number, period: Period, now = new Date()): Promise<OfficialFigures | null> {
  if (!can(viewer.role, 'officials.figures')) return null;
  const official = await getOfficial({ viewer, officialId });
  if (!official) return null;
  return loadAndRecord(viewer, official, period, now);
}

/** The signed-in official's own figures, or null when the account is linked to no official. */
export async function loadOwnFigures(viewer: Viewer, period: Period, now = new Date()): Promise<OfficialFigures | null> {
  if (!can(viewer.role, 'officials.ownFigures')) return null;
  const official = await getOfficialOfAccount({ userId: viewer.userId });
  if (!official) return null;
  return loadAndRecord(viewer, official, period, now);
}

async function loadAndRecord(viewer: Viewer, official: OfficialRow, period: Period, now: Date): Promise<OfficialFigures> {
  const range = { from: period.from, to: period.to };
  const [questions, levels, byMonth, comments] = await Promise.all([
    questionCatalog(official.officePath),
    listOfficialLevelCounts({ officialId: official.id, range }),
    listOfficialLevelCountsByMonth({ officialId: official.id, range }),
    listOfficialComments({ officialId: official.id, start: new Date(period.start), end: new Date(period.end) }),
  ]);
  await recordOfficialFiguresView({ viewer, officialId: official.id, from: period.from, to: period.to, now });
  const current = summarize(levels, questions);
  const months = summarizeBy(
    byMonth.map((r) => ({ ...r, key: r.period })),
    questions,
  );
  const trend = [...new Set(eachDay(period).map(monthKey))].map((key) => ({ key, label: bucketLabel(key), summary: months.get(key) ?? summarize([], questions) }));
  const sections = toSectionsProps({
    unit: { name: official.fullName },
    period,
    bucket: 'month',
    questions,
    current,
    trend,
    counters: [],
    heatmap: hourGrid([]),
    choices: [],
  });
  return { official, period, current, sections, comments };
}
