import {
  deleteDutyShift,
  endDutyTemplate,
  getDelegatedDutyOffice,
  getDutyBoard,
  getDutyOffice,
  insertDutyShift,
  insertDutyTemplate,
  listDutyOffices,
  lockDuty,
  readDutyFacts,
  type DutyBoard,
  type DutyOffice,
} from '@/db/queries/duty';
import { transaction } from '@/db/store';
import { can, type Viewer } from '@/lib/auth/roles';
import { localDayStart, localTimeOf, nextDay, validateDutyChange, type DutyShift, type DutyTemplate } from '@/lib/duty';
import { reattribute } from './attribution';

/**
 * The duty schedule's use cases (docs/decisions/023). Who may change an
 * office's schedule: an account with `duty.manage` (office heads) for the
 * offices of its subtree, and an official's account whose official the head
 * delegated (`manages_duty`) for that official's office only.
 *
 * Every change runs in one transaction: the office's `duty:` lock, then the
 * facts, then lib/duty.ts's validation, then the write, its audit entry and,
 * when it covers time already past, the re-attribution of the ratings it
 * touches (server/attribution.ts).
 */

type DutyViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

export type DutyResult = { ok: true; reattributed: number } | { ok: false; problems: string[] };

/** The offices whose schedule the viewer may set (empty: none, the page is not theirs). */
export async function listManagedDutyOffices(viewer: DutyViewer): Promise<DutyOffice[]> {
  if (can(viewer.role, 'duty.manage')) return listDutyOffices({ viewer });
  if (viewer.role === 'official') {
    const office = await getDelegatedDutyOffice({ userId: viewer.userId });
    return office ? [office] : [];
  }
  return [];
}

/** Whether the viewer may set this office's schedule. */
export async function mayManageDuty(viewer: DutyViewer, unitId: number): Promise<boolean> {
  if (can(viewer.role, 'duty.manage')) return (await getDutyOffice({ viewer, unitId })) !== null;
  if (viewer.role === 'official') return (await getDelegatedDutyOffice({ userId: viewer.userId }))?.id === unitId;
  return false;
}

/** The office's schedule for the page: templates still valid on `day`, and the shifts of that local day. */
export async function readDutyBoard({ viewer, unitId, day }: { viewer: DutyViewer; unitId: number; day: string }): Promise<DutyBoard | null> {
  if (!(await mayManageDuty(viewer, unitId))) return null;
  return getDutyBoard({ viewer: { scopePath: '/' }, unitId, day, dayStart: localDayStart(day), dayEnd: localDayStart(nextDay(day)) });
}

const NOT_ALLOWED = 'Bạn không có quyền xếp lịch trực cho cơ quan này.';

/** Adds a slot to the weekly schedule; a validity that began in the past re-attributes that counter's ratings since. */
export async function addDutyTemplate({ viewer, unitId, template, now = new Date() }: { viewer: DutyViewer; unitId: number; template: DutyTemplate; now?: Date }): Promise<DutyResult> {
  if (!(await mayManageDuty(viewer, unitId))) return { ok: false, problems: [NOT_ALLOWED] };
  return transaction(async (): Promise<DutyResult> => {
    await lockDuty({ unitId });
    const facts = await readDutyFacts({ unitId, officialIds: [template.officialId], counterIds: [template.counterId] });
    const problems = validateDutyChange({ kind: 'template', template }, facts);
    if (problems.length) return { ok: false, problems };
    await insertDutyTemplate({ unitId, template, actorId: viewer.userId, now: now.getTime() });
    const from = localDayStart(template.validFrom);
    const to = Math.min(now.getTime(), template.validTo ? localDayStart(nextDay(template.validTo)) : Infinity);
    const reattributed = from < to ? await reattribute({ counterId: template.counterId, from, to, unitId, actorId: viewer.userId, now }) : 0;
    return { ok: true, reattributed };
  });
}

/**
 * Takes a slot off the weekly schedule from tomorrow: it stays for the days
 * it already covered (today included), so no rating changes hands; a slot
 * that has not begun is deleted.
 */
