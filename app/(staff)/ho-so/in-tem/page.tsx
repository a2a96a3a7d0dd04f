import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/poster/print-button';
import { listDossiers } from '@/db/queries/dossiers';
import { getUnitInScope } from '@/db/queries/unit-tree';
import { dossierUrl, renderReceiptQrSvg } from '@/lib/dossiers/link';
import { getEnv } from '@/lib/env';
import { formatDate, formatDateTime } from '@/lib/format';
import { dayKeyOf, dayStart, parseDayInput } from '@/lib/indicators/periods';
import { requireViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Tem QR đánh giá hồ sơ (bản in)', robots: { index: false } };

/** One sheet prints at most this many stickers (about 42 A4 pages). */
const MAX_STICKERS = 1000;
const DAY_MS = 24 * 3600_000;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

/**
 * A printable sheet of receipt-sized QR stickers (issue 17 point 2): the
 * dossiers of one CSV import (`?lan=` the import's instant) or received on
 * one day (`?ngay=`, optionally `&don-vi=`), each sticker with the dossier
 * code, the procedure and the QR code of its own rating link, cut along the
 * dashed lines and stuck on the receipt.
 */
export default async function StickerSheetPage({ searchParams }: Props) {
  const viewer = await requireViewer('dossiers.manage');
  const params = await searchParams;
  const batch = first(params.lan);
  const unitParam = first(params['don-vi']);
  const unit = /^[1-9]\d{0,9}$/.test(unitParam) ? await getUnitInScope({ viewer, unitId: Number(unitParam) }) : null;
  const day = parseDayInput(first(params.ngay)) ?? dayKeyOf(new Date());

  const byBatch = /^\d{13}$/.test(batch);
  const dossiers = byBatch
    ? await listDossiers({ viewer, updatedAt: new Date(Number(batch)), limit: MAX_STICKERS + 1 })
    : await listDossiers({ viewer, unitPath: unit?.path ?? null, from: new Date(dayStart(day)), to: new Date(dayStart(day) + DAY_MS), limit: MAX_STICKERS + 1 });
  const shown = dossiers.slice(0, MAX_STICKERS);
  const baseUrl = getEnv().PUBLIC_BASE_URL;
  const stickers = await Promise.all(
    shown.map(async (d) => ({ ...d, qr: `data:image/svg+xml;base64,${Buffer.from(await renderReceiptQrSvg(dossierUrl(baseUrl, d.token))).toString('base64')}` })),
  );
  const what = byBatch ? `nhập lúc ${formatDateTime(new Date(Number(batch)))}` : `tiếp nhận ngày ${formatDate(new Date(dayStart(day)))}${unit ? ` tại ${unit.name}` : ''}`;

  return (
    <div className="report sticker-sheet stack">
      <div className="report-toolbar">
        <Link href="/ho-so">← Về trang hồ sơ</Link>
        {stickers.length ? <PrintButton label="In tem" /> : null}
      </div>
      <h1>Tem QR đánh giá hồ sơ</h1>
      <p className="no-print">
        {stickers.length.toLocaleString('vi-VN')} hồ sơ {what}
        {dossiers.length > MAX_STICKERS ? ` (chỉ in ${MAX_STICKERS.toLocaleString('vi-VN')} hồ sơ đầu; hãy in theo từng đơn vị hoặc từng lần nhập)` : ''}. Mỗi tem
        cỡ 6 × 3,6 cm: cắt theo đường nét đứt và dán lên giấy tiếp nhận hồ sơ; mã QR mở trang đánh giá riêng của hồ sơ đó.
      </p>
      {stickers.length === 0 ? (
        <p>Không có hồ sơ nào {what}.</p>
      ) : (
        <ul className="sticker-grid" aria-label="Tem QR">
          {stickers.map((d) => (
            <li key={d.id} className="sticker">
              {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URI, printed at its millimetre size */}
              <img src={d.qr} alt={`Mã QR đánh giá hồ sơ ${d.code}`} width={95} height={95} />
              <div>
                <p className="sticker-code" translate="no">
                  {d.code}
                </p>
                {d.procedure ? <p className="sticker-procedure">{d.procedure}</p> : null}
                <p className="sticker-cta">Quét mã để đánh giá việc giải quyết hồ sơ này</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
