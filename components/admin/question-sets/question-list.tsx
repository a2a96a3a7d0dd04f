import { kioskScaleQuestions, type Question, type QuestionSetDefinition } from '@/lib/survey/question-set';

const KIND: Record<string, string> = { scale5: 'Thang 5 mức', single: 'Chọn một', multiple: 'Chọn nhiều' };

function kindOf(q: Question): string {
  if (q.kind === 'scale5') return KIND.scale5!;
  return `${q.multiple ? KIND.multiple : KIND.single}${q.onlyWhenLow ? ', chỉ hỏi khi chấm từ 3 trở xuống' : ''}`;
}

/** One version's questions, read-only, Vietnamese with the English beside it. */
export function QuestionList({ definition }: { definition: QuestionSetDefinition }) {
  const kiosk = kioskScaleQuestions(definition);
  return (
    <>
      <p>
        Kiosk hỏi {kiosk.length} câu, mỗi câu một màn hình mặt cười: {kiosk.map((q) => `${q.key.toUpperCase()} (${q.short.vi})`).join(', ')}.
      </p>
      <ol className="question-list">
        {definition.questions.map((q) => (
          <li key={q.key}>
            <p>
              <strong>{q.key.toUpperCase()}</strong> <span className="badge">{kindOf(q)}</span>{' '}
              {q.required ? <span className="badge on">Bắt buộc</span> : <span className="badge">Không bắt buộc</span>}
              {kiosk.includes(q as never) ? (
                <>
                  {' '}
                  <span className="badge on">Hỏi trên kiosk</span>
                </>
              ) : null}
            </p>
            <p>{q.text.vi}</p>
            <p className="muted" lang="en">
              {q.text.en}
            </p>
            {q.kind === 'scale5' ? (
              <p className="muted">
                Tên ngắn: {q.short.vi} / <span lang="en">{q.short.en}</span>
              </p>
            ) : (
              <ul className="muted">
                {q.options.map((o) => (
                  <li key={o.value}>
                    {o.label.vi} / <span lang="en">{o.label.en}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <p>
        Góp ý tự do: {definition.commentMaxLength === 0 ? 'không hỏi' : `tối đa ${definition.commentMaxLength} ký tự`}.
      </p>
    </>
  );
}
