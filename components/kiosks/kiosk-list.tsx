import type { KioskState } from '@/lib/kiosk/status';
import type { FormState } from '@/lib/form-state';
import { RepairKioskForm, RevokeKioskForm, UpdateKioskForm } from './kiosk-actions';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** One kiosk as the fleet page shows it; times already formatted in Vietnam's time. */
export type KioskListItem = {
  id: number;
  name: string;
  officeName: string;
  counterName: string | null;
  state: KioskState;
  stateLabel: string;
  paired: boolean;
  lastSeen: string;
  pairedAt: string | null;
  pairingExpiresAt: string | null;
  appVersion: string | null;
  queuedCount: number | null;
  idleSeconds: number;
};

type Actions = { update: Action; repair: Action; revoke: Action };

const BADGE: Record<KioskState, string> = { online: 'badge on', unplugged: 'badge off', waiting: 'badge', code_expired: 'badge off', revoked: 'badge off' };

/** The fleet: each kiosk with its state in words (never colour alone), last contact and what it last reported. */
export function KioskList({ items, actions }: { items: KioskListItem[]; actions: Actions }) {
  if (items.length === 0) return <p>Chưa có kiosk nào trong phạm vi của Ông/Bà.</p>;
  return (
    <ul className="alert-list plain-list" aria-label="Danh sách kiosk">
      {items.map((k) => (
        <li key={k.id} className="alert-item stack" aria-labelledby={`kiosk-${k.id}-title`}>
          <h3 className="alert-title" id={`kiosk-${k.id}-title`}>
            {k.name} <span className={BADGE[k.state]}>{k.stateLabel}</span>
          </h3>
          <dl className="alert-facts">
            <div>
              <dt>Đơn vị</dt>
              <dd>
                {k.officeName}
                {k.counterName ? ` — ${k.counterName}` : ''}
              </dd>
            </div>
            <div>
              <dt>Trạng thái</dt>
              <dd>
                {k.stateLabel}
                {k.state === 'waiting' && k.pairingExpiresAt ? ` (mã hết hạn lúc ${k.pairingExpiresAt})` : ''}
                {k.state === 'unplugged' ? ' — không liên lạc quá 30 phút trong giờ làm việc; hãy kiểm tra nguồn điện và Wi-Fi.' : ''}
              </dd>
            </div>
            <div>
              <dt>Liên lạc gần nhất</dt>
              <dd>{k.lastSeen}</dd>
            </div>
            <div>
              <dt>Phiên bản ứng dụng</dt>
              <dd>{k.appVersion ?? '—'}</dd>
            </div>
            <div>
              <dt>Đánh giá đang chờ gửi</dt>
              <dd>{k.queuedCount === null ? '—' : `${k.queuedCount.toLocaleString('vi-VN')} (theo lần báo gần nhất)`}</dd>
            </div>
          </dl>
          <details>
            <summary>Đổi tên, thời gian chờ</summary>
            <UpdateKioskForm action={actions.update} kioskId={k.id} name={k.name} idleSeconds={k.idleSeconds} />
          </details>
          <div className="row-actions">
            <RepairKioskForm action={actions.repair} kioskId={k.id} kioskName={k.name} paired={k.paired} />
            <RevokeKioskForm action={actions.revoke} kioskId={k.id} kioskName={k.name} revoked={k.state === 'revoked'} />
          </div>
        </li>
      ))}
    </ul>
  );
}
