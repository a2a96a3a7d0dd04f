'use client';

import { useActionState, useState } from 'react';
import { Field, FormMessage } from '@/components/ui/field';
import { UnitTreeOptions } from '@/components/ui/unit-tree';
import { IDLE, type FormState } from '@/lib/form-state';
import type { UnitTreeRow } from '@/lib/unit-tree';
import { PairingCode } from './pairing-code';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;
/** A line of the unit tree (lib/unit-tree.ts); units that take no ratings are headings. */
export type KioskOfficeOption = UnitTreeRow & { counters: { id: number; name: string }[] };
type Props = { action: Action; offices: KioskOfficeOption[] };

/** The create form, and after success the pairing code; "another kiosk" starts a fresh form. */
export function CreateKioskPanel(props: Props) {
  const [round, setRound] = useState(0);
  return <CreateKioskForm key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateKioskForm({ action, offices, onAnother }: Props & { onAnother: () => void }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const pickable = offices.filter((o) => o.pickable);
  const [unitId, setUnitId] = useState(state.values?.unitId ?? (pickable.length === 1 ? String(pickable[0]!.id) : ''));
  if (state.status === 'ok' && state.values?.pairingCode) {
    return (
      <div className="stack">
        <p className="form-ok" role="status">
          {state.message}
        </p>
        <PairingCode code={state.values.pairingCode} expiresAt={state.values.expiresAt ?? ''} kioskName={state.values.kioskName} titleId="new-kiosk-code" />
        <div className="row-actions">
          <button type="button" className="button secondary" onClick={onAnother}>
            Tạo kiosk khác
          </button>
        </div>
      </div>
    );
  }
  if (pickable.length === 0) return <p>Trong phạm vi của Ông/Bà chưa có đơn vị nào nhận đánh giá.</p>;
  const counters = offices.find((o) => String(o.id) === unitId)?.counters ?? [];
  const err = state.fieldErrors ?? {};
  const described = (name: string, hint: boolean) => [hint ? `kiosk-${name}-hint` : '', err[name] ? `kiosk-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="kiosk-unitId">Đơn vị đặt kiosk</label>
        <select
          id="kiosk-unitId"
          name="unitId"
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          required
          aria-invalid={err.unitId ? true : undefined}
          aria-describedby={described('unitId', true)}
        >
          <option value="">— Chọn đơn vị —</option>
          <UnitTreeOptions rows={offices} />
        </select>
        <p className="hint" id="kiosk-unitId-hint">
          Các đơn vị nhận đánh giá, theo cây đơn vị; tên xã, phường và cấp trên chỉ để định vị, không chọn được.
        </p>
        {err.unitId ? (
          <p className="error" id="kiosk-unitId-error">
            {err.unitId}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="kiosk-counterId">Quầy (không bắt buộc)</label>
        <select
          key={unitId}
          id="kiosk-counterId"
          name="counterId"
          defaultValue={state.values?.unitId === unitId ? (state.values?.counterId ?? '') : ''}
          aria-invalid={err.counterId ? true : undefined}
          aria-describedby={described('counterId', true)}
        >
          <option value="">— Cả đơn vị, không gắn quầy —</option>
          {counters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <p className="hint" id="kiosk-counterId-hint">
          Gắn quầy khi máy tính bảng đặt ngay tại một quầy; đánh giá sẽ được tính cho quầy đó.
        </p>
        {err.counterId ? (
          <p className="error" id="kiosk-counterId-error">
            {err.counterId}
          </p>
        ) : null}
      </div>
      <Field name="name" idPrefix="kiosk" label="Tên kiosk" state={state} autoComplete="off" maxLength={80} hint="Ví dụ: Kiosk sảnh tầng 1." required />
      <Field
        name="idleSeconds"
        idPrefix="kiosk"
        label="Về màn hình đầu sau (giây)"
        type="number"
        inputMode="numeric"
        state={state}
        defaultValue="30"
        className="field-short"
        hint="Khi không ai chạm vào màn hình trong khoảng này, kiosk quay về màn hình chào. Từ 10 đến 300 giây; mặc định 30."
        required
      />
      <div className="row-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang tạo…' : 'Tạo kiosk và lấy mã ghép nối'}
        </button>
      </div>
    </form>
  );
}
