import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { OpeningHoursPanel } from '@/components/kiosks/opening-hours-panel';
import { getUnitOpeningHours } from '@/db/queries/unit-admin';
import { getUnitInScope } from '@/db/queries/unit-tree';
import { requireViewer } from '@/server/auth/viewer';
import { setOpeningHoursAction } from '../../../don-vi/actions';

type Props = { params: Promise<{ unitId: string }> };

/** One scoped lookup per request; null answers 404 (never 403). */
const load = cache(async (raw: string) => {
  const viewer = await requireViewer('kiosks.manage');
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const unit = await getUnitInScope({ viewer, unitId: Number(raw) });
  const hours = unit && (await getUnitOpeningHours({ viewer, unitId: unit.id }));
  return unit && hours ? { unit, hours } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load((await params).unitId);
  return { title: data ? `Giờ làm việc: ${data.unit.name}` : 'Không tìm thấy' };
}

/** Opening hours of an office, for office heads (who do not administer units): kiosk ratings outside them are flagged. */
export default async function OpeningHoursPage({ params }: Props) {
  const data = await load((await params).unitId);
  if (!data) notFound();
  const { unit, hours } = data;
  return (
    <div className="admin stack">
      <p>
        <Link href="/quan-tri/kiosk">← Kiosk đánh giá</Link>
      </p>
      <h1>Giờ làm việc: {unit.name}</h1>
      <OpeningHoursPanel hours={hours} unitId={unit.id} action={setOpeningHoursAction} />
    </div>
  );
}
