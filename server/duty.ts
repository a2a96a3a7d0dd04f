import {
  deleteDutyShift,
  endDutyShiftAt,
  endDutyTemplate,
  getDelegatedDutyOffice,
  getDutyBoard,
  getDutyOffice,
  getServingOfficial,
  insertDutyShift,
  insertDutyTemplate,
  listDutyOffices,
  listPinOfficials,
  lockDuty,
  readDutyFacts,
  type DutyBoard,
  type DutyOffice,
  type ServingOfficial,
} from '@/db/queries/duty';

import { createAnonymousFailureEntry } from '@/db/queries/audit';
import { createThrottleEvent, listThrottleEvents } from '@/db/queries/kiosks';
import { transaction } from '@/db/store';
import { decideThrottle } from '@/lib/kiosk/limits';
import { burnPasswordCheck, verifyPassword } from './auth/password';
import { can, type Viewer } from '@/lib/auth/roles';
import { doubleDutyIn, localDayStart, localTimeOf, nextDay, validateDutyChange, type DutyShift, type DutyTemplate } from '@/lib/duty';
import { reattribute } from './attribution';

export type { ServingOfficial };

/** Who serves at a counter now, for the citizen (the counter's survey page, its kiosk); null when nobody. */
export async function servingAtCounter(counterId: number, now: Date = new Date()): Promise<ServingOfficial | null> {
  return getServingOfficial({ counterId, at: now.getTime() });
}

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
    const facts = await readDutyFacts({ unitId, officialIds: [], counterIds: [] });
    const shift = facts.shifts.find((s) => s.id === shiftId);
    if (!shift) return { ok: false, problems: ['Không tìm thấy thay đổi này.'] };
    const conflict = doubleDutyIn(shift.startAt, shift.endAt, { ...facts, shifts: facts.shifts.filter((s) => s !== shift) });
    if (conflict) return { ok: false, problems: [`Không thể xoá thay đổi này: ${conflict}`] };
    const removed = (await deleteDutyShift({ unitId, shiftId, actorId: viewer.userId, now: now.getTime() }))!;
    const to = Math.min(removed.endAt, now.getTime());
    const reattributed = removed.startAt < to ? await reattribute({ counterId: removed.counterId, from: removed.startAt, to, unitId, actorId: viewer.userId, now }) : 0;
    return { ok: true, reattributed };
  });
}

// ---------------------------------------------------------------- the kiosk's quick switch

/** Wrong PINs a kiosk may send in a window before it must wait (counted per kiosk in throttle_events). */
export const KIOSK_PIN_THROTTLE = { windowMs: 15 * 60_000, max: 5 } as const;

export type KioskSwitchResult =
  | { status: 'ok'; serving: ServingOfficial | null; officialName: string }
  | { status: 'no_counter' }
  | { status: 'bad_pin' }
  | { status: 'throttled'; retryAfterS: number }
  | { status: 'refused'; problems: string[] };

/**
 * An official puts themselves on duty at the counter a kiosk is paired to,
 * with their PIN: from now to the end of the local day (or to the counter's
 * next change today), a shift with source `kiosk`. A shift of the counter
 * running now is cut at this instant. Refused as lib/duty.ts refuses (the
 * official at another counter now, inactive…). Wrong PINs are counted per
 * kiosk (KIOSK_PIN_THROTTLE); the hashes are compared outside any
 * transaction (Argon2 is slow on purpose).
 */
export async function switchDutyAtKiosk({
  kiosk,
  pin,
  now = new Date(),
}: {
  kiosk: { id: number; unitId: number; counterId: number | null };
  pin: string;
  now?: Date;
}): Promise<KioskSwitchResult> {
  if (kiosk.counterId === null) return { status: 'no_counter' };
  const counterId = kiosk.counterId;
  const key = String(kiosk.id);
  const at = now.getTime();
  const gate = await transaction(async (c) => {
    await c.lock(`throttle:kiosk_pin:${key}`);
    return decideThrottle(await listThrottleEvents({ scope: 'kiosk_pin', key, since: new Date(at - KIOSK_PIN_THROTTLE.windowMs) }), at, KIOSK_PIN_THROTTLE);
  });
  if (!gate.allowed) return { status: 'throttled', retryAfterS: gate.retryAfterS };

  const candidates = /^\d{4,12}$/.test(pin) ? await listPinOfficials({ unitId: kiosk.unitId }) : [];
  const checks = await Promise.all(candidates.map((o) => verifyPassword(o.pinHash, pin)));
  const official = candidates.find((_, i) => checks[i]);
  if (!official) {
    if (candidates.length === 0) await burnPasswordCheck(pin);
    await transaction(async (c) => {
      await c.lock(`throttle:kiosk_pin:${key}`);
      await createThrottleEvent({ scope: 'kiosk_pin', key, at: now });
    });
    await createAnonymousFailureEntry({ at: now, action: 'duty.kiosk_pin_failed', entityType: 'kiosk', entityId: kiosk.id, after: { reason: 'bad_pin' }, networkHash: null });
    return { status: 'bad_pin' };
  }

  return transaction(async (): Promise<KioskSwitchResult> => {
    await lockDuty({ unitId: kiosk.unitId });
    const facts = await readDutyFacts({ unitId: kiosk.unitId, officialIds: [official.id], counterIds: [counterId] });
    const endOfDay = localDayStart(nextDay(localTimeOf(at).day));
    const own = facts.shifts.filter((s) => s.counterId === counterId);
    const running = own.find((s) => s.startAt <= at && at < s.endAt);
    const nextStart = Math.min(endOfDay, ...own.filter((s) => s.startAt > at).map((s) => s.startAt));
    const shift: DutyShift = { counterId, officialId: official.id, startAt: at, endAt: nextStart };
    const shifts = facts.shifts
      .map((s) => (s === running ? { ...s, endAt: at } : s))
      .filter((s) => s.startAt < s.endAt);
    const problems = validateDutyChange({ kind: 'shift', shift }, { ...facts, shifts });
    if (problems.length) return { status: 'refused', problems };
    if (running) {
      if (running.startAt < at) await endDutyShiftAt({ unitId: kiosk.unitId, shiftId: running.id!, endAt: at, actorId: null, now: at });
      else await deleteDutyShift({ unitId: kiosk.unitId, shiftId: running.id!, actorId: null, now: at });
    }
    await insertDutyShift({ unitId: kiosk.unitId, shift, source: 'kiosk', kioskId: kiosk.id, actorId: null, now: at });
    return { status: 'ok', serving: await getServingOfficial({ counterId, at }), officialName: official.fullName };
  });
}