export async function removeDutyTemplate({ viewer, unitId, templateId, now = new Date() }: { viewer: DutyViewer; unitId: number; templateId: number; now?: Date }): Promise<DutyResult> {
  if (!(await mayManageDuty(viewer, unitId))) return { ok: false, problems: [NOT_ALLOWED] };
  return transaction(async (): Promise<DutyResult> => {
    await lockDuty({ unitId });
    const facts = await readDutyFacts({ unitId, officialIds: [], counterIds: [] });
    const existing = facts.templates.find((t) => t.id === templateId);
    if (!existing) return { ok: false, problems: ['Không tìm thấy ca trực này.'] };
    const today = localTimeOf(now.getTime()).day;
    if (existing.validTo !== null && existing.validTo < today) return { ok: false, problems: ['Ca trực này đã hết hiệu lực.'] };
    await endDutyTemplate({ unitId, templateId, lastDay: today, actorId: viewer.userId, now: now.getTime() });
    return { ok: true, reattributed: 0 };
  });
}

/**
 * A same-day change (`change`: within today) or a correction of a past day
 * (`correction`): for [startAt, endAt) the official (or nobody) replaces the
 * weekly schedule at the counter. What it covers of the past is re-attributed.
 */
export async function addDutyShift({
  viewer,
  unitId,
  shift,
  source,
  now = new Date(),
}: {
  viewer: DutyViewer;
  unitId: number;
  shift: DutyShift;
  source: 'change' | 'correction';
  now?: Date;
}): Promise<DutyResult> {
  if (!(await mayManageDuty(viewer, unitId))) return { ok: false, problems: [NOT_ALLOWED] };
  const today = localTimeOf(now.getTime()).day;
  const todayStart = localDayStart(today);
  if (source === 'change' && (shift.startAt < todayStart || shift.endAt > localDayStart(nextDay(today)))) {
    return { ok: false, problems: ['Thay đổi trong ngày chỉ dành cho hôm nay; ngày đã qua hãy dùng phần điều chỉnh.'] };
  }
  if (source === 'correction' && shift.endAt > todayStart) return { ok: false, problems: ['Điều chỉnh chỉ dành cho một ngày đã qua.'] };
  return transaction(async (): Promise<DutyResult> => {
    await lockDuty({ unitId });
    const facts = await readDutyFacts({ unitId, officialIds: shift.officialId === null ? [] : [shift.officialId], counterIds: [shift.counterId] });
    const problems = validateDutyChange({ kind: 'shift', shift }, facts);
    if (problems.length) return { ok: false, problems };
    await insertDutyShift({ unitId, shift, source, actorId: viewer.userId, now: now.getTime() });
    const to = Math.min(shift.endAt, now.getTime());
    const reattributed = shift.startAt < to ? await reattribute({ counterId: shift.counterId, from: shift.startAt, to, unitId, actorId: viewer.userId, now }) : 0;
    return { ok: true, reattributed };
  });
}

/** Removes a change or correction; what it covered of the past goes back to the weekly schedule and is re-attributed. */
export async function removeDutyShift({ viewer, unitId, shiftId, now = new Date() }: { viewer: DutyViewer; unitId: number; shiftId: number; now?: Date }): Promise<DutyResult> {
  if (!(await mayManageDuty(viewer, unitId))) return { ok: false, problems: [NOT_ALLOWED] };
  return transaction(async (): Promise<DutyResult> => {
    await lockDuty({ unitId });
    const removed = await deleteDutyShift({ unitId, shiftId, actorId: viewer.userId, now: now.getTime() });
    if (!removed) return { ok: false, problems: ['Không tìm thấy thay đổi này.'] };
    const to = Math.min(removed.endAt, now.getTime());
    const reattributed = removed.startAt < to ? await reattribute({ counterId: removed.counterId, from: removed.startAt, to, unitId, actorId: viewer.userId, now }) : 0;
    return { ok: true, reattributed };
  });
}
