import { formatOpeningHours, type OpeningHours } from '@/lib/opening-hours';
import type { FormState } from '@/lib/form-state';
import { openingHoursFormValues } from '@/lib/validation/units';
import { OpeningHoursForm } from './opening-hours-form';

/** The hours in force for a unit, where they come from, and the form that changes them (unit admin page and the kiosk pages). */
export function OpeningHoursPanel({
  hours,
  unitId,
  action,
}: {
  hours: { effective: OpeningHours; own: OpeningHours | null; inherited: OpeningHours; inheritedFrom: string | null };
  unitId: number;
  action: (prev: FormState, data: FormData) => Promise<FormState>;
}) {
  return (
    <>
      <p>
        Đang áp dụng: <strong>{formatOpeningHours(hours.effective)}</strong>
        {hours.own ? ' (giờ riêng của đơn vị).' : hours.inheritedFrom ? ` (theo ${hours.inheritedFrom}).` : ' (giờ mặc định).'} Các đơn vị cấp dưới
        không đặt giờ riêng dùng giờ này.
      </p>
      <p className="muted">
        Đánh giá trên máy tính bảng (kiosk) chạm ngoài giờ làm việc vẫn được lưu nhưng bị đánh dấu “ngoài giờ làm việc” và không tính vào chỉ số.
        Đánh giá qua mã QR không bị ảnh hưởng: người dân có thể đánh giá ở nhà sau khi làm thủ tục.
      </p>
      <div className="narrow">
        <OpeningHoursForm
          action={action}
          unitId={unitId}
          own={hours.own !== null}
          initial={openingHoursFormValues(hours.effective)}
          inheritedLabel={`${hours.inheritedFrom ? `giờ của ${hours.inheritedFrom}` : 'giờ mặc định'}: ${formatOpeningHours(hours.inherited)}`}
        />
      </div>
    </>
  );
}
