'use client';

import { useActionState } from 'react';
import { FormMessage, SelectField } from '@/components/ui/field';
import { unitTreeOptions } from '@/components/ui/unit-tree';
import { IDLE, type FormState } from '@/lib/form-state';
import type { UnitTreeRow } from '@/lib/unit-tree';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Gives a set to a unit picked in the unit tree; units that may not use the set are headings only. */
export function AssignSetToUnitForm({ action, questionSetId, tree }: { action: Action; questionSetId: number; tree: UnitTreeRow[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="questionSetId" value={questionSetId} />
      <SelectField
        idPrefix="giao-bo"
        name="unitId"
        label="Đơn vị dùng bộ câu hỏi này"
        placeholder="— Chọn đơn vị —"
        options={unitTreeOptions(tree)}
        hint="Phiếu khảo sát (mã QR, web) và kiosk của đơn vị dùng bộ này từ lượt đánh giá tiếp theo; các đơn vị cấp dưới chưa chọn bộ riêng cũng vậy. Đơn vị không chọn được là đơn vị nằm ngoài phạm vi của bộ câu hỏi."
        state={state}
        required
      />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Giao bộ câu hỏi cho đơn vị'}
        </button>
      </div>
    </form>
  );
}
