import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfficial, deleteOfficialPhoto, getOfficial, getOfficialPhoto, setOfficialPhoto, updateOfficial } from '@/db/queries/officials';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import { addUnit, type UnitRef } from '@/db/testing-reading';
import type { Viewer } from '@/lib/auth/roles';
import { processOfficialPhoto } from './official-photos';

let t: TestStore;
let officeA: UnitRef;
let headA: Viewer;
let headB: Viewer;

beforeEach(async () => {
  t = await openTestStore();
  const province = await addUnit(null, 'province', 'Tỉnh Mẫu');
  officeA = await addUnit(province, 'office', 'Trung tâm A');
  const officeB = await addUnit(province, 'office', 'Trung tâm B');
  headA = await addTestViewer('office_head', officeA, 'head.a');
  headB = await addTestViewer('office_head', officeB, 'head.b');
});
afterEach(() => t.dispose());

const audit = (action: string) => t.conn.all('select entity_id from audit_log where action = ? order by id', [action]);

describe("an official's photo", () => {
  it('keep a re-encoded photo without EXIF, served only for an active official, its version moving on', async () => {
    const made = await createOfficial({ viewer: headA, unitId: officeA.id, fullName: 'Lê Thị Thu', position: '' });
    const id = made.status === 'created' ? made.official.id : 0;
    const withExif = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3366aa' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'bí mật', Make: 'Máy ảnh' } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const processed = await processOfficialPhoto(withExif);
    expect(processed.ok).toBe(true);
    if (!processed.ok) return;
    await setOfficialPhoto({ viewer: headA, officialId: id, photo: processed.photo });
    const stored = await getOfficialPhoto({ officialId: id });
    expect(stored).toMatchObject({ mime: 'image/jpeg', width: 480, height: 360, version: 1 });
    const meta = await sharp(stored!.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.width).toBe(480);
    expect(stored!.bytes.includes(Buffer.from('Exif'))).toBe(false);

    expect(await setOfficialPhoto({ viewer: headB, officialId: id, photo: processed.photo })).toBeNull();
    await setOfficialPhoto({ viewer: headA, officialId: id, photo: processed.photo });
    expect((await getOfficialPhoto({ officialId: id }))!.version).toBe(2);
    await updateOfficial({ viewer: headA, officialId: id, fullName: 'Lê Thị Thu', position: '', active: false });
    expect(await getOfficialPhoto({ officialId: id })).toBeNull();
    await updateOfficial({ viewer: headA, officialId: id, fullName: 'Lê Thị Thu', position: '', active: true });
    await deleteOfficialPhoto({ viewer: headA, officialId: id });
    expect(await getOfficialPhoto({ officialId: id })).toBeNull();
    expect((await getOfficial({ viewer: headA, officialId: id }))!.photoVersion).toBe(0);
    expect(await audit('official.photo_set')).toHaveLength(2);
    expect(await audit('official.photo_delete')).toHaveLength(1);
  });

  it('refuse what is not a real image, whatever its name', async () => {
    expect(await processOfficialPhoto(Buffer.from('%PDF-1.4 not an image'))).toEqual({ ok: false, error: 'khong-phai-anh' });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(await processOfficialPhoto(svg)).toEqual({ ok: false, error: 'khong-phai-anh' });
    const png = await sharp({ create: { width: 100, height: 300, channels: 4, background: '#00000000' } }).png().toBuffer();
    const ok = await processOfficialPhoto(png);
    expect(ok.ok && [ok.photo.width, ok.photo.height]).toEqual([100, 300]);
    // A truncated JPEG does not decode.
    const jpeg = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#888' } }).jpeg().toBuffer();
    expect((await processOfficialPhoto(jpeg.subarray(0, 200))).ok).toBe(false);
  });

});
