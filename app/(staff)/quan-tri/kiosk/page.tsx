import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateKioskPanel } from '@/components/kiosks/create-kiosk-form';
import { KioskList, type KioskListItem } from '@/components/kiosks/kiosk-list';
import { listKioskOffices, listKiosks } from '@/db/queries/kiosks';
import { getUnitOpeningHours } from '@/db/queries/unit-admin';
import { formatOpeningHours } from '@/lib/opening-hours';
import { formatDateTime } from '@/lib/format';
import { KIOSK_STATE_LABELS, kioskState } from '@/lib/kiosk/status';
import { requireViewer } from '@/server/auth/viewer';
import { createKioskAction, repairKioskAction, revokeKioskAction, updateKioskAction } from './actions';

export const metadata: Metadata = { title: 'Kiosk' };

/** The fleet of kiosk tablets in the viewer's subtree (issue 5): state, last contact, create, rename, re-pair, revoke. */
export default async function KiosksPage() {
  const viewer = await requireViewer('kiosks.manage');
  const now = new Date();
  const rows = await listKiosks({ viewer });
  const items: KioskListItem[] = rows.map((k) => {
    const state = kioskState(k, now);
    return {
      id: k.id,
      name: k.name,
      officeName: k.officeName,
      counterName: k.counterName,
      state,
      stateLabel: KIOSK_STATE_LABELS[state],
      paired: k.paired,
      lastSeen: k.lastSeenAt ? formatDateTime(k.lastSeenAt) : 'Chưa liên lạc',
      pairedAt: k.pairedAt ? formatDateTime(k.pairedAt) : null,
      pairingExpiresAt: k.pairingExpiresAt ? formatDateTime(k.pairingExpiresAt) : null,
      appVersion: k.appVersion,
      queuedCount: k.queuedCount,
      idleSeconds: k.idleSeconds,
    };
  });
  const unplugged = items.filter((i) => i.state === 'unplugged').length;
  // The offices that have kiosks, once each, with the hours their ratings are checked against.
  const officeHours = (
    await Promise.all(
      [...new Map(rows.map((k) => [k.unitId, k.officeName])).entries()].map(async ([unitId, name]) => {
        const hours = await getUnitOpeningHours({ viewer, unitId });
        return hours ? [{ unitId, name, summary: formatOpeningHours(hours.effective), own: hours.own !== null }] : [];
      }),
    )
  ).flat();
  return (
    <div className="admin stack">
      <h1>Kiosk đánh giá</h1>
      <p>
        Máy tính bảng đặt tại <strong>{viewer.scopeName}</strong> và các đơn vị trực thuộc: {items.length} kiosk
        {unplugged ? `, trong đó ${unplugged} có vẻ đã tắt hoặc mất kết nối` : ''}. Kiosk không cần đăng nhập: tạo kiosk để lấy mã ghép nối, rồi mở{' '}
        <strong>/kiosk</strong> trên máy tính bảng và nhập mã. Thu hồi hoặc tạo mã mới có hiệu lực ngay ở lần liên lạc tới của máy.
      </p>
      <section className="stack" aria-labelledby="kiosk-list-title">
        <h2 id="kiosk-list-title">Danh sách kiosk</h2>
        <KioskList items={items} actions={{ update: updateKioskAction, repair: repairKioskAction, revoke: revokeKioskAction }} />
      </section>
      {officeHours.length ? (
        <section className="stack" aria-labelledby="kiosk-hours-title">
          <h2 id="kiosk-hours-title">Giờ làm việc</h2>
          <p className="muted">Đánh giá chạm ngoài giờ làm việc của đơn vị vẫn được lưu nhưng bị đánh dấu và không tính vào chỉ số.</p>
          <ul>
            {officeHours.map((o) => (
              <li key={o.unitId}>
                <strong>{o.name}</strong>: {o.summary}
                {o.own ? '' : ' (theo đơn vị cấp trên hoặc mặc định)'} —{' '}
                <Link href={`/quan-tri/kiosk/gio-lam-viec/${o.unitId}`} aria-label={`Sửa giờ làm việc của ${o.name}`}>
                  Sửa
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="stack narrow" aria-labelledby="kiosk-create-title">
        <h2 id="kiosk-create-title">Tạo kiosk mới</h2>
        <CreateKioskPanel action={createKioskAction} offices={await listKioskOffices({ viewer })} />
      </section>
    </div>
  );
}
