'use client';

import { useActionState } from 'react';
import { Field, FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import type { EditableQuestion } from '@/lib/validation/question-sets';
import { COMMENT_MAX_LIMIT, fieldName, questionLabel, SHORT_MAX, TEXT_MAX } from '@/lib/validation/question-sets';
import { TextAreaField } from './text-area-field';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * Edits the texts, which optional questions are shown, and the comment
 * length. Saving writes version `baseVersion + 1`; the shown version stays as it is.
 */
export function QuestionSetEditForm(props: {
  action: Action;
  questionSetId: number;
  baseVersion: number;
  catalog: EditableQuestion[];
  commentMaxLength: number;
}) {
  const [state, formAction, pending] = useActionState(props.action, IDLE);
  const shown = (key: string, inLatest: boolean) => (state.values ? state.values[fieldName.show(key)] === 'on' : inLatest);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {state.fieldErrors?.form ? <p className="error">{state.fieldErrors.form}</p> : null}
      <input type="hidden" name="questionSetId" value={props.questionSetId} />
      <input type="hidden" name="baseVersion" value={props.baseVersion} />
      {props.catalog.map(({ question: q, inLatest }) => {
        const label = questionLabel(q.key);
        return (
          <fieldset key={q.key} className="box stack">
            <legend>
              {label} · {q.kind === 'scale5' ? 'Thang 5 mức' : q.multiple ? 'Chọn nhiều' : 'Chọn một'}
              {inLatest ? '' : ' · đã bỏ ở phiên bản trước'}
            </legend>
            {q.required ? (
              <p className="muted">Câu hỏi bắt buộc: luôn có trong bộ câu hỏi.</p>
            ) : (
              <label className="check">
                <input type="checkbox" name={fieldName.show(q.key)} defaultChecked={shown(q.key, inLatest)} />
                Hỏi câu này trong phiên bản mới
              </label>
            )}
            <TextAreaField name={fieldName.textVi(q.key)} label={`${label} — nội dung tiếng Việt`} state={state} defaultValue={q.text.vi} lang="vi" maxLength={TEXT_MAX} />
            <TextAreaField name={fieldName.textEn(q.key)} label={`${label} — nội dung tiếng Anh`} state={state} defaultValue={q.text.en} lang="en" maxLength={TEXT_MAX} />
            {q.kind === 'scale5' ? (
              <div className="field-pair">
                <Field name={fieldName.shortVi(q.key)} label={`${label} — tên ngắn (tiếng Việt)`} state={state} defaultValue={q.short.vi} hint={`Dùng trên bảng điều khiển; tối đa ${SHORT_MAX} ký tự.`} />
                <Field name={fieldName.shortEn(q.key)} label={`${label} — tên ngắn (tiếng Anh)`} state={state} defaultValue={q.short.en} />
              </div>
            ) : (
              <p className="muted">
                Các lựa chọn: {q.options.map((o) => o.label.vi).join(' · ')}
              </p>
            )}
          </fieldset>
        );
      })}
      <Field
        name="commentMaxLength"
        label="Độ dài tối đa của góp ý (ký tự)"
        type="number"
        state={state}
        defaultValue={String(props.commentMaxLength)}
        hint={`Từ 0 đến ${COMMENT_MAX_LIMIT}; 0 là không hỏi góp ý.`}
        required
      />
      <div className="row-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : `Lưu thành phiên bản ${props.baseVersion + 1}`}
        </button>
      </div>
    </form>
  );
}
