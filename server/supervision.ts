import { getEvaluationPeriod, listEvaluationPeriods, type PeriodRow } from '@/db/queries/evaluation';
import { countIntegrityReports, type IntegrityCounts } from '@/db/queries/integrity';
import {
  answerRecommendation,
  createVisit,
  getSupervisableOffice,
  getUserOrganisation,
  listSupervisableOffices,
  listVisits,
  type OrganisationRow,
  type VisitRow,
} from '@/db/queries/supervision';
import { can, type Viewer } from '@/lib/auth/roles';
import { vietnamYearBounds } from '@/lib/supervision';
import type { RecordVisitInput } from '@/lib/validation/supervision';

/**
 * Supervision's use cases (issue 15, docs/decisions/028): a supervisor
 * records a visit of an office in their subtree, signed with their
 * organisation; the office head answers each recommendation; everyone with
 * supervision.read reads them in their subtree. Refusals are Vietnamese
 * sentences, and nothing is stored with one.
 */

export type Outcome = { status: 'ok'; id?: number } | { status: 'not_found' } | { status: 'refused'; message: string; field?: string };

export const REFUSALS = {
  noOrganisation: 'Tài khoản của Ông/Bà chưa thuộc tổ chức giám sát nào (hoặc tổ chức đã ngừng hoạt động); đề nghị quản trị hệ thống bổ sung trước khi ghi kết quả giám sát.',
  officeOutOfScope: 'Đơn vị này không thuộc phạm vi giám sát của Ông/Bà (hoặc không còn hoạt động); không có gì được lưu.',
  period: 'Đợt đánh giá này không áp dụng cho đơn vị đã chọn; vui lòng chọn đợt đánh giá khác.',
  doneAlready: 'Kiến nghị này đã được đánh dấu thực hiện xong; không sửa câu trả lời được nữa.',
} as const;

/** A supervisor records a visit with its findings, evidence and recommendations. */
export async function recordVisit(viewer: Viewer, input: RecordVisitInput, now = new Date()): Promise<Outcome> {
  if (!can(viewer.role, 'supervision.record')) return { status: 'not_found' };
  const organisation = await getUserOrganisation({ userId: viewer.userId });
  if (!organisation || !organisation.active) return { status: 'refused', message: REFUSALS.noOrganisation };
  const office = await getSupervisableOffice({ viewer, unitId: input.unitId });
  if (!office) return { status: 'refused', message: REFUSALS.officeOutOfScope, field: 'unitId' };
  const period = await getEvaluationPeriod({ viewer, periodId: input.periodId });
  if (!period || !office.path.startsWith(period.unitPath)) return { status: 'refused', message: REFUSALS.period, field: 'periodId' };
  const id = await createVisit({
    actorId: viewer.userId,
    now,
    visit: {
      unitId: office.id,
      periodId: period.id,
      organisationId: organisation.id,
      organisationName: organisation.name,
      visitedOn: input.visitedOn,
      findings: input.findings,
      evidenceLinks: input.evidence,
      recommendations: input.recommendations,
    },
  });
  return { status: 'ok', id };
}

/** The office head answers a recommendation of their office, and may mark it done. */
export async function answer(viewer: Viewer, input: { recommendationId: number; answer: string; done: boolean }, now = new Date()): Promise<Outcome> {
  if (!can(viewer.role, 'recommendations.answer')) return { status: 'not_found' };
  const outcome = await answerRecommendation({ viewer, ...input, now });
  if (outcome.status === 'done_already') return { status: 'refused', message: REFUSALS.doneAlready };
  return outcome;
}

export type SupervisionPage = {
  visits: VisitRow[];
  /** The viewer's organisation, for a supervisor ("Ghi với tư cách …"); null otherwise. */
  organisation: OrganisationRow | null;
  mayRecord: boolean;
  mayAnswer: boolean;
  offices: { id: number; name: string }[];
  periods: PeriodRow[];
};

/** The supervision page: visits in scope, and what the viewer may write. */
export async function loadSupervisionPage(viewer: Viewer, filter: { unitId?: number; periodId?: number } = {}): Promise<SupervisionPage | null> {
  if (!can(viewer.role, 'supervision.read')) return null;
  const mayRecord = can(viewer.role, 'supervision.record');
  const [visits, organisation, offices, periods] = await Promise.all([
    listVisits({ viewer, ...filter }),
    mayRecord ? getUserOrganisation({ userId: viewer.userId }) : Promise.resolve(null),
    mayRecord ? listSupervisableOffices({ viewer }) : Promise.resolve([]),
    mayRecord ? listEvaluationPeriods({ viewer }) : Promise.resolve([]),
  ]);
  return {
    visits,
    organisation,
    mayRecord: mayRecord && Boolean(organisation?.active),
    mayAnswer: can(viewer.role, 'recommendations.answer'),
    offices: offices.map((o) => ({ id: o.id, name: o.name })),
    periods,
  };
}

export type SheetOversight = {
  /** Visits of the office in the period with their recommendations (supervision.read roles), else null. */
  visits: VisitRow[] | null;
  /** The office's integrity reports raised in the period's year, by outcome. */
  integrity: IntegrityCounts;
};

/** What the evaluation sheet shows beside the manual criteria: supervisors' recommendations and integrity reports. */
export async function loadSheetOversight(viewer: Viewer, { periodId, unitId, year }: { periodId: number; unitId: number; year: number }): Promise<SheetOversight> {
  const { from, to } = vietnamYearBounds(year);
  const [visits, integrity] = await Promise.all([
    can(viewer.role, 'supervision.read') ? listVisits({ viewer, unitId, periodId }) : Promise.resolve(null),
    countIntegrityReports({ unitId, from, to }),
  ]);
  return { visits, integrity };
}
