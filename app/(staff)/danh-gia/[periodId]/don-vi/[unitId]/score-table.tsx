import { describeFigure } from '@/lib/evaluation/describe';
import { formatPoints } from '@/lib/evaluation/rubric';
import { fromX100 } from '@/lib/evaluation/scoring';
import type { SheetPage } from '@/server/evaluation';

/**
 * Every criterion with its maximum, the office's points and evidence, the
 * assessor's points and note, then group sums, the total and the class at
 * each stage. Shared by the sheet page and its printable layout.
 */
export function SheetScoreTable({ page, print = false }: { page: SheetPage; print?: boolean }) {
  const { period, scores, self, review } = page;
  const finalised = page.sheet?.status === 'finalised';
  const pts = (x100: number | null | undefined) => formatPoints(fromX100(x100));
  const groupOf = (score: typeof self, key: string) => score.groups.find((g) => g.key === key)!;
  let n = 0;
  return (
    <div className="table-scroll" role="region" aria-label="Bảng điểm theo tiêu chí" tabIndex={0}>
      <table className="data eval-score-table">
        <caption className={print ? 'visually-hidden' : undefined}>Điểm theo tiêu chí (tự chấm và thẩm định)</caption>
        <thead>
          <tr>
            <th scope="col">TT</th>
            <th scope="col">Tiêu chí</th>
            <th scope="col" className="num">
              Điểm tối đa
            </th>
            <th scope="col" className="num">
              Tự chấm
            </th>
            <th scope="col" className="num">
              Thẩm định
            </th>
            <th scope="col">Minh chứng, ghi chú</th>
          </tr>
        </thead>
        <tbody>
          {period.rubric.groups.map((g, gi) => [
            <tr key={g.key} className="eval-group-row">
              <th scope="row">{String.fromCharCode(65 + gi)}</th>
              <th scope="row">
                {g.title}
                {g.bonus ? ' (điểm thưởng)' : ''}
              </th>
              <td className="num">{formatPoints(g.max)}</td>
              <td className="num">{pts(groupOf(self, g.key).pointsX100)}</td>
              <td className="num">{pts(groupOf(review, g.key).pointsX100)}</td>
              <td />
            </tr>,
            ...g.criteria.map((c) => {
              n++;
              const s = scores.get(c.key);
              const selfPts = pts(page.selfPoints.get(c.key));
              const reviewPts = pts(page.reviewPoints.get(c.key));
              const figure = c.kind === 'automatic' ? (finalised && s?.source ? s.source : page.figures[c.source]) : null;
              return (
                <tr key={`${g.key}/${c.key}`}>
                  <td>{n}</td>
                  <td>{c.title}</td>
                  <td className="num">{formatPoints(c.max)}</td>
                  <td className="num">{selfPts}</td>
                  <td className="num">{reviewPts}</td>
                  <td>
                    {figure ? <p className="eval-cell-p">Tự động. {describeFigure(figure)}</p> : null}
                    {s?.selfNote ? <p className="eval-cell-p">Đơn vị: {s.selfNote}</p> : null}
                    {s?.selfLinks.length ? (
                      <ul className="eval-links">
                        {s.selfLinks.map((l) => (
                          <li key={l}>{print ? l : <a href={l} rel="noopener noreferrer nofollow" target="_blank">{l}</a>}</li>
                        ))}
                      </ul>
                    ) : null}
                    {s?.reviewNote ? <p className="eval-cell-p">Thẩm định: {s.reviewNote}</p> : null}
                  </td>
                </tr>
              );
            }),
          ])}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Tổng điểm
            </th>
            <td className="num">{formatPoints(period.rubric.total)}</td>
            <td className="num">{pts(self.totalX100)}</td>
            <td className="num">{pts(finalised ? (page.sheet?.finalTotal ?? review.totalX100) : review.totalX100)}</td>
            <td />
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              Xếp loại
            </th>
            <td />
            <td>{self.classification ?? (self.missing.length ? `chưa đủ (${self.missing.length} tiêu chí chưa chấm)` : '—')}</td>
            <td>{finalised ? page.sheet?.finalClass : (review.classification ?? (review.missing.length ? `chưa đủ (${review.missing.length} tiêu chí chưa chấm)` : '—'))}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

