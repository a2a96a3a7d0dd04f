import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_OPENING_HOURS, type OpeningHours } from '@/lib/opening-hours';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { addUnit } from './kiosk-test-fixtures';
import { getUnitOpeningHours, setUnitOpeningHours } from './unit-admin';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.dispose());

const closed: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const audit = async () =>
  (
    await t.conn.all<{ actor: number; id: string; before: string; after: string }>(
      `select actor_id as "actor", entity_id as "id", before, after from audit_log where action = 'unit.update' order by id`,
    )
  ).map((a) => ({ ...a, before: JSON.parse(a.before), after: JSON.parse(a.after) }));

it('inherits from the nearest ancestor, then the default; sets and clears own hours, audited, within the scope only', async () => {
  const province = await addUnit(t, { parent: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const dept = await addUnit(t, { parent: province, kind: 'department', name: 'Sở Tư pháp', rateable: false });
  const office = await addUnit(t, { parent: dept, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  const other = await addUnit(t, { parent: province, kind: 'office', name: 'Văn phòng khác', rateable: true });
  const admin = await addTestViewer('admin', province, 'admin');
  const head = await addTestViewer('office_head', office, 'head');

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

  expect(await audit()).toEqual([
    { actor: admin.userId, id: String(dept.id), before: { openingHours: null }, after: { openingHours: deptHours } },
    { actor: head.userId, id: String(office.id), before: { openingHours: null }, after: { openingHours: own } },
    { actor: head.userId, id: String(office.id), before: { openingHours: own }, after: { openingHours: null } },
  ]);
});

it('two offices’ hours set at once by two administrators: each is audited with what it replaced', async () => {
  const province = await addUnit(t, { parent: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const office = await addUnit(t, { parent: province, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  const admin = await addTestViewer('admin', province, 'admin');
  const head = await addTestViewer('office_head', office, 'head');
  const a = { ...closed, mon: ['07:00-11:00'] };
  const b = { ...closed, tue: ['07:00-11:00'] };
  await Promise.all([
    setUnitOpeningHours({ viewer: admin, unitId: office.id, openingHours: a }),
    setUnitOpeningHours({ viewer: head, unitId: office.id, openingHours: b }),
  ]);
  const changes = await audit();
  expect(changes).toHaveLength(2);
  expect(changes[0]!.before).toEqual({ openingHours: null });
  // The second change replaced the first one's hours, not the hours both read at the start.
  expect(changes[1]!.before).toEqual(changes[0]!.after);
});
