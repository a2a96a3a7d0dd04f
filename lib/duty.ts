/**
 * Who is on duty at a counter (docs/decisions/023): the pure rule and the
 * validation of a change to the schedule. Times are epoch ms; days, weekdays
 * and minutes are Asia/Ho_Chi_Minh's (UTC+7 all year, no daylight saving).
 * The clock is never read here: `now` is passed in.
 */

const OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

export const WEEKDAY_LABELS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;

export type LocalTime = {
  /** "YYYY-MM-DD" */
  day: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Minutes after local midnight, 0..1439. */
  minute: number;
};

/** The local day, weekday and minute of an instant. */
export function localTimeOf(at: number): LocalTime {
  const local = new Date(at + OFFSET_MS);
  return {
    day: local.toISOString().slice(0, 10),
    weekday: ((local.getUTCDay() + 6) % 7) + 1,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** Epoch ms of local midnight starting a day "YYYY-MM-DD". */
export function localDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
}

/** The day after "YYYY-MM-DD". */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** 450 → "07:30"; 1440 → "24:00". */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "07:30" → 450; "24:00" → 1440; anything else → null. */
export function parseMinute(text: string): number | null {
  const m = /^\s*(\d{1,2})[:h.](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export type DutyTemplate = {
  id?: number;
  counterId: number;
  officialId: number;
  weekday: number;
  startMinute: number;
  endMinute: number;
  validFrom: string;
  validTo: string | null;
};

export type DutyShift = {
  id?: number;
  counterId: number;
  /** null: nobody serves there then. */
  officialId: number | null;
  startAt: number;
  endAt: number;
};

function templateCovers(t: DutyTemplate, local: LocalTime): boolean {
  return (
    t.weekday === local.weekday &&
    t.startMinute <= local.minute &&
    local.minute < t.endMinute &&
    t.validFrom <= local.day &&
    (t.validTo === null || local.day <= t.validTo)
  );
}

/**
 * The official on duty at a counter at an instant: the shift of that counter
 * covering it (even one with nobody), else the template of that counter
 * covering its local weekday, minute and day, else nobody (null).
 */
export function officialOnDutyAt(counterId: number, at: number, templates: readonly DutyTemplate[], shifts: readonly DutyShift[]): number | null {
  const shift = shifts.find((s) => s.counterId === counterId && s.startAt <= at && at < s.endAt);
  if (shift) return shift.officialId;
  const local = localTimeOf(at);
  return templates.find((t) => t.counterId === counterId && templateCovers(t, local))?.officialId ?? null;
}

/** One stretch of time with one official (or nobody) on duty at a counter. */
export type DutySegment = { counterId: number; officialId: number | null; startAt: number; endAt: number };

/**
 * The schedule as it resolves at one counter over [from, to): templates day
 * by day, with shifts laid over them. Stretches with nobody are left out.
 */
export function resolveDuty(counterId: number, from: number, to: number, templates: readonly DutyTemplate[], shifts: readonly DutyShift[]): DutySegment[] {
  if (from >= to) return [];
  const own = shifts.filter((s) => s.counterId === counterId && s.startAt < to && s.endAt > from).sort((a, b) => a.startAt - b.startAt);
  const cuts = new Set<number>([from, to]);
  for (const s of own) {
    cuts.add(Math.max(s.startAt, from));
    cuts.add(Math.min(s.endAt, to));
  }
  for (let day = localTimeOf(from).day; localDayStart(day) < to; day = nextDay(day)) {
    const start = localDayStart(day);
    for (const t of templates) {
      if (t.counterId !== counterId) continue;
      for (const m of [t.startMinute, t.endMinute]) {
        const at = start + m * 60_000;
        if (at > from && at < to) cuts.add(at);
      }
    }
    if (start > from) cuts.add(start);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: DutySegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const startAt = points[i]!;
    const endAt = points[i + 1]!;
    const officialId = officialOnDutyAt(counterId, startAt, templates, shifts);
    if (officialId === null) continue;
    const last = segments.at(-1);
    if (last && last.endAt === startAt && last.officialId === officialId) last.endAt = endAt;
    else segments.push({ counterId, officialId, startAt, endAt });
  }
  return segments;
}

export type DutyFacts = {
  /** The office whose schedule is changed. */
  unitId: number;
  officials: ReadonlyMap<number, { unitId: number; active: boolean; fullName: string }>;
  counters: ReadonlyMap<number, { unitId: number; name: string }>;
  /** The office's templates and shifts as stored (the change not yet among them). */
  templates: readonly DutyTemplate[];
  shifts: readonly DutyShift[];
};

export type DutyChange = { kind: 'template'; template: DutyTemplate } | { kind: 'shift'; shift: DutyShift };

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;
const daysOverlap = (a: DutyTemplate, b: DutyTemplate) => a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

function describeTime(at: number): string {
  const l = localTimeOf(at);
  return `${formatMinute(l.minute)} ngày ${l.day.slice(8, 10)}/${l.day.slice(5, 7)}/${l.day.slice(0, 4)}`;
}

/**
 * Refuses a change that would leave the schedule ambiguous or wrong: each
 * problem as a Vietnamese sentence; none when the change may be stored.
 * Overlaps of one counter (two templates on one weekday, two shifts), an
 * official on two counters at once as the schedule resolves (shifts over
 * templates), an inactive official, an official or counter of another
 * office, times out of range.
 */
export function validateDutyChange(change: DutyChange, facts: DutyFacts): string[] {
  const problems: string[] = [];
  const counterId = change.kind === 'template' ? change.template.counterId : change.shift.counterId;
  const officialId = change.kind === 'template' ? change.template.officialId : change.shift.officialId;
  const counter = facts.counters.get(counterId);
  if (!counter || counter.unitId !== facts.unitId) problems.push('Quầy này không thuộc cơ quan đang xếp lịch.');
  const official = officialId === null ? null : facts.officials.get(officialId);
  if (officialId !== null) {
    if (!official || official.unitId !== facts.unitId) problems.push('Cán bộ này không thuộc cơ quan đang xếp lịch.');
    else if (!official.active) problems.push(`${official.fullName} đã ngừng hoạt động: không thể xếp lịch trực.`);
  }

  if (change.kind === 'template') {
    const t = change.template;
    if (!Number.isInteger(t.weekday) || t.weekday < 1 || t.weekday > 7) problems.push('Thứ trong tuần không hợp lệ.');
    if (!inMinuteRange(t.startMinute) || !inMinuteRange(t.endMinute)) problems.push('Giờ phải nằm trong ngày, từ 00:00 đến 24:00.');
    else if (t.startMinute >= t.endMinute) problems.push('Giờ bắt đầu phải trước giờ kết thúc.');
    if (t.validTo !== null && t.validTo < t.validFrom) problems.push('Ngày bắt đầu áp dụng phải trước hoặc bằng ngày kết thúc.');
    if (problems.length) return problems;
    const clash = facts.templates.find(
      (o) => o.id !== t.id && o.counterId === t.counterId && o.weekday === t.weekday && overlaps(o.startMinute, o.endMinute, t.startMinute, t.endMinute) && daysOverlap(o, t),
    );
    if (clash) {
      problems.push(
        `${counter!.name} đã có ca ${formatMinute(clash.startMinute)}–${formatMinute(clash.endMinute)} vào ${WEEKDAY_LABELS[t.weekday - 1]} trùng giờ với ca này.`,
      );
    }
    const twice = facts.templates.find(
      (o) => o.id !== t.id && o.officialId === t.officialId && o.counterId !== t.counterId && o.weekday === t.weekday && overlaps(o.startMinute, o.endMinute, t.startMinute, t.endMinute) && daysOverlap(o, t),
    );
    if (twice) {
      problems.push(`${official!.fullName} đã trực ở ${facts.counters.get(twice.counterId)?.name ?? 'quầy khác'} vào ${WEEKDAY_LABELS[t.weekday - 1]} ${formatMinute(twice.startMinute)}–${formatMinute(twice.endMinute)}: một cán bộ không thể trực hai quầy cùng lúc.`);
    }
    if (problems.length) return problems;
    // A shift naming this official at another counter may fall in one of this template's slots
    // (other templates were compared directly above; other shifts cannot put them elsewhere).
    const templates = [...facts.templates.filter((o) => o.id !== t.id), t];
    const from = localDayStart(t.validFrom);
    const to = t.validTo === null ? Infinity : localDayStart(nextDay(t.validTo));
    for (const s of facts.shifts.filter((o) => o.officialId === t.officialId && o.counterId !== t.counterId && o.endAt > from && o.startAt < to)) {
      const conflict = twoCountersAt(t.officialId, s.startAt, s.endAt, templates, facts.shifts, facts.counters);
      if (conflict) {
        problems.push(`${official!.fullName} sẽ trực hai quầy cùng lúc (${conflict}).`);
        break;
      }
    }
    return problems;
  }

  const s = change.shift;
  if (!Number.isFinite(s.startAt) || !Number.isFinite(s.endAt)) problems.push('Thời gian không hợp lệ.');
  else if (s.startAt >= s.endAt) problems.push('Giờ bắt đầu phải trước giờ kết thúc.');
  if (problems.length) return problems;
  const clash = facts.shifts.find((o) => o.id !== s.id && o.counterId === s.counterId && overlaps(o.startAt, o.endAt, s.startAt, s.endAt));
  if (clash) problems.push(`${counter!.name} đã có thay đổi từ ${describeTime(clash.startAt)} đến ${describeTime(clash.endAt)} trùng giờ với thay đổi này.`);
  if (problems.length || s.officialId === null) return problems;
  const shifts = [...facts.shifts.filter((o) => o.id !== s.id), s];
  const conflict = twoCountersAt(s.officialId, s.startAt, s.endAt, facts.templates, shifts, facts.counters);
  if (conflict) problems.push(`${official!.fullName} sẽ trực cùng lúc ở ${conflict}: một cán bộ không thể trực hai quầy cùng lúc.`);
  return problems;
}

function inMinuteRange(m: number): boolean {
  return Number.isInteger(m) && m >= 0 && m <= MINUTES_PER_DAY;
}

/** Where (a description) an official resolves on duty at two counters at once within [from, to), if anywhere. */
function twoCountersAt(
  officialId: number,
  from: number,
  to: number,
  templates: readonly DutyTemplate[],
  shifts: readonly DutyShift[],
  counters: DutyFacts['counters'],
): string | null {
  const segments = [...counters.keys()].flatMap((counterId) => resolveDuty(counterId, from, to, templates, shifts).filter((g) => g.officialId === officialId));
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const a = segments[i]!;
      const b = segments[j]!;
      if (a.counterId !== b.counterId && overlaps(a.startAt, a.endAt, b.startAt, b.endAt)) {
        const at = Math.max(a.startAt, b.startAt);
        return `${counters.get(a.counterId)?.name ?? 'quầy'} và ${counters.get(b.counterId)?.name ?? 'quầy'} lúc ${describeTime(at)}`;
      }
    }
  }
  return null;
}

/**
 * Any official the schedule would put at two counters at once within
 * [from, to): what removing a shift must not cause (it can hand a counter
 * back to a template whose official a shift moved elsewhere). A sentence, or null.
 */
export function doubleDutyIn(from: number, to: number, facts: Pick<DutyFacts, 'templates' | 'shifts' | 'counters' | 'officials'>): string | null {
  const officialIds = new Set<number>();
  for (const counterId of facts.counters.keys()) for (const g of resolveDuty(counterId, from, to, facts.templates, facts.shifts)) officialIds.add(g.officialId!);
  for (const id of officialIds) {
    const conflict = twoCountersAt(id, from, to, facts.templates, facts.shifts, facts.counters);
    if (conflict) return `${facts.officials.get(id)?.fullName ?? 'Một cán bộ'} sẽ trực cùng lúc ở ${conflict}: một cán bộ không thể trực hai quầy cùng lúc.`;
  }
  return null;
}
