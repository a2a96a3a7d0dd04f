import { ActionForm } from '@/components/recognition/action-form';
import { formatDay } from '@/lib/evaluation/describe';
import type { FormState } from '@/lib/form-state';
import { formatDateTime } from '@/lib/format';
import { RECOMMENDATION_STATUS_LABELS } from '@/lib/supervision';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

type Recommendation = {
  id: number;
  text: string;
  status: keyof typeof RECOMMENDATION_STATUS_LABELS;
  answer: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
  doneAt: Date | null;
};

export type VisitView = {
  id: number;
  unitName: string;
  periodName: string;
  organisationName: string;
  visitedOn: string;
  findings: string;
  evidenceLinks: string[];
  createdByName: string;
  recommendations: Recommendation[];
};

/**
 * Supervision visits as everyone who may read them sees them: who wrote each
 * (their organisation first), the findings, the evidence, and each
 * recommendation with its status and the office's answer. With
 * `answerAction` (the office head) an open recommendation carries its
 * answer form. `headingLevel` fits the page the list sits in.
 */
export function VisitList({ visits, answerAction, headingLevel = 3 }: { visits: VisitView[]; answerAction?: Action; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="plain-list stack">
      {visits.map((v) => (
        <li key={v.id} className="box stack">
          <H>
            {v.organisationName} — {v.unitName}, ngày {formatDay(v.visitedOn)}
          </H>
          <p className="muted">
            {v.periodName} · ghi bởi {v.createdByName} ({v.organisationName})
          </p>
          <div>
            <strong>Kết quả giám sát:</strong>
            <p className="pre-line">{v.findings}</p>
          </div>
          {v.evidenceLinks.length ? (
            <div>
              <strong>Minh chứng:</strong>
              <ul className="plain-list">
                {v.evidenceLinks.map((l) => (
                  <li key={l}>
                    <a href={l} rel="noopener noreferrer nofollow" target="_blank">
                      {l}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {v.recommendations.length === 0 ? (
            <p>Không có kiến nghị.</p>
          ) : (
            <ol className="stack" aria-label={`Kiến nghị của ${v.organisationName} ngày ${formatDay(v.visitedOn)}`}>
              {v.recommendations.map((r) => (
                <li key={r.id} className="stack">
                  <p>
                    <strong>Kiến nghị:</strong> {r.text}
                  </p>
                  <p>
                    <span className={r.status === 'done' ? 'badge on' : 'badge'}>{RECOMMENDATION_STATUS_LABELS[r.status]}</span>
                    {r.doneAt ? <span className="muted"> · xong lúc {formatDateTime(r.doneAt)}</span> : null}
                  </p>
                  {r.answer ? (
                    <p>
                      <strong>Trả lời của đơn vị</strong>
                      {r.answeredByName ? ` (${r.answeredByName}${r.answeredAt ? `, ${formatDateTime(r.answeredAt)}` : ''})` : ''}: <span className="pre-line">{r.answer}</span>
                    </p>
                  ) : null}
                  {answerAction && r.status !== 'done' ? (
                    <details>
                      <summary>{r.answer ? 'Sửa câu trả lời / đánh dấu đã xong' : 'Trả lời kiến nghị'}</summary>
                      <ActionForm
                        action={answerAction}
                        label={`Trả lời kiến nghị: ${r.text.slice(0, 60)}`}
                        submit="Gửi trả lời"
                        pending="Đang gửi…"
                        idPrefix={`kn-${r.id}`}
                        fields={[
                          { kind: 'hidden', name: 'recommendationId', value: String(r.id) },
                          { kind: 'textarea', name: 'answer', label: 'Nội dung trả lời', defaultValue: r.answer ?? '', rows: 3 },
                          { kind: 'checkbox', name: 'done', label: 'Đã thực hiện xong kiến nghị này' },
                        ]}
                      />
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </li>
      ))}
    </ol>
  );
}
