import { listAlerts, type AlertRow } from '@/db/queries/alerts';
import { listLevelCounts, listOffices } from '@/db/queries/dashboard';
import { listEvaluationPeriods, listEvaluationSheets } from '@/db/queries/evaluation';
import { countFollowUp, listUnansweredComments, type FollowUpCounts, type UnansweredComment } from '@/db/queries/follow-up';
import { listOpenKioskOutagesIn } from '@/db/queries/kiosk-outages';
import { listKiosks, type KioskRow } from '@/db/queries/kiosks';
import { can, type Viewer } from '@/lib/auth/roles';
import { DEFAULT_MIN_SAMPLE } from '@/lib/indicators/indicator';
import { dayKeyOf, presetPeriod, type Period } from '@/lib/indicators/periods';
import { summarizeBy } from '@/lib/indicators/summary';
import { kioskState } from '@/lib/kiosk/status';
import { deadlineOf, evaluationTasks, hasEvaluationWork, ratingsMissing, type Deadline, type EvaluationTask, type SheetStatus } from '@/lib/staff-home';
import { questionCatalog } from './dashboard';
import { loadOpenIntegrityReports, type OpenIntegrityReports } from './integrity';

/**
 * The staff home (/tong-quan) as a to-do list for the signed-in person's
 * role and scope (issue 13): every block reads through a query scoped to the
 * viewer's subtree, so an office head never sees another office's items.
 * A block is null when it does not concern the role.
 */

/** Items listed per block; the count says how many there are in all. */
export const HOME_LIST_LIMIT = 10;

export type StaffHome = {
  followUp: FollowUpCounts;
  /** Oldest first. */
  comments: UnansweredComment[];
  /** Newest first. */
  alerts: AlertRow[];
  /** Null for roles that do not manage kiosks. */
  kiosks: { total: number; unplugged: UnpluggedKiosk[] } | null;
  /** Null for roles without evaluation work. */
  evaluation: EvaluationBlock | null;
  /** Integrity reports waiting for a conclusion, oldest first; null for those who may not read them (docs/decisions/028). */
  integrity: OpenIntegrityReports | null;
  sample: { period: Period; minSample: number; offices: { id: number; name: string; n: number; missing: number }[]; officeCount: number };
};

/** A kiosk that looks unplugged now, with the outage the scheduled job recorded for it (null until its next run). */
export type UnpluggedKiosk = KioskRow & { outage: { silentSince: Date; detectedAt: Date } | null };

export type EvaluationBlock =
  | { period: null; year: number }
  | {
      period: { id: number; name: string; year: number; dueDate: string };
      deadline: Deadline;
      tasks: EvaluationTask[];
      /** Offices of the viewer's part of the period. */
      officeCount: number;
    };

export async function loadStaffHome(viewer: Viewer, now = new Date()): Promise<StaffHome> {
  const [followUp, comments, alerts, kiosks, evaluation, integrity, sample] = await Promise.all([
    countFollowUp(viewer, { now }),
    listUnansweredComments(viewer, { limit: HOME_LIST_LIMIT }),
    listAlerts(viewer, { status: 'open', pageSize: HOME_LIST_LIMIT }),
    loadKiosks(viewer, now),
    loadEvaluation(viewer, now),
    loadOpenIntegrityReports(viewer, HOME_LIST_LIMIT),
    loadSample(viewer, now),
  ]);
  return { followUp, comments, alerts: alerts.rows, kiosks, evaluation, integrity, sample };
}

/**
 * Paired kiosks that look unplugged now (silent for 30 minutes of opening
 * hours: lib/kiosk/status.ts), decided at read time so the list is never
 * behind, each with the outage the `kiosks.unplugged` job recorded (when it
 * was found, whether the heads were mailed: server/kiosk-outages.ts).
 */
async function loadKiosks(viewer: Viewer, now: Date): Promise<StaffHome['kiosks']> {
  if (!can(viewer.role, 'kiosks.manage')) return null;
  const [rows, outages] = await Promise.all([listKiosks({ viewer }), listOpenKioskOutagesIn({ viewer })]);
  const paired = rows.filter((k) => k.paired);
  return {
    total: paired.length,
    unplugged: paired.filter((k) => kioskState(k, now) === 'unplugged').map((k) => ({ ...k, outage: outages.get(k.id) ?? null })),
  };
}

/**
 * The evaluation period of the current year the viewer can see (the newest
 * of them), the deadline, and what it asks of this role over the active
 * offices of the viewer's part of it.
 */
async function loadEvaluation(viewer: Viewer, now: Date): Promise<EvaluationBlock | null> {
  if (!hasEvaluationWork(viewer.role)) return null;
  const today = dayKeyOf(now);
  const year = Number(today.slice(0, 4));
  const period = (await listEvaluationPeriods({ viewer })).find((p) => p.year === year);
  if (!period) return { period: null, year };
  // Where the viewer's subtree and the period's province meet: the narrower of the two.
  const path = viewer.scopePath.startsWith(period.unitPath) ? viewer.scopePath : period.unitPath;
  const [offices, sheets] = await Promise.all([listOffices({ viewer, unitPath: path }), listEvaluationSheets({ periodId: period.id, path })]);
  const statusOf = new Map(sheets.map((s) => [s.unitId, s.status as SheetStatus]));
  const lines = offices
    .filter((o) => o.active || statusOf.has(o.id))
    .map((o) => ({ unitId: o.id, name: o.name, status: statusOf.get(o.id) ?? ('not_started' as const) }));
  return {
    period: { id: period.id, name: period.name, year: period.year, dueDate: period.dueDate },
    deadline: deadlineOf(period.dueDate, today),
    tasks: evaluationTasks(viewer.role, lines),
    officeCount: lines.length,
  };
}

/**
 * Active offices of the viewer's scope with fewer valid answers to the
 * headline question this year than the minimum sample: their rate shows as
 * "Chưa đủ dữ liệu" and is not ranked (ADR 008). Fewest first.
 */
async function loadSample(viewer: Viewer, now: Date): Promise<StaffHome['sample']> {
  const period = presetPeriod('nam-nay', now);
  const [questions, offices, rows] = await Promise.all([
    questionCatalog(viewer.scopePath),
    listOffices({ viewer }),
    listLevelCounts({ viewer }, period, { byUnit: true }),
  ]);
  const byOffice = summarizeBy(
    rows.map((r) => ({ ...r, key: r.unitId })),
    questions,
  );
  const active = offices.filter((o) => o.active);
  const short = active
    .map((o) => {
      const headline = byOffice.get(o.id)?.headline;
      const n = headline?.n ?? 0;
      return { id: o.id, name: o.name, n, enough: Boolean(headline?.enoughData), missing: ratingsMissing(n) };
    })
    .filter((o) => !o.enough)
    .sort((a, b) => a.n - b.n || a.name.localeCompare(b.name, 'vi'))
    .map(({ enough: _enough, ...o }) => o);
  return { period, minSample: DEFAULT_MIN_SAMPLE, offices: short, officeCount: active.length };
}
