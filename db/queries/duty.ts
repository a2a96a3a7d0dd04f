import type { Viewer } from '@/lib/auth/roles';
import { localTimeOf, type DutyFacts, type DutyShift, type DutyTemplate } from '@/lib/duty';
import type { DutySource } from '../schema';
import { withConn } from '../store';
import { createAuditEntry } from './audit';

/**
 * Who is on duty at a counter (docs/decisions/023): statements only. The
 * rule and the validation are lib/duty.ts; a change (server/duty.ts) runs in
 * one transaction that takes `dutyLock(unitId)` before it reads the facts it
 * validates against, then writes here and re-attributes what it changed in
 * the past (server/attribution.ts).
 *
 * Staff reads take the viewer and answer nothing outside their subtree.
 */

type Scoped = Pick<Viewer, 'scopePath'>;

/** The lock every change to an office's schedule takes (Conn.lock). */
export const dutyLock = (unitId: number) => `duty:${unitId}`;

/** Takes the office's duty lock in the current transaction (PostgreSQL: advisory; SQLite: one writer already). */
export async function lockDuty({ unitId }: { unitId: number }): Promise<void> {
  await withConn((c) => c.lock(dutyLock(unitId)));
}

const inScopeSql = `(u.path >= @scopePath and u.path < @scopeEnd)`;
const scopeParams = (viewer: Scoped) => ({ scopePath: viewer.scopePath, scopeEnd: `${viewer.scopePath.slice(0, -1)}0` });

// ---------------------------------------------------------------- the hot path

// The latest shift of the counter starting at or before the instant is the only one that can cover it
// (shifts of one counter never overlap): one step down duty_shifts_counter_idx. Else the template
// covering the local weekday, minute and day (duty_templates_counter_idx). A shift with nobody wins too.
export const onDutySql = (counter: string) => `
  select "officialId" from (
    select s.official_id as "officialId", 0 as p
    from (select official_id, end_at from duty_shifts where counter_id = ${counter} and start_at <= @at order by start_at desc limit 1) s
    where s.end_at > @at
    union all
    select t.official_id, 1
    from (select official_id from duty_templates
          where counter_id = ${counter} and weekday = @weekday and start_minute <= @minute and end_minute > @minute
            and valid_from <= @day and (valid_to is null or valid_to >= @day)
          limit 1) t
  ) x order by p limit 1`;
const ON_DUTY_SQL = onDutySql('@counterId');

/** The parameters of onDutySql but the counter's: the instant, and its local weekday, minute and day. */
export function onDutyTimeParams(at: number) {
  const local = localTimeOf(at);
  return { at, weekday: local.weekday, minute: local.minute, day: local.day };
}

const onDutyParams = (counterId: number, at: number) => ({ counterId, ...onDutyTimeParams(at) });

/**
 * The official on duty at a counter at an instant (epoch ms), by the rule of
 * lib/duty.ts officialOnDutyAt; null when nobody. One indexed statement: the
 * submit path calls it for every rating at a counter.
 */
export async function officialOnDuty(counterId: number, at: number): Promise<number | null> {
  const row = await withConn((c) => c.get<{ officialId: number | null }>(ON_DUTY_SQL, onDutyParams(counterId, at)));
  return row?.officialId == null ? null : Number(row.officialId);
}

export type ServingOfficial = { id: number; fullName: string; position: string; photoVersion: number };

/** Who serves at a counter now, as a citizen sees it (survey page, kiosk): one statement; null when nobody. */
export async function getServingOfficial({ counterId, at }: { counterId: number; at: number }): Promise<ServingOfficial | null> {
  const row = await withConn((c) =>
    c.get<ServingOfficial>(
      `select o.id, o.full_name as "fullName", o.position, o.photo_version as "photoVersion"
       from officials o where o.id = (${ON_DUTY_SQL})`,
      onDutyParams(counterId, at),
    ),
  );
  return row ? { ...row, id: Number(row.id), photoVersion: Number(row.photoVersion) } : null;
}

// ---------------------------------------------------------------- staff reads

