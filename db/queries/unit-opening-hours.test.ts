import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_OPENING_HOURS, type OpeningHours } from '@/lib/opening-hours';
import { createTestViewer, openTestDb } from '../testing';
import { getUnitOpeningHours, setUnitOpeningHours } from './unit-admin';
import { createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.dispose());

const closed: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const audit = () =>
  (db.$client.prepare("select actor_id as actor, entity_id as id, before, after from audit_log where action = 'unit.update' order by id").all() as {
    actor: number;
    id: string;
    before: string;
    after: string;
  }[]).map((a) => ({ ...a, before: JSON.parse(a.before), after: JSON.parse(a.after) }));

it('inherits from the nearest ancestor, then the default; sets and clears own hours, audited, within the scope only', async () => {
  const province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const dept = await createUnit({ parentId: province.id, kind: 'department', name: 'Sở Tư pháp', rateable: false });
  const office = await createUnit({ parentId: dept.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  const other = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng khác', rateable: true });
  const admin = createTestViewer(db, 'admin', province, 'admin');
  const head = createTestViewer(db, 'office_head', office, 'head');

  expect(await getUnitOpeningHours({ viewer: head, unitId: office.id })).toEqual({ own: null, effective: DEFAULT_OPENING_HOURS, inherited: DEFAULT_OPENING_HOURS, inheritedFrom: null });

  const deptHours = { ...closed, mon: ['07:30-11:30', '13:30-17:00'] };
  await setUnitOpeningHours({ viewer: admin, unitId: dept.id, openingHours: deptHours });
  expect(await getUnitOpeningHours({ viewer: head, unitId: office.id })).toEqual({ own: null, effective: deptHours, inherited: deptHours, inheritedFrom: 'Sở Tư pháp' });

  const own = { ...closed, sat: ['07:00-11:30'] };
  expect(await setUnitOpeningHours({ viewer: head, unitId: office.id, openingHours: own })).toEqual({ own, effective: own, inherited: deptHours, inheritedFrom: 'Sở Tư pháp' });
  expect(await setUnitOpeningHours({ viewer: head, unitId: office.id, openingHours: null })).toMatchObject({ own: null, effective: deptHours });

  // outside the head's scope: null, nothing written
  expect(await setUnitOpeningHours({ viewer: head, unitId: other.id, openingHours: own })).toBeNull();
  expect(await setUnitOpeningHours({ viewer: head, unitId: dept.id, openingHours: own })).toBeNull();
  expect((await getUnitOpeningHours({ viewer: admin, unitId: dept.id }))!.own).toEqual(deptHours);

  expect(audit()).toEqual([
    { actor: admin.userId, id: String(dept.id), before: { openingHours: null }, after: { openingHours: deptHours } },
    { actor: head.userId, id: String(office.id), before: { openingHours: null }, after: { openingHours: own } },
    { actor: head.userId, id: String(office.id), before: { openingHours: own }, after: { openingHours: null } },
  ]);
});
