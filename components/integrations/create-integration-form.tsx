'use client';

import { useActionState, useState } from 'react';
import { ConfirmRevokeForm } from '@/components/ui/confirm-revoke-form';
import { Field, FormMessage } from '@/components/ui/field';
import { UnitTreeOptions } from '@/components/ui/unit-tree';
import { IDLE, type FormState } from '@/lib/form-state';
import type { UnitTreeRow } from '@/lib/unit-tree';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;
type Props = { action: Action; units: UnitTreeRow[] };

/** The create form, and after success the key, once; "another key" starts a fresh form. */
export function CreateIntegrationPanel(props: Props) {
  const [round, setRound] = useState(0);
  return <CreateIntegrationForm key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateIntegrationForm({ action, units, onAnother }: Props & { onAnother: () => void }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === 'ok' && state.values?.key) {
    return (
      <div className="stack">
        <p className="form-ok" role="status">
          {state.message}
        </p>
        <section className="otp-box" aria-labelledby="new-integration-key">
          <h3 id="new-integration-key">Khóa API “{state.values.name}”</h3>
          <p>
            <code className="otp-value" translate="no" style={{ wordBreak: 'break-all' }} data-testid="integration-key">
              {state.values.key}
            </code>
          </p>
          <p>
            <strong>Khóa chỉ hiển thị một lần, ngay bây giờ.</strong> Hãy sao chép và trao cho đơn vị vận hành hệ thống hồ sơ qua kênh an toàn; hệ thống chỉ
            lưu bản băm của khóa nên không thể xem lại. Nếu mất khóa, hãy thu hồi và tạo khóa mới.
          </p>
          <p>
            Hệ thống hồ sơ gửi khóa trong tiêu đề <code>Authorization: Bearer &lt;khóa&gt;</code> khi gọi <code>/api/v1/dossiers</code> (tài liệu:
            docs/api/openapi.yaml).
          </p>
        </section>
        <div className="row-actions">
          <button type="button" className="button secondary" onClick={onAnother}>
            Tạo khóa khác
          </button>
        </div>
      </div>
    );
  }
  const pickable = units.filter((u) => u.pickable);
  if (pickable.length === 0) return <p>Trong phạm vi của Ông/Bà chưa có đơn vị nào đang hoạt động.</p>;
  const err = state.fieldErrors ?? {};
  const described = [err.unitId ? 'integration-unitId-error' : '', 'integration-unitId-hint'].filter(Boolean).join(' ');
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="integration-unitId">Đơn vị của khóa</label>
        <select id="integration-unitId" name="unitId" defaultValue={state.values?.unitId ?? ''} required aria-invalid={err.unitId ? true : undefined} aria-describedby={described}>
          <option value="">— Chọn đơn vị —</option>
          <UnitTreeOptions rows={units} />
        </select>
        <p className="hint" id="integration-unitId-hint">
          Khóa đăng ký được hồ sơ của đơn vị này và mọi đơn vị trực thuộc (ví dụ: chọn tỉnh cho hệ thống một cửa điện tử của cả tỉnh).
        </p>
        {err.unitId ? (
          <p className="error" id="integration-unitId-error">
            {err.unitId}
          </p>
        ) : null}
      </div>
      <Field name="name" idPrefix="integration" label="Tên khóa" state={state} autoComplete="off" maxLength={100} hint="Hệ thống nào dùng khóa này, ví dụ: Hệ thống một cửa điện tử tỉnh." required />
      <div className="row-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang tạo…' : 'Tạo khóa API'}
        </button>
      </div>
    </form>
  );
}

/** Revoking asks once more before it acts: the dossier system's calls are refused from then on. */
export function RevokeIntegrationForm({ action, integrationId, name }: { action: Action; integrationId: number; name: string }) {
  return (
    <ConfirmRevokeForm
      action={action}
      field={{ name: 'integrationId', value: integrationId }}
      buttonLabel={`Thu hồi khóa ${name}…`}
      question={
        <>
          <strong>Thu hồi khóa “{name}”?</strong> Hệ thống hồ sơ dùng khóa này sẽ bị từ chối ngay từ lần gọi tới. Các hồ sơ đã đăng ký và đường dẫn đánh giá
          của chúng vẫn giữ nguyên.
        </>
      }
    />
  );
}
