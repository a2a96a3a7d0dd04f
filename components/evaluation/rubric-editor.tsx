'use client';

import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { FormMessage, HintAndError } from '@/components/ui/field';
import { NOT_ENOUGH_DATA_RULE_LABELS, POINTS_RULE_LABELS, SATISFACTION_SOURCE_LABELS, SATISFACTION_SOURCES, NOT_ENOUGH_DATA_RULES } from '@/lib/evaluation/rubric';
import {
  checkRubricDraft,
  draftOfFields,
  fieldName,
  freshKey,
  newCriterion,
  parseTypedNumber,
  typedNumber,
  type DraftBand,
  type DraftCriterion,
  type DraftGroup,
  type RubricDraft,
} from '@/lib/evaluation/rubric-form';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Problems of the last check: on their fields, and all of them for the summary. */
type Problems = { fieldErrors: Record<string, string>; problems: string[] };
const NO_PROBLEMS: Problems = { fieldErrors: {}, problems: [] };
const noSubscription = () => () => {};

const move = <T,>(xs: readonly T[], i: number, by: -1 | 1): T[] => {
  const out = [...xs];
  const j = i + by;
  if (j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
};

/** A labelled text field with its error, tied for screen readers. */
function TextField({
  name,
  label,
  value,
  onChange,
  error,
  numeric,
  wide,
  hint,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  numeric?: boolean;
  wide?: boolean;
  hint?: string;
}) {
  const id = `rb-${name.replaceAll('.', '-')}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' rubric-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        size={numeric ? 7 : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

function Select<T extends string>({ name, label, value, options, onChange }: { name: string; label: string; value: T; options: readonly [T, string][]; onChange: (v: T) => void }) {
  const id = `rb-${name.replaceAll('.', '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Add, remove and reorder need JavaScript: without it the buttons are not shown, and the fields still edit and save. */
function Tool({ shown, onClick, children, label }: { shown: boolean; onClick: () => void; children: ReactNode; label?: string }) {
  if (!shown) return null;
  return (
    <button type="button" className="button secondary small" onClick={onClick} aria-label={label}>
      {children}
    </button>
  );
}

const pointsSum = (xs: readonly string[]) => xs.reduce((sum, x) => sum + (Number.isNaN(parseTypedNumber(x)) ? 0 : Math.round(parseTypedNumber(x) * 100)), 0) / 100;

/**
 * The rubric as a form (docs/decisions/012-evaluation.md, revised): groups
 * with their criteria, each criterion manual or automatic (source, rule,
 * step table, what happens without enough data), and the classification
 * bands; rows are added, removed and moved in the browser. Checked before it
 * is sent by the same rules the server applies (lib/evaluation/rubric-form.ts),
 * every problem on its field and in a summary at the top.
 */
export function RubricStructuredEditor({ action, periodId, initial }: { action: Action; periodId: number; initial: RubricDraft }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  // A refused form without JavaScript comes back rendered by the server: with what was typed, not the stored rubric.
  const [draft, setDraft] = useState(() => (state.values ? draftOfFields(state.values) : initial));
  const [checked, setChecked] = useState<Problems>(NO_PROBLEMS);
  // False in the server's HTML and before hydration: the add/remove/move buttons appear only once they can work.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const summary = useRef<HTMLDivElement>(null);

  // The server's answer wins over an older check in the browser (another administrator may have changed something).
  const serverProblems = state.status === 'error' && state.fieldErrors?._problems ? state.fieldErrors._problems.split('\n') : null;
  const shown: Problems = serverProblems ? { fieldErrors: state.fieldErrors ?? {}, problems: serverProblems } : checked;
  const err = (name: string) => shown.fieldErrors[name];
  useEffect(() => {
    if (serverProblems) summary.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const setGroup = (gi: number, change: Partial<DraftGroup>) => setDraft((d) => ({ ...d, groups: d.groups.map((g, i) => (i === gi ? { ...g, ...change } : g)) }));
  const setCriterion = (gi: number, ci: number, change: Partial<DraftCriterion>) =>
    setDraft((d) => ({ ...d, groups: d.groups.map((g, i) => (i === gi ? { ...g, criteria: g.criteria.map((c, j) => (j === ci ? { ...c, ...change } : c)) } : g)) }));
  const setBand = (bi: number, change: Partial<DraftBand>) => setDraft((d) => ({ ...d, bands: d.bands.map((b, i) => (i === bi ? { ...b, ...change } : b)) }));
  const allCriterionKeys = () => draft.groups.flatMap((g) => g.criteria.map((c) => c.key));

  const base = pointsSum(draft.groups.filter((g) => !g.bonus).map((g) => g.max));

  return (
    <form
      action={formAction}
      className="stack rubric-editor"
      noValidate
      aria-label="Sửa bộ tiêu chí"
      onSubmit={(e) => {
        const result = checkRubricDraft(draft);
        if (result.ok) {
          setChecked(NO_PROBLEMS);
          return;
        }
        e.preventDefault();
        setChecked({ fieldErrors: result.fieldErrors, problems: result.problems });
        requestAnimationFrame(() => summary.current?.focus());
      }}
    >
      <input type="hidden" name="periodId" value={periodId} />
      <noscript>
        <p className="hint">Thêm, xoá hoặc đổi thứ tự nhóm, tiêu chí, mức xếp loại cần JavaScript; không có JavaScript vẫn sửa và lưu được nội dung các ô, hoặc dùng JSON ở cuối trang.</p>
      </noscript>
      <div ref={summary} tabIndex={-1} className={shown.problems.length ? 'error-summary' : undefined} aria-live="assertive">
        {shown.problems.length ? (
          <>
            <h3>Bộ tiêu chí chưa lưu được, cần sửa {shown.problems.length} chỗ:</h3>
            <ul>
              {shown.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>

      <div className="rubric-row">
        <TextField name={fieldName.total} label="Tổng điểm" numeric value={draft.total} onChange={(total) => setDraft((d) => ({ ...d, total }))} error={err('total')} hint={`Các nhóm (không kể điểm thưởng) hiện cộng lại: ${typedNumber(base)}.`} />
        <Select
          name={fieldName.bonusCap}
          label="Điểm thưởng"
          value={draft.bonusCap}
          options={[
            ['total', 'Cộng vào nhưng tổng không vượt tổng điểm'],
            ['none', 'Cộng vào, tổng được vượt tổng điểm'],
          ]}
          onChange={(bonusCap) => setDraft((d) => ({ ...d, bonusCap }))}
        />
      </div>

      <h3>Nhóm tiêu chí</h3>
      {draft.groups.map((g, gi) => {
        const sum = pointsSum(g.criteria.map((c) => c.max));
        return (
          <fieldset key={`${g.key}-${gi}`} className="box stack rubric-group">
            <legend>
              Nhóm {gi + 1}
              {g.title.trim() ? `: ${g.title.trim()}` : ''}
            </legend>
            <input type="hidden" name={fieldName.group(gi, 'key')} value={g.key} />
            <div className="rubric-row">
              <TextField name={fieldName.group(gi, 'title')} label="Tên nhóm" wide value={g.title} onChange={(title) => setGroup(gi, { title })} error={err(fieldName.group(gi, 'title'))} />
              <TextField
                name={fieldName.group(gi, 'max')}
                label="Điểm tối đa của nhóm"
                numeric
                value={g.max}
                onChange={(max) => setGroup(gi, { max })}
                error={err(fieldName.group(gi, 'max'))}
                hint={`Các tiêu chí cộng lại: ${typedNumber(sum)}.`}
              />
              <div className="field checkbox-field">
                <input id={`rb-g-${gi}-bonus`} type="checkbox" name={fieldName.group(gi, 'bonus')} value="1" checked={g.bonus} onChange={(e) => setGroup(gi, { bonus: e.target.checked })} />
                <label htmlFor={`rb-g-${gi}-bonus`}>Điểm thưởng (không tính vào tổng điểm)</label>
              </div>
            </div>
            {g.criteria.map((c, ci) => (
              <fieldset key={`${c.key}-${ci}`} className="box stack rubric-criterion">
                <legend>
                  Tiêu chí {gi + 1}.{ci + 1}
                  {c.title.trim() ? `: ${c.title.trim()}` : ''}
                </legend>
                <input type="hidden" name={fieldName.criterion(gi, ci, 'key')} value={c.key} />
                <div className="rubric-row">
                  <TextField name={fieldName.criterion(gi, ci, 'title')} label="Tên tiêu chí" wide value={c.title} onChange={(title) => setCriterion(gi, ci, { title })} error={err(fieldName.criterion(gi, ci, 'title'))} />
                  <TextField name={fieldName.criterion(gi, ci, 'max')} label="Điểm tối đa" numeric value={c.max} onChange={(max) => setCriterion(gi, ci, { max })} error={err(fieldName.criterion(gi, ci, 'max'))} />
                  <Select
                    name={fieldName.criterion(gi, ci, 'kind')}
                    label="Cách chấm"
                    value={c.kind}
                    options={[
                      ['manual', 'Chấm tay, có minh chứng'],
                      ['automatic', 'Tự động từ số liệu hài lòng'],
                    ]}
                    onChange={(kind) => setCriterion(gi, ci, { kind })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`rb-g-${gi}-c-${ci}-guidance`}>Hướng dẫn chấm</label>
                  <textarea
                    id={`rb-g-${gi}-c-${ci}-guidance`}
                    name={fieldName.criterion(gi, ci, 'guidance')}
                    rows={2}
                    maxLength={2000}
                    value={c.guidance}
                    onChange={(e) => setCriterion(gi, ci, { guidance: e.target.value })}
                  />
                </div>
                {c.kind === 'automatic' ? (
                  <div className="stack">
                    <div className="rubric-row">
                      <Select name={fieldName.criterion(gi, ci, 'source')} label="Nguồn số liệu" value={c.source} options={SATISFACTION_SOURCES.map((s) => [s, SATISFACTION_SOURCE_LABELS[s]] as [typeof s, string])} onChange={(source) => setCriterion(gi, ci, { source })} />
                      <Select
                        name={fieldName.criterion(gi, ci, 'rule')}
                        label="Công thức"
                        value={c.rule}
                        options={[
                          ['steps', POINTS_RULE_LABELS.steps],
                          ['proportional', POINTS_RULE_LABELS.proportional],
                        ]}
                        onChange={(rule) => setCriterion(gi, ci, { rule })}
                      />
                      <Select
                        name={fieldName.criterion(gi, ci, 'notEnoughData')}
                        label="Khi chưa đủ dữ liệu"
                        value={c.notEnoughData}
                        options={NOT_ENOUGH_DATA_RULES.map((r) => [r, NOT_ENOUGH_DATA_RULE_LABELS[r]] as [typeof r, string])}
                        onChange={(notEnoughData) => setCriterion(gi, ci, { notEnoughData })}
                      />
                    </div>
                    {c.rule === 'steps' ? (
                      <fieldset className="stack rubric-steps" aria-describedby={err(fieldName.criterion(gi, ci, 'steps')) ? `rb-g-${gi}-c-${ci}-steps-error` : undefined}>
                        <legend>Bậc thang: tỷ lệ hài lòng từ … được … phần trăm điểm tối đa</legend>
                        {c.steps.map((s, si) => (
                          <div className="rubric-row" key={si}>
                            <TextField name={fieldName.step(gi, ci, si, 'min')} label={`Bậc ${si + 1}: tỷ lệ từ (%)`} numeric value={s.min} onChange={(min) => setCriterion(gi, ci, { steps: c.steps.map((x, k) => (k === si ? { ...x, min } : x)) })} error={err(fieldName.step(gi, ci, si, 'min'))} />
                            <TextField name={fieldName.step(gi, ci, si, 'share')} label={`Bậc ${si + 1}: được (% điểm tối đa)`} numeric value={s.share} onChange={(share) => setCriterion(gi, ci, { steps: c.steps.map((x, k) => (k === si ? { ...x, share } : x)) })} error={err(fieldName.step(gi, ci, si, 'share'))} />
                            <Tool shown={hydrated} onClick={() => setCriterion(gi, ci, { steps: c.steps.filter((_, k) => k !== si) })} label={`Xoá bậc ${si + 1} của tiêu chí ${gi + 1}.${ci + 1}`}>
                              Xoá bậc
                            </Tool>
                          </div>
                        ))}
                        {err(fieldName.criterion(gi, ci, 'steps')) ? (
                          <p className="error" id={`rb-g-${gi}-c-${ci}-steps-error`}>
                            {err(fieldName.criterion(gi, ci, 'steps'))}
                          </p>
                        ) : null}
                        <p className="hint">Thấp hơn bậc cuối: 0 điểm.</p>
                        <div>
                          <Tool shown={hydrated} onClick={() => setCriterion(gi, ci, { steps: [...c.steps, { min: '', share: '' }] })} label={`Thêm bậc cho tiêu chí ${gi + 1}.${ci + 1}`}>
                            Thêm bậc
                          </Tool>
                        </div>
                      </fieldset>
                    ) : null}
                  </div>
                ) : null}
                <div className="report-toolbar">
                  <Tool shown={hydrated && ci > 0} onClick={() => setGroup(gi, { criteria: move(g.criteria, ci, -1) })} label={`Chuyển tiêu chí ${gi + 1}.${ci + 1} lên`}>
                    ↑ Lên
                  </Tool>
                  <Tool shown={hydrated && ci < g.criteria.length - 1} onClick={() => setGroup(gi, { criteria: move(g.criteria, ci, 1) })} label={`Chuyển tiêu chí ${gi + 1}.${ci + 1} xuống`}>
                    ↓ Xuống
                  </Tool>
                  <Tool shown={hydrated} onClick={() => setGroup(gi, { criteria: g.criteria.filter((_, k) => k !== ci) })} label={`Xoá tiêu chí ${gi + 1}.${ci + 1}`}>
                    Xoá tiêu chí
                  </Tool>
                </div>
              </fieldset>
            ))}
            <div className="report-toolbar">
              <Tool shown={hydrated} onClick={() => setGroup(gi, { criteria: [...g.criteria, newCriterion(freshKey('tieu-chi', allCriterionKeys()))] })} label={`Thêm tiêu chí vào nhóm ${gi + 1}`}>
                Thêm tiêu chí
              </Tool>
              <Tool shown={hydrated && gi > 0} onClick={() => setDraft((d) => ({ ...d, groups: move(d.groups, gi, -1) }))} label={`Chuyển nhóm ${gi + 1} lên`}>
                ↑ Lên
              </Tool>
              <Tool shown={hydrated && gi < draft.groups.length - 1} onClick={() => setDraft((d) => ({ ...d, groups: move(d.groups, gi, 1) }))} label={`Chuyển nhóm ${gi + 1} xuống`}>
                ↓ Xuống
              </Tool>
              <Tool shown={hydrated} onClick={() => setDraft((d) => ({ ...d, groups: d.groups.filter((_, k) => k !== gi) }))} label={`Xoá nhóm ${gi + 1}`}>
                Xoá nhóm
              </Tool>
            </div>
          </fieldset>
        );
      })}
      <div>
        <Tool
          shown={hydrated}
          onClick={() =>
            setDraft((d) => ({
              ...d,
              groups: [...d.groups, { key: freshKey('nhom', d.groups.map((g) => g.key)), title: '', bonus: false, max: '', criteria: [newCriterion(freshKey('tieu-chi', allCriterionKeys()))] }],
            }))
          }
        >
          Thêm nhóm tiêu chí
        </Tool>
      </div>

      <fieldset className="box stack">
        <legend>Mức xếp loại</legend>
        <p className="hint">Mỗi mức từ “điểm từ” đến dưới “điểm dưới”; mức cao nhất để trống “điểm dưới”. Các mức bắt đầu từ 0 và nối liền nhau.</p>
        {draft.bands.map((b, bi) => (
          <div key={bi} className="stack">
            <div className="rubric-row">
              <TextField name={fieldName.band(bi, 'label')} label={`Mức ${bi + 1}: tên`} value={b.label} onChange={(label) => setBand(bi, { label })} error={err(fieldName.band(bi, 'label'))} />
              <TextField name={fieldName.band(bi, 'min')} label={`Mức ${bi + 1}: điểm từ`} numeric value={b.min} onChange={(min) => setBand(bi, { min })} error={err(fieldName.band(bi, 'min'))} />
              <TextField name={fieldName.band(bi, 'below')} label={`Mức ${bi + 1}: điểm dưới`} numeric value={b.below} onChange={(below) => setBand(bi, { below })} error={err(fieldName.band(bi, 'below'))} />
              <Tool shown={hydrated} onClick={() => setDraft((d) => ({ ...d, bands: d.bands.filter((_, k) => k !== bi) }))} label={`Xoá mức ${bi + 1}`}>
                Xoá mức
              </Tool>
            </div>
            {err(fieldName.band(bi, 'row')) ? <p className="error">{err(fieldName.band(bi, 'row'))}</p> : null}
          </div>
        ))}
        <div>
          <Tool shown={hydrated} onClick={() => setDraft((d) => ({ ...d, bands: [...d.bands, { label: '', min: '', below: '' }] }))}>
            Thêm mức xếp loại
          </Tool>
        </div>
      </fieldset>

      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Lưu bộ tiêu chí'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
