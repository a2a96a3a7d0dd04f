import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseContacts, getErasureStatusByReceipt, listErasures } from '@/db/queries/erasures';
import { runRetention } from '@/db/queries/maintenance';
import { addTestViewer, openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addQuestionSet, addUnit, type UnitRef } from '@/db/testing-reading';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { MASKED_EMAIL, MASKED_PHONE } from '@/lib/privacy/mask';
import { StaffErasureSchema } from '@/lib/validation/erasure';
import { recordErasureByStaff } from './privacy';
import { storeRating } from './ratings';

let t: TestStore;
let office: UnitRef;
let other: UnitRef;
let versionId: number;
const NOW = new Date('2026-12-05T03:00:00Z');

beforeEach(async () => {
  t = await openTestStore();
  versionId = await addQuestionSet();
  const province = await addUnit(null, 'province', 'Tỉnh Mẫu');
  office = await addUnit(province, 'office', 'Trung tâm A');
  other = await addUnit(province, 'office', 'Trung tâm B');
});
afterEach(() => t.dispose());

async function rate(unit: UnitRef, { comment = 'Cần liên hệ lại', phone = '0912345678' as string | null } = {}) {
  const r = await storeRating({
    ...testResponse({ unitId: unit.id, questionSetVersionId: versionId, submittedAt: NOW, q1: 2, q2: 2 }),
    comment,
    contact: phone ? { phone, consentVersion: 'lien-he-v1', purgeAfter: new Date(NOW.getTime() + 365 * 86_400_000) } : null,
    clientId: randomUUID(),
    rules: DEFAULT_ABUSE_RULES,
  });
  if (r.status !== 'created') throw new Error(r.status);
  return { id: r.responseId, code: r.receiptCode! };
}

const phones = () => t.conn.all<{ phone: string }>('select phone from contacts order by id');
const audit = () => t.conn.all<{ action: string; actorId: number | null; entityId: string; unitId: number; after: string }>(
  `select action, actor_id as "actorId", entity_id as "entityId", unit_id as "unitId", after from audit_log where action = 'contact.erase' order by id`,
);

describe('storing a comment', () => {
  it('masks phone numbers and e-mail addresses typed into it, and keeps the consented number apart', async () => {
    const { id } = await rate(office, { comment: 'Gọi tôi 0912 345 678 hoặc thư nguyen.a@gmail.com, phí 1.500.000 đồng' });
    expect(await t.conn.value('select comment from responses where id = ?', [id])).toBe(`Gọi tôi ${MASKED_PHONE} hoặc thư ${MASKED_EMAIL}, phí 1.500.000 đồng`);
    expect(await phones()).toEqual([{ phone: '0912345678' }]);
  });
});

describe('erasure by the citizen (receipt code)', () => {
  it('erases the number, audits it without the number, and the status says when', async () => {
    const { id, code } = await rate(office);
    expect(await getErasureStatusByReceipt({ receiptCode: code })).toEqual({ kind: 'stored', officeName: 'Trung tâm A', responseId: id, unitId: office.id });
    const target = { responseId: id, unitId: office.id };
    // Two requests at the same moment (a double click, two servers): erased once.
    const counts = await Promise.all([1, 2].map(() => eraseContacts({ targets: [target], channel: 'citizen', recordedBy: null, note: null, now: NOW })));
    expect(counts.sort()).toEqual([0, 1]);
    expect(await phones()).toEqual([]);
    expect(await getErasureStatusByReceipt({ receiptCode: code })).toEqual({ kind: 'erased', officeName: 'Trung tâm A', channel: 'citizen', requestedAt: NOW, erasedAt: NOW });
    const log = await audit();
    expect(log).toEqual([{ action: 'contact.erase', actorId: null, entityId: String(id), unitId: office.id, after: JSON.stringify({ channel: 'citizen', note: null }) }]);
    expect(JSON.stringify(log)).not.toContain('0912345678');
    // The rating and its comment stay.
    expect(await t.conn.value('select comment from responses where id = ?', [id])).toBe('Cần liên hệ lại');
  });

  it('tells apart an unknown code and a comment without a number (none left, or purged after retention)', async () => {
    expect(await getErasureStatusByReceipt({ receiptCode: 'ZZZZZZZZ' })).toEqual({ kind: 'unknown' });
    const { code } = await rate(office, { phone: null });
    expect(await getErasureStatusByReceipt({ receiptCode: code })).toEqual({ kind: 'none', officeName: 'Trung tâm A' });
    const late = await rate(office);
    await runRetention({ now: new Date(NOW.getTime() + 400 * 86_400_000) });
    expect(await getErasureStatusByReceipt({ receiptCode: late.code })).toEqual({ kind: 'none', officeName: 'Trung tâm A' });
  });
});

describe('erasure recorded by staff', () => {
  const note = 'Người dân gọi điện lúc 9 giờ';
  it('by the number: every rating of that number in the head’s subtree, whichever form it was stored in; none elsewhere', async () => {
    const head = await addTestViewer('office_head', office, 'head.a');
    const a1 = await rate(office, { phone: '0912345678' });
    await rate(office, { phone: '+84912345678' });
    await rate(office, { phone: '0987654321' });
    const b = await rate(other, { phone: '0912345678' });
    const input = StaffErasureSchema.parse({ phone: '0912 345 678', note });
    expect(await recordErasureByStaff(head, input, NOW)).toEqual({ status: 'erased', count: 2 });
    expect((await phones()).map((p) => p.phone)).toEqual(['0987654321', '0912345678']);
    expect(await recordErasureByStaff(head, input, NOW)).toEqual({ status: 'not_found' });
    expect(await getErasureStatusByReceipt({ receiptCode: a1.code })).toMatchObject({ kind: 'erased', channel: 'staff' });
    expect(await getErasureStatusByReceipt({ receiptCode: b.code })).toMatchObject({ kind: 'stored' });
    const rows = await listErasures({ viewer: head });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ officeName: 'Trung tâm A', channel: 'staff', recordedByName: 'head.a', note, erasedAt: NOW });
    expect((await audit()).every((a) => a.actorId === head.userId)).toBe(true);
  });

  it('by the receipt code, only inside the subtree; a second request says it is done already', async () => {
    const head = await addTestViewer('office_head', office, 'head.a');
    const { code } = await rate(office);
    const theirs = await rate(other);
    expect(await recordErasureByStaff(head, StaffErasureSchema.parse({ receiptCode: theirs.code, note }), NOW)).toEqual({ status: 'not_found' });
    expect(await recordErasureByStaff(head, StaffErasureSchema.parse({ receiptCode: code.toLowerCase(), note }), NOW)).toEqual({ status: 'erased', count: 1 });
    expect(await recordErasureByStaff(head, StaffErasureSchema.parse({ receiptCode: code, note }), NOW)).toEqual({ status: 'already', erasedAt: NOW });
    const supervisor = await addTestViewer('supervisor', office, 'sat');
    expect(await recordErasureByStaff(supervisor, StaffErasureSchema.parse({ receiptCode: theirs.code, note }), NOW)).toEqual({ status: 'not_found' });
    expect(await listErasures({ viewer: { scopePath: other.path } })).toEqual([]);
  });
});
