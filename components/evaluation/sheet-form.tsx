'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** One criterion as the form shows it; numbers already formatted in vi-VN. */
export type SheetFormRow = {
  key: string;
  group: string;
  title: string;
  guidance: string;
  max: string;
  /** Points typed in this form, or computed (automatic criteria with enough data). */
  enterable: boolean;
  /** For a computed criterion: its points and what they rest on. */
  computed: { points: string; source: string; link: string | null } | null;
  /** The value to start from ("12,5"), note and links of this stage. */
  points: string;
  note: string;
  links: string;
  /** At review: what the office entered, shown beside. */
  self?: { points: string; note: string; links: string[] };
};

function describedBy(...ids: (string | false | undefined)[]) {
  return ids.filter(Boolean).join(' ') || undefined;
}

/**
 * The self-assessment (points, note and links per criterion) or the review
 * (the office's points beside the assessor's own, and a note). Every
 * problem comes back at once, tied to its field for screen readers.
 */
export function SheetForm({
  action,
  stage,
  periodId,
  unitId,
  rows,
}: {
  action: Action;
  stage: 'self' | 'review';
  periodId: number;
  unitId: number;
  rows: SheetFormRow[];
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const value = (name: string, fallback: string) => state.values?.[name] ?? fallback;
  const label = stage === 'self' ? 'Tự đánh giá' : 'Thẩm định';
  return (
    <form action={formAction} className="stack eval-sheet-form" noValidate aria-label={label}>
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="unitId" value={unitId} />
      {rows.map((r) => {
        const pid = `diem-${r.key}`;
        const nid = `ghi-chu-${r.key}`;
        const lid = `lien-ket-${r.key}`;
        const pErr = state.fieldErrors?.[pid];
        const nErr = state.fieldErrors?.[nid];
        const lErr = state.fieldErrors?.[lid];
        return (
          <fieldset key={r.key} className="eval-criterion">
            <legend>
              {r.title} <span className="muted">(tối đa {r.max} điểm · {r.group})</span>
            </legend>
            {r.guidance ? <p className="hint">{r.guidance}</p> : null}
            {r.self ? (
              <div className="eval-self">
                <p>
                  <strong>Đơn vị tự chấm:</strong> {r.self.points || 'chưa chấm'}
                </p>
                {r.self.note ? <p>Ghi chú: {r.self.note}</p> : null}
                {r.self.links.length ? (
                  <ul className="eval-links">
                    {r.self.links.map((l) => (
                      <li key={l}>
                        <a href={l} rel="noopener noreferrer nofollow" target="_blank">
                          {l}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            {r.computed ? (
              <div className="eval-computed">
                <p>
                  <strong>Điểm tính tự động: {r.computed.points}</strong>
                </p>
                <p>{r.computed.source}</p>
                {r.computed.link ? <a href={r.computed.link}>Xem số liệu trên trang thống kê</a> : null}
              </div>
            ) : null}
            {r.enterable ? (
              <>
                <div className="field">
                  <label htmlFor={pid}>{stage === 'self' ? 'Điểm tự chấm' : 'Điểm thẩm định'}</label>
                  <input
                    id={pid}
                    name={pid}
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    className="eval-points"
                    defaultValue={value(pid, r.points)}
                    aria-invalid={pErr ? true : undefined}
                    aria-describedby={describedBy(`${pid}-hint`, pErr && `${pid}-error`)}
                  />
                  <p className="hint" id={`${pid}-hint`}>
                    Từ 0 đến {r.max}, tối đa hai chữ số thập phân (ví dụ 12,5).
                  </p>
                  {pErr ? (
                    <p className="error" id={`${pid}-error`}>
                      {pErr}
                    </p>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor={nid}>{stage === 'self' ? 'Ghi chú, minh chứng' : 'Nhận xét thẩm định'}</label>
                  <textarea id={nid} name={nid} rows={2} maxLength={2000} defaultValue={value(nid, r.note)} aria-invalid={nErr ? true : undefined} aria-describedby={nErr ? `${nid}-error` : undefined} />
                  {nErr ? (
                    <p className="error" id={`${nid}-error`}>
                      {nErr}
                    </p>
                  ) : null}
                </div>
                {stage === 'self' ? (
                  <div className="field">
                    <label htmlFor={lid}>Đường dẫn minh chứng</label>
                    <textarea
                      id={lid}
                      name={lid}
                      rows={2}
                      defaultValue={value(lid, r.links)}
                      aria-invalid={lErr ? true : undefined}
                      aria-describedby={describedBy(`${lid}-hint`, lErr && `${lid}-error`)}
                    />
                    <p className="hint" id={`${lid}-hint`}>
                      Mỗi dòng một đường dẫn http(s), tối đa 5.
                    </p>
                    {lErr ? (
                      <p className="error" id={`${lid}-error`}>
                        {lErr}
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </>
            ) : null}
          </fieldset>
        );
      })}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : stage === 'self' ? 'Lưu tự đánh giá' : 'Lưu kết quả thẩm định'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
