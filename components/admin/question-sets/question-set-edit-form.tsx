'use client';

import { useActionState } from 'react';
import { Field, FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import type { EditableQuestion } from '@/lib/validation/question-sets';
import { COMMENT_MAX_LIMIT, defaultKioskKeys, fieldName, KIOSK_FIELD, questionLabel, SHORT_MAX, TEXT_MAX } from '@/lib/validation/question-sets';
import { KIOSK_QUESTIONS_MAX } from '@/lib/survey/question-set';
import { TextAreaField } from './text-area-field';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * Edits the texts, which optional questions are shown, which scale
 * questions the kiosk asks (one smiley screen each), and the comment
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
  const kioskKeys = defaultKioskKeys(props.catalog);
  const onKiosk = (key: string) => (state.values ? state.values[fieldName.kiosk(key)] === 'on' : kioskKeys.includes(key));
  const kioskError = state.fieldErrors?.[KIOSK_FIELD];
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {state.fieldErrors?.form ? <p className="error">{state.fieldErrors.form}</p> : null}
      <input type="hidden" name="questionSetId" value={props.questionSetId} />
      <input type="hidden" name="baseVersion" value={props.baseVersion} />
      <p className="hint" id="kiosk-questions-hint">
        Kiosk hỏi các câu thang 5 mức được đánh dấu “Hỏi trên kiosk”, mỗi câu một màn hình mặt cười lớn, theo thứ tự trong bộ; câu đầu tiên ở ngay màn hình chờ. Chọn
        từ 1 đến {KIOSK_QUESTIONS_MAX} câu.
      </p>
      {kioskError ? (
        <p className="error" id="kiosk-questions-error">
          {kioskError}
        </p>
      ) : null}
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
              <label className="check">
                <input
                  type="checkbox"
                  name={fieldName.kiosk(q.key)}
                  defaultChecked={onKiosk(q.key)}
                  aria-describedby={kioskError ? 'kiosk-questions-hint kiosk-questions-error' : 'kiosk-questions-hint'}
                  aria-invalid={kioskError ? true : undefined}
                />
                Hỏi trên kiosk
              </label>
            ) : null}
            {q.kind === 'scale5' ? (
              <div className="field-pair">
                <Field name={fieldName.shortVi(q.key)} label={`${label} — tên ngắn (tiếng Việt)`} state={state} defaultValue={q.short.vi} hint={`Dùng trên bảng điều khiển; tối đa ${SHORT_MAX} ký tự.`} />
                <Field name={fieldName.shortEn(q.key)} label={`${label} — tên ngắn (tiếng Anh)`} state={state} defaultValue={q.short.en} />
              </div>
            ) : (
              <fieldset className="stack">
                <legend>Các lựa chọn — đánh dấu lựa chọn báo hiệu vấn đề liêm chính</legend>
                <p className="hint" id={`${q.key}-integrity-hint`}>
                  Người dân chọn lựa chọn được đánh dấu (bị gây phiền hà, bị đòi tiền hoặc giấy tờ ngoài quy định) thì hệ thống tạo một phản ánh liêm chính, gửi thủ
                  trưởng đơn vị và Thanh tra.
                </p>
                {q.options.map((o) => (
                  <label key={o.value} className="check">
                    <input
                      type="checkbox"
                      name={fieldName.integrity(q.key, o.value)}
                      defaultChecked={state.values ? state.values[fieldName.integrity(q.key, o.value)] === 'on' : Boolean(o.integrity)}
                      aria-describedby={`${q.key}-integrity-hint`}
                    />
                    “{o.label.vi}” báo hiệu vấn đề liêm chính
                  </label>
                ))}
              </fieldset>
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
