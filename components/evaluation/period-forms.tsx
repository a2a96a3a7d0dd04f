'use client';

import { useActionState } from 'react';
import { DateInput } from '@/components/ui/date-input';
import { Field, FormMessage, SelectField, type Option } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** A new period: year, name, due date, and the rubric to start from (a preset or an earlier period). */
export function CreatePeriodForm({ action, templates, year, defaultTemplate }: { action: Action; templates: Option[]; year: number; defaultTemplate: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate aria-label="Tạo đợt đánh giá">
      <div className="field-pair">
        <Field name="year" label="Năm đánh giá" inputMode="numeric" state={state} defaultValue={String(year)} />
        <DateInput id="dueDate" name="dueDate" label="Hạn tự đánh giá" defaultValue={state.values?.dueDate ?? `${year}-12-15`} error={state.fieldErrors?.dueDate} />
      </div>
      <Field name="name" label="Tên đợt" state={state} defaultValue={`Đánh giá năm ${year}`} maxLength={200} />
      <SelectField name="template" label="Bộ tiêu chí" options={templates} state={state} defaultValue={defaultTemplate} hint="Bộ tiêu chí sửa được sau khi tạo, cho đến khi có đơn vị được chốt kết quả." />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang tạo…' : 'Tạo đợt đánh giá'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/**
 * The rubric as JSON, to import one (docs/decisions/012-evaluation.md: the
 * structured form is the editor; this replaces the whole rubric), with every
 * problem listed by where it is and what to fix.
 */
export function RubricEditor({ action, periodId, json }: { action: Action; periodId: number; json: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.fieldErrors?.rubric?.split('\n') ?? [];
  return (
    <form action={formAction} className="stack" noValidate aria-label="Sửa bộ tiêu chí">
      <input type="hidden" name="periodId" value={periodId} />
      <div className="field">
        <label htmlFor="rubric">Bộ tiêu chí (JSON)</label>
        <p className="hint" id="rubric-hint">
          Mỗi nhóm có key, title, max, bonus (điểm thưởng) và criteria; mỗi tiêu chí có key, title, guidance, max, kind (manual hoặc automatic; tiêu chí automatic có
          source headline|index, rule proportional|steps, steps và notEnoughData zero|manual); bands là các mức xếp loại (label, min, below; mức cao nhất có below
          là null). Điểm có tối đa hai chữ số thập phân.
        </p>
        <textarea
          id="rubric"
          name="rubric"
          rows={24}
          spellCheck={false}
          className="code-editor"
          defaultValue={state.values?.rubric ?? json}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? 'rubric-hint rubric-error' : 'rubric-hint'}
        />
        {errors.length ? (
          <div className="error" id="rubric-error">
            <p>Bộ tiêu chí chưa lưu được, cần sửa:</p>
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Nhập bộ tiêu chí từ JSON này'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