export type DutyOffice = { id: number; name: string };

/** Offices in the viewer's subtree that have counters: those whose duty can be scheduled. */
export async function listDutyOffices({ viewer }: { viewer: Scoped }): Promise<DutyOffice[]> {
  const rows = await withConn((c) =>
    c.all<DutyOffice>(
      `select u.id, u.name from units u
       where ${inScopeSql} and u.active = @active and exists (select 1 from counters k where k.unit_id = u.id and k.active = @active)
       order by u.path`,
      { ...scopeParams(viewer), active: c.kind === 'pg' ? true : 1 },
    ),
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

export type DutyCounter = { id: number; name: string; unitId: number };
export type DutyOfficial = { id: number; fullName: string; position: string; active: boolean; unitId: number; photoVersion: number };
export type StoredTemplate = DutyTemplate & { id: number };
export type StoredShift = DutyShift & { id: number; source: DutySource; kioskId: number | null };

export type DutyBoard = {
  office: DutyOffice;
  counters: DutyCounter[];
  officials: DutyOfficial[];
  /** Templates valid on `day` or later. */
  templates: StoredTemplate[];
  /** Shifts overlapping the local day `day`. */
  shifts: StoredShift[];
};

/** An office's schedule as the duty page shows it; null when the office is outside the viewer's subtree. */
export async function getDutyBoard({ viewer, unitId, day, dayStart, dayEnd }: { viewer: Scoped; unitId: number; day: string; dayStart: number; dayEnd: number }): Promise<DutyBoard | null> {
  return withConn(async (c) => {
    const office = await c.get<DutyOffice>(`select u.id, u.name from units u where u.id = @unitId and ${inScopeSql}`, { unitId, ...scopeParams(viewer) });
    if (!office) return null;
    const facts = await readFacts(unitId, { day, from: dayStart, to: dayEnd });
    return { office: { id: Number(office.id), name: office.name }, ...facts };
  });
}

async function readFacts(unitId: number, window: { day: string; from: number; to: number } | null) {
  return withConn(async (c) => {
    const counterRows = await c.all<DutyCounter>(
      'select id, name, unit_id as "unitId" from counters where unit_id = @unitId and active = @active order by sort_order, id',
      { unitId, active: c.kind === 'pg' ? true : 1 },
    );
    const officialRows = await c.all<DutyOfficial & { active: unknown }>(
      `select id, full_name as "fullName", position, active, unit_id as "unitId", photo_version as "photoVersion"
       from officials where unit_id = @unitId order by search_name, id`,
      { unitId },
    );
    const templateRows = await c.all<StoredTemplate>(
      `select id, counter_id as "counterId", official_id as "officialId", weekday, start_minute as "startMinute", end_minute as "endMinute",
              valid_from as "validFrom", valid_to as "validTo"
       from duty_templates where unit_id = @unitId ${window ? 'and (valid_to is null or valid_to >= @day)' : ''}
       order by counter_id, weekday, start_minute`,
      window ? { unitId, day: window.day } : { unitId },
    );
    const shiftRows = await c.all<StoredShift>(
      `select id, counter_id as "counterId", official_id as "officialId", start_at as "startAt", end_at as "endAt", source, kiosk_id as "kioskId"
       from duty_shifts where unit_id = @unitId ${window ? 'and start_at < @to and end_at > @from' : ''}
       order by counter_id, start_at`,
      window ? { unitId, from: window.from, to: window.to } : { unitId },
    );
    return {
      counters: counterRows.map((r) => ({ ...r, id: Number(r.id), unitId: Number(r.unitId) })),
      officials: officialRows.map((r) => ({ ...r, id: Number(r.id), unitId: Number(r.unitId), active: Boolean(r.active), photoVersion: Number(r.photoVersion) })),
      templates: templateRows.map((r) => ({ ...r, id: Number(r.id), counterId: Number(r.counterId), officialId: Number(r.officialId) })),
      shifts: shiftRows.map((r) => ({
        ...r,
        id: Number(r.id),
        counterId: Number(r.counterId),
        officialId: r.officialId === null ? null : Number(r.officialId),
        startAt: Number(r.startAt),
        endAt: Number(r.endAt),
        kioskId: r.kioskId === null ? null : Number(r.kioskId),
      })),
    };
  });
}

/**
 * Everything a change to an office's schedule is validated against (lib/duty.ts
 * DutyFacts): its counters and the officials that could be named (of this
 * office, or the one named, to say it is of another), all its templates and shifts.
 * Call it after `lockDuty`, in the change's transaction.
 */
export async function readDutyFacts({ unitId, officialIds, counterIds }: { unitId: number; officialIds: number[]; counterIds: number[] }): Promise<DutyFacts> {
  const own = await readFacts(unitId, null);
  return withConn(async (c) => {
    const officials = new Map(own.officials.map((o) => [o.id, { unitId: o.unitId, active: o.active, fullName: o.fullName }]));
    for (const id of officialIds.filter((i) => !officials.has(i))) {
      const o = await c.get<{ unitId: number; active: unknown; fullName: string }>(
        'select unit_id as "unitId", active, full_name as "fullName" from officials where id = ?',
        [id],
      );
      if (o) officials.set(id, { unitId: Number(o.unitId), active: Boolean(o.active), fullName: o.fullName });
    }
    const counters = new Map(own.counters.map((k) => [k.id, { unitId: k.unitId, name: k.name }]));
    for (const id of counterIds.filter((i) => !counters.has(i))) {
      const k = await c.get<{ unitId: number; name: string }>('select unit_id as "unitId", name from counters where id = ?', [id]);
      if (k) counters.set(id, { unitId: Number(k.unitId), name: k.name });
    }
    return { unitId, officials, counters, templates: own.templates, shifts: own.shifts };
  });
}

/** The office a counter belongs to, if the counter exists. */
export async function getCounterUnit({ counterId }: { counterId: number }): Promise<{ unitId: number; name: string } | null> {
  const row = await withConn((c) => c.get<{ unitId: number; name: string }>('select unit_id as "unitId", name from counters where id = ?', [counterId]));
  return row ? { unitId: Number(row.unitId), name: row.name } : null;
}

/** A unit in the viewer's subtree (the office whose schedule they change); null when outside. */
export async function getDutyOffice({ viewer, unitId }: { viewer: Scoped; unitId: number }): Promise<DutyOffice | null> {
  const row = await withConn((c) => c.get<DutyOffice>(`select u.id, u.name from units u where u.id = @unitId and ${inScopeSql}`, { unitId, ...scopeParams(viewer) }));
  return row ? { id: Number(row.id), name: row.name } : null;
}

// ---------------------------------------------------------------- writes (in the change's transaction, after lockDuty)

export async function insertDutyTemplate(input: { unitId: number; template: DutyTemplate; actorId: number | null; now: number }): Promise<number> {
  const t = input.template;
  return withConn(async (c) => {
    const id = await c.value<number>(
      `insert into duty_templates (unit_id, counter_id, official_id, weekday, start_minute, end_minute, valid_from, valid_to, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [input.unitId, t.counterId, t.officialId, t.weekday, t.startMinute, t.endMinute, t.validFrom, t.validTo, input.actorId, input.now],
    );
    await createAuditEntry({
      at: new Date(input.now),
      actorId: input.actorId,
      action: 'duty.template.create',
      entityType: 'duty_template',
      entityId: Number(id),
      unitId: input.unitId,
      after: t,
    });
    return Number(id);
  });
}

/** Ends a template after `lastDay` (kept for the days it already covered), or deletes it when it had not started by then. */
export async function endDutyTemplate(input: { unitId: number; templateId: number; lastDay: string; actorId: number | null; now: number }): Promise<StoredTemplate | null> {
  return withConn(async (c) => {
    const before = (await readFacts(input.unitId, null)).templates.find((t) => t.id === input.templateId);
    if (!before) return null;
    const deleted = before.validFrom > input.lastDay;
    if (deleted) await c.run('delete from duty_templates where id = ?', [input.templateId]);
    else await c.run('update duty_templates set valid_to = ? where id = ?', [input.lastDay, input.templateId]);
    await createAuditEntry({
      at: new Date(input.now),
      actorId: input.actorId,
      action: deleted ? 'duty.template.delete' : 'duty.template.end',
      entityType: 'duty_template',
      entityId: input.templateId,
      unitId: input.unitId,
      before,
      after: deleted ? null : { ...before, validTo: input.lastDay },
    });
    return before;
  });
}

export async function insertDutyShift(input: {
  unitId: number;
  shift: DutyShift;
  source: DutySource;
  kioskId?: number | null;
  actorId: number | null;
  now: number;
}): Promise<number> {
  const s = input.shift;
  return withConn(async (c) => {
    const id = await c.value<number>(
      `insert into duty_shifts (unit_id, counter_id, official_id, start_at, end_at, source, kiosk_id, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [input.unitId, s.counterId, s.officialId, s.startAt, s.endAt, input.source, input.kioskId ?? null, input.actorId, input.now],
    );
    await createAuditEntry({
      at: new Date(input.now),
      actorId: input.actorId,
      action: `duty.shift.${input.source}`,
      entityType: 'duty_shift',
      entityId: Number(id),
      unitId: input.unitId,
      after: { ...s, source: input.source, kioskId: input.kioskId ?? null },
    });
    return Number(id);
  });
}

/** Cuts a shift short (a kiosk switch ends the shift it interrupts at the switch). */
export async function endDutyShiftAt(input: { unitId: number; shiftId: number; endAt: number; actorId: number | null; now: number }): Promise<void> {
  await withConn((c) => c.run('update duty_shifts set end_at = ? where id = ? and unit_id = ?', [input.endAt, input.shiftId, input.unitId]));
  await createAuditEntry({
    at: new Date(input.now),
    actorId: input.actorId,
    action: 'duty.shift.end',
    entityType: 'duty_shift',
    entityId: input.shiftId,
    unitId: input.unitId,
    after: { endAt: input.endAt },
  });
}

/** Removes a shift (one not yet begun, or by a correction); returns it. */
export async function deleteDutyShift(input: { unitId: number; shiftId: number; actorId: number | null; now: number }): Promise<StoredShift | null> {
  return withConn(async (c) => {
    const before = (await readFacts(input.unitId, null)).shifts.find((s) => s.id === input.shiftId);
    if (!before) return null;
    await c.run('delete from duty_shifts where id = ?', [input.shiftId]);
    await createAuditEntry({
      at: new Date(input.now),
      actorId: input.actorId,
      action: 'duty.shift.delete',
      entityType: 'duty_shift',
      entityId: input.shiftId,
      unitId: input.unitId,
      before,
    });
    return before;
  });
}

// ---------------------------------------------------------------- the kiosk switch

export type PinCandidate = { id: number; fullName: string; pinHash: string };

/** The active officials of an office who have a PIN (the kiosk's switch compares the PIN typed to each). */
export async function listPinOfficials({ unitId }: { unitId: number }): Promise<PinCandidate[]> {
  const rows = await withConn((c) =>
    c.all<PinCandidate>('select id, full_name as "fullName", pin_hash as "pinHash" from officials where unit_id = @unitId and active = @active and pin_hash is not null', {
      unitId,
      active: c.kind === 'pg' ? true : 1,
    }),
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Whether a user's linked official may set the office's schedule (the head's delegation): the office's id, or null. */
export async function getDelegatedDutyOffice({ userId }: { userId: number }): Promise<DutyOffice | null> {
  const row = await withConn((c) =>
    c.get<DutyOffice>(
      `select u.id, u.name from officials o join units u on u.id = o.unit_id where o.user_id = @userId and o.active = @yes and o.manages_duty = @yes`,
      { userId, yes: c.kind === 'pg' ? true : 1 },
    ),
  );
  return row ? { id: Number(row.id), name: row.name } : null;
}
